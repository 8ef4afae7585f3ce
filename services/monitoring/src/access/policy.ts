import { allow, isCoordinatorOf, isMethodologistOf, isRegionalOperator, ownMunicipality, requireUser, UserClaims } from '@mms/auth';
import { ValidationError } from '@mms/eventsourcing/core';

/**
 * Who may read which indicators. Pure functions of the verified claims: the tenant comes
 * from the claims only; an id in the arguments merely selects within what they allow.
 */
export type IndicatorReader = { readonly kind: 'region' } | { readonly kind: 'municipality'; readonly municipalityId: string };

const READERS = 'indicators are for the regional operator, municipal methodologists and school coordinators';

/** The regional operator reads everything; a methodologist or a coordinator (of their own school), their municipality. */
export const indicatorReader = (claims: UserClaims | null): IndicatorReader => {
  const user = requireUser(claims);
  if (isRegionalOperator(user)) return { kind: 'region' };
  const own = ownMunicipality(user);
  const municipal = !!own && (isMethodologistOf(user, own) || isCoordinatorOf(user, { municipalityId: own, organizationId: user.organizationId }));
  allow(municipal, READERS);
  return { kind: 'municipality', municipalityId: own! };
};

export const mayRead = (reader: IndicatorReader, municipalityId: string): boolean => reader.kind === 'region' || reader.municipalityId === municipalityId;

export const requireMayRead = (reader: IndicatorReader, municipalityId: string, what: string): void =>
  allow(mayRead(reader, municipalityId), `${what} belongs to another municipality`);

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
export const requireRegionalReader = (user: UserClaims | null): void =>
  allow(indicatorReader(user).kind === 'region', 'only the regional operator may compare municipalities');
