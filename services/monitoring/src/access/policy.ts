import { UserClaims } from '@mms/auth';
import { ForbiddenError, ValidationError } from '@mms/eventsourcing';

/**
 * Who may read which indicators. Pure functions of the verified claims: the tenant comes
 * from the claims only; an id in the arguments merely selects within what they allow.
 */
export type IndicatorReader = { readonly kind: 'region' } | { readonly kind: 'municipality'; readonly municipalityId: string };

/** The regional operator reads everything; a methodologist or a coordinator, their municipality. */
export const indicatorReader = (user: UserClaims | null): IndicatorReader => {
  if (!user) throw new ForbiddenError('sign in to read indicators');
  if (user.role === 'regional_operator') return { kind: 'region' };
  if ((user.role === 'municipal_methodologist' || user.role === 'school_coordinator') && user.municipalityId) {
    return { kind: 'municipality', municipalityId: user.municipalityId };
  }
  throw new ForbiddenError('indicators are for the regional operator, municipal methodologists and school coordinators');
};

export const mayRead = (reader: IndicatorReader, municipalityId: string): boolean =>
  reader.kind === 'region' || reader.municipalityId === municipalityId;

export const requireMayRead = (reader: IndicatorReader, municipalityId: string, what: string): void => {
  if (!mayRead(reader, municipalityId)) throw new ForbiddenError(`${what} belongs to another municipality`);
};

/** A municipal user's own municipality by default; the regional operator must name one. */
export const municipalityToRead = (reader: IndicatorReader, requested: string | null | undefined): string => {
  if (reader.kind === 'municipality') {
    const id = requested ?? reader.municipalityId;
    requireMayRead(reader, id, `municipality ${id}`);
    return id;
  }
  if (!requested) {
    throw new ValidationError('municipalityId is required for the regional operator', [
      { field: 'municipalityId', message: 'is required for the regional operator' },
    ]);
  }
  return requested;
};

/** Comparing municipalities is a regional job. */
export const requireRegionalReader = (user: UserClaims | null): void => {
  if (indicatorReader(user).kind !== 'region') throw new ForbiddenError('only the regional operator may compare municipalities');
};
