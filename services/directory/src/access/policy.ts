import { allow, isCoordinatorOf, isMethodologistOf, isRegionalOperator, Placement, requireUser, UserClaims } from '@mms/auth';
import { ForbiddenError, RowFilter } from '@mms/eventsourcing/core';

/**
 * Every role check of the directory. Pure functions of the verified claims and of where
 * the entity belongs *as its own stream says* (handlers pass the stream's tenant and
 * state), never of client input about the caller.
 */

export const onboarder = (user: UserClaims | null): UserClaims => {
  const u = requireUser(user);
  allow(isRegionalOperator(u), 'only the regional operator may onboard a municipality');
  return u;
};

/** New organisations: the methodologist, in their own municipality. */
export const organizationRegistrar = (user: UserClaims | null): { tenantId: string; user: UserClaims } => {
  const u = requireUser(user);
  allow(isMethodologistOf(u), 'only a municipal methodologist may change organisations');
  return { tenantId: u.municipalityId!, user: u };
};

/** Changes to an organisation: the methodologist of the municipality that holds it. */
export const organizationWriter = (user: UserClaims | null, municipalityId: string): UserClaims => {
  const u = requireUser(user);
  allow(isMethodologistOf(u, municipalityId), 'only the municipal methodologist of the organisation’s municipality may change it');
  return u;
};

/** New educators: the methodologist anywhere in their municipality, a coordinator in their own school. */
export const educatorRegistrar = (user: UserClaims | null, organizationId: string): { tenantId: string; user: UserClaims } => {
  const u = requireUser(user);
  const municipalityId = u.municipalityId ?? '';
  allow(
    isMethodologistOf(u) || isCoordinatorOf(u, { municipalityId, organizationId }),
    u.role === 'school_coordinator'
      ? 'a school coordinator may change only their own school’s educators'
      : 'only a municipal methodologist or a school coordinator may change educators',
  );
  return { tenantId: municipalityId, user: u };
};

/** Who may change educators at all (before the record is read): a methodologist or a school coordinator. */
export const educatorEditor = (user: UserClaims | null): UserClaims => {
  const u = requireUser(user);
  allow(isMethodologistOf(u) || u.role === 'school_coordinator', 'only a municipal methodologist or a school coordinator may change educators');
  return u;
};

/** Changes to an educator's record: the methodologist of the municipality that holds it, or the coordinator of the school. */
export const educatorWriter = (user: UserClaims | null, placement: Placement): UserClaims => {
  const u = requireUser(user);
  allow(
    isMethodologistOf(u, placement.municipalityId) || isCoordinatorOf(u, placement),
    u.role === 'school_coordinator'
      ? 'a school coordinator may change only their own school’s educators'
      : 'only the methodologist of the educator’s municipality or the coordinator of their school may change the record',
  );
  return u;
};

/**
 * Moving an educator to another school (or municipality), and erasing personal data: the
 * methodologist of the municipality that holds the record (a coordinator's scope is one school).
 */
export const educatorManager = (user: UserClaims | null, placement: Placement, what: string): UserClaims => {
  const u = requireUser(user);
  allow(isMethodologistOf(u, placement.municipalityId), `only the municipal methodologist of the educator’s municipality may ${what}`);
  return u;
};

/** The regional operator names a municipality; everyone else reads their own. */
export const checkMunicipalityFilter = (user: UserClaims | null, municipalityId?: string | null) => {
  if (municipalityId && user && !isRegionalOperator(user) && municipalityId !== user.municipalityId) {
    throw new ForbiddenError('only the regional operator may read another municipality');
  }
};

/** What educator rows a reader may see, as a filter; null = nothing. */
export const educatorReadScope = (user: UserClaims | null, requestedMunicipality?: string | null): RowFilter | null => {
  if (!user) return null;
  switch (user.role) {
    case 'regional_operator':
      return requestedMunicipality ? { tenantId: requestedMunicipality } : {};
    case 'municipal_methodologist':
      return { tenantId: user.municipalityId };
    case 'school_coordinator':
      return { tenantId: user.municipalityId, organizationId: user.organizationId ?? '\u0000none' };
    case 'teacher':
      return user.educatorId ? { tenantId: user.municipalityId, educatorId: user.educatorId } : null;
    default:
      return null;
  }
};

/** Organisations are public reference data within their scope. */
export const organizationReadScope = (user: UserClaims | null, requestedMunicipality?: string | null): RowFilter => {
  if (!user || isRegionalOperator(user)) return requestedMunicipality ? { tenantId: requestedMunicipality } : {};
  return { tenantId: user.municipalityId };
};

export const municipalityReadScope = (user: UserClaims | null): RowFilter => {
  if (!user || isRegionalOperator(user)) return {};
  return { _id: user.municipalityId };
};

/** Whether the reader may see a municipality's (or its organisation's) stream while the read model lags. */
export const maySeeMunicipality = (user: UserClaims | null, municipalityId: string) =>
  !user || isRegionalOperator(user) || user.municipalityId === municipalityId;

/** Whether the reader may see every municipality's record of a transferred educator (their whole history). */
export const seesEveryMunicipality = (user: UserClaims | null) => isRegionalOperator(user);
