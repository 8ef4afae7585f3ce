import { ForbiddenError } from '@mms/eventsourcing/core';
import { UserClaims } from './claims';

/**
 * Role predicates every context's `access/policy.ts` builds on. Pure functions of the
 * verified claims and of where the thing concerned belongs — never of client input about
 * the caller.
 */

/** Where a person or thing belongs: the municipality (tenant), the school, the educator. */
export interface Placement {
  educatorId?: string | null;
  municipalityId?: string | null;
  organizationId?: string | null;
}

export const requireUser = (user: UserClaims | null): UserClaims => {
  if (!user) throw new ForbiddenError('sign in to do this');
  return user;
};

export const isRegionalOperator = (u: UserClaims | null): boolean => u?.role === 'regional_operator';

/** A municipal methodologist: of the given municipality, or of any when none is given. */
export const isMethodologistOf = (u: UserClaims | null, municipalityId?: string | null): boolean =>
  u?.role === 'municipal_methodologist' && !!u.municipalityId && (municipalityId === undefined || u.municipalityId === municipalityId);

/** The coordinator of the school where `p` belongs. */
export const isCoordinatorOf = (u: UserClaims | null, p: Placement): boolean =>
  u?.role === 'school_coordinator' &&
  !!u.municipalityId &&
  !!u.organizationId &&
  u.municipalityId === p.municipalityId &&
  u.organizationId === p.organizationId;

/** The teacher whose own record `p` is. */
export const isTeacherSelf = (u: UserClaims | null, p: Placement): boolean => u?.role === 'teacher' && !!u.educatorId && u.educatorId === p.educatorId;

/** The caller's own municipality for a municipal role (methodologist, coordinator, teacher, expert). */
export const ownMunicipality = (u: UserClaims | null): string | null => (u && u.role !== 'regional_operator' ? u.municipalityId : null);

/** Refuses unless `allowed` holds; the message says who may. */
export const allow = (allowed: boolean, whoMay: string): void => {
  if (!allowed) throw new ForbiddenError(whoMay);
};
