import { UserClaims } from '@mms/auth';
import { ForbiddenError } from '@mms/eventsourcing';

/**
 * Who may do what in the directory. Pure functions of the verified claims; the
 * tenant always comes from the claims, never from input.
 */

export const requireUser = (user: UserClaims | null): UserClaims => {
  if (!user) throw new ForbiddenError('sign in to do this');
  return user;
};

export const requireRegionalOperator = (user: UserClaims | null): UserClaims => {
  const u = requireUser(user);
  if (u.role !== 'regional_operator') throw new ForbiddenError('only the regional operator may do this');
  return u;
};

/** Writes to organisations: the municipality's methodologist. */
export const organizationWriter = (user: UserClaims | null): { tenantId: string; user: UserClaims } => {
  const u = requireUser(user);
  if (u.role !== 'municipal_methodologist' || !u.municipalityId) {
    throw new ForbiddenError('only a municipal methodologist may change organisations');
  }
  return { tenantId: u.municipalityId, user: u };
};

/**
 * Writes to educators: the methodologist for the whole municipality; a school
 * coordinator for their own school only.
 */
export const educatorWriter = (
  user: UserClaims | null,
  organizationIds: string[],
): { tenantId: string; user: UserClaims } => {
  const u = requireUser(user);
  if (u.role === 'municipal_methodologist' && u.municipalityId) return { tenantId: u.municipalityId, user: u };
  if (u.role === 'school_coordinator' && u.municipalityId && u.organizationId) {
    if (organizationIds.every((id) => id === u.organizationId)) return { tenantId: u.municipalityId, user: u };
    throw new ForbiddenError('a school coordinator may change only their own school’s educators');
  }
  throw new ForbiddenError('only a municipal methodologist or a school coordinator may change educators');
};

/** Cross-municipality transfer: the releasing municipality's methodologist. */
export const transferWriter = (user: UserClaims | null) => {
  const u = requireUser(user);
  if (u.role !== 'municipal_methodologist' || !u.municipalityId) {
    throw new ForbiddenError('only the releasing municipality’s methodologist may transfer an educator to another municipality');
  }
  return { tenantId: u.municipalityId, user: u };
};

/** What educator rows a reader may see, as a filter; null = nothing. */
export const educatorReadScope = (
  user: UserClaims | null,
  requestedMunicipality?: string | null,
): Record<string, unknown> | null => {
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

/** Organisations and municipalities are public reference data within their scope. */
export const organizationReadScope = (
  user: UserClaims | null,
  requestedMunicipality?: string | null,
): Record<string, unknown> => {
  if (!user || user.role === 'regional_operator') return requestedMunicipality ? { tenantId: requestedMunicipality } : {};
  return { tenantId: user.municipalityId };
};

export const municipalityReadScope = (user: UserClaims | null): Record<string, unknown> => {
  if (!user || user.role === 'regional_operator') return {};
  return { _id: user.municipalityId };
};
