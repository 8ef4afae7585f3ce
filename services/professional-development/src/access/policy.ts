import { UserClaims } from '@mms/auth';
import { ForbiddenError, REGION_TENANT } from '@mms/eventsourcing';
import { ProgrammeLevel } from '../catalogue/programme';
import { AppliedBy, WithdrawnBy } from '../cohorts/cohort';

/**
 * Who may do what in professional development. Pure functions of the verified claims and
 * of where the educator concerned works (never of client input about the caller):
 *   teacher — self only; school coordinator — own school; municipal methodologist — own
 *   municipality; regional operator — reads everything, writes regional programmes/cohorts.
 */

/** Where an educator works: from the directory's events (or an enrolment's own record). */
export interface Placement {
  educatorId: string;
  municipalityId?: string | null;
  organizationId?: string | null;
}

export const requireUser = (user: UserClaims | null): UserClaims => {
  if (!user) throw new ForbiddenError('sign in to do this');
  return user;
};

const isOperator = (u: UserClaims | null): boolean => u?.role === 'regional_operator';
const isMethodologistOf = (u: UserClaims | null, municipalityId: string | null | undefined): boolean =>
  u?.role === 'municipal_methodologist' && !!u.municipalityId && u.municipalityId === municipalityId;
const isCoordinatorOf = (u: UserClaims | null, p: Placement): boolean =>
  u?.role === 'school_coordinator' &&
  !!u.municipalityId &&
  !!u.organizationId &&
  u.municipalityId === p.municipalityId &&
  u.organizationId === p.organizationId;
const isTeacherSelf = (u: UserClaims | null, p: Placement): boolean =>
  u?.role === 'teacher' && !!u.educatorId && u.educatorId === p.educatorId;

/** Programmes and cohorts: the operator writes the region's, a methodologist their municipality's. */
export const catalogueWriter = (user: UserClaims | null): { tenantId: string; level: ProgrammeLevel; user: UserClaims } => {
  const u = requireUser(user);
  if (isOperator(u)) return { tenantId: REGION_TENANT, level: 'REGIONAL', user: u };
  if (u.role === 'municipal_methodologist' && u.municipalityId) return { tenantId: u.municipalityId, level: 'MUNICIPAL', user: u };
  throw new ForbiddenError('only the regional operator or a municipal methodologist may change the programme offer');
};

/** Published (or withdrawn) offers are public; drafts only for their owner and the operator. */
export const canSeeCatalogueEntry = (user: UserClaims | null, tenantId: string, draft: boolean): boolean =>
  !draft || isOperator(user) || isMethodologistOf(user, tenantId);

/** A teacher applies for themselves; a coordinator for an educator of their school. */
export const applicant = (user: UserClaims | null, learner: Placement): { appliedBy: AppliedBy; user: UserClaims } => {
  const u = requireUser(user);
  if (isTeacherSelf(u, learner)) return { appliedBy: 'SELF', user: u };
  if (isCoordinatorOf(u, learner)) return { appliedBy: 'COORDINATOR', user: u };
  throw new ForbiddenError('a teacher may apply only for themselves, a school coordinator only for their school’s educators');
};

/** Approving or rejecting an application: the coordinator of the learner's school. */
export const enrolmentApprover = (user: UserClaims | null, enrolment: Placement): UserClaims => {
  const u = requireUser(user);
  if (isCoordinatorOf(u, enrolment)) return u;
  throw new ForbiddenError('only the coordinator of the educator’s school may approve or reject the application');
};

/** A teacher withdraws their own application; the coordinator any of their school's enrolments. */
export const enrolmentWithdrawer = (user: UserClaims | null, enrolment: Placement): { by: WithdrawnBy; user: UserClaims } => {
  const u = requireUser(user);
  if (isTeacherSelf(u, enrolment)) return { by: 'TEACHER', user: u };
  if (isCoordinatorOf(u, enrolment)) return { by: 'COORDINATOR', user: u };
  throw new ForbiddenError('only the educator or the coordinator of their school may withdraw the enrolment');
};

/**
 * Recording the result (completed with a certificate, or not completed): the coordinator of
 * the learner's school, or the cohort's owner, who runs the training and issues certificates.
 */
export const enrolmentResultRecorder = (user: UserClaims | null, enrolment: Placement, cohortTenantId: string): UserClaims => {
  const u = requireUser(user);
  if (isCoordinatorOf(u, enrolment)) return u;
  if (isOperator(u) && cohortTenantId === REGION_TENANT) return u;
  if (isMethodologistOf(u, cohortTenantId)) return u;
  throw new ForbiddenError('only the coordinator of the educator’s school or the cohort’s owner may record the result');
};

/** Reading an educator's enrolments, route, deficits, results, mentorships: by their current placement. */
export const canReadEducator = (user: UserClaims | null, p: Placement): boolean =>
  isOperator(user) || isTeacherSelf(user, p) || isCoordinatorOf(user, p) || isMethodologistOf(user, p.municipalityId);

/**
 * A training completed elsewhere: the coordinator of the educator's school, their
 * municipality's methodologist, or the regional operator (who keeps the region's register
 * of courses at regional providers). Not the teacher: the record counts for the three-year
 * rule, so someone who has seen the certificate enters it.
 */
export const externalTrainingRecorder = (user: UserClaims | null, p: Placement): UserClaims => {
  const u = requireUser(user);
  if (isCoordinatorOf(u, p) || isMethodologistOf(u, p.municipalityId) || isOperator(u)) return u;
  throw new ForbiddenError('only the coordinator of the educator’s school, the municipal methodologist or the regional operator may record a training');
};

/** Diagnostic results by hand: the coordinator of the educator's school or their municipality's methodologist. */
export const diagnosticsRecorder = (user: UserClaims | null, p: Placement): UserClaims => {
  const u = requireUser(user);
  if (isCoordinatorOf(u, p) || isMethodologistOf(u, p.municipalityId)) return u;
  throw new ForbiddenError('only the coordinator of the educator’s school or the municipal methodologist may record diagnostics');
};

/** Routes, mentorships, the diagnostics import: the methodologist of the educator's (or own) municipality. */
export const methodologistFor = (user: UserClaims | null, municipalityId: string | null | undefined, what: string): UserClaims => {
  const u = requireUser(user);
  if (isMethodologistOf(u, municipalityId)) return u;
  throw new ForbiddenError(`only the methodologist of the educator’s municipality may ${what}`);
};

export const methodologist = (user: UserClaims | null, what: string): { tenantId: string; user: UserClaims } => {
  const u = requireUser(user);
  if (u.role === 'municipal_methodologist' && u.municipalityId) return { tenantId: u.municipalityId, user: u };
  throw new ForbiddenError(`only a municipal methodologist may ${what}`);
};

/** Equality filters a list query must add; null = the caller sees no rows. */
export interface ReadScope {
  municipalityId?: string;
  organizationId?: string;
  educatorId?: string;
}

/**
 * Rows of lists (enrolments, mentorships, training due, young teachers), by the learner's
 * placement. Asking for another municipality or school than one's own is refused.
 */
export const readScope = (
  user: UserClaims | null,
  requested: { municipalityId?: string | null; organizationId?: string | null } = {},
): ReadScope | null => {
  if (!user) return null;
  const want = {
    ...(requested.municipalityId ? { municipalityId: requested.municipalityId } : {}),
    ...(requested.organizationId ? { organizationId: requested.organizationId } : {}),
  };
  const refuse = (what: string) => {
    throw new ForbiddenError(`you may not read ${what}`);
  };
  switch (user.role) {
    case 'regional_operator':
      return want;
    case 'municipal_methodologist':
      if (!user.municipalityId) return null;
      if (want.municipalityId && want.municipalityId !== user.municipalityId) refuse('another municipality');
      return { ...want, municipalityId: user.municipalityId };
    case 'school_coordinator':
      if (!user.municipalityId || !user.organizationId) return null;
      if (want.municipalityId && want.municipalityId !== user.municipalityId) refuse('another municipality');
      if (want.organizationId && want.organizationId !== user.organizationId) refuse('another school');
      return { municipalityId: user.municipalityId, organizationId: user.organizationId };
    case 'teacher':
      return user.educatorId ? { educatorId: user.educatorId } : null;
    default:
      return null;
  }
};

/** True when a row's placement lies within the scope. */
export const inScope = (scope: ReadScope, row: { educatorId?: string; municipalityId?: string | null; organizationId?: string | null }) =>
  (!scope.municipalityId || row.municipalityId === scope.municipalityId) &&
  (!scope.organizationId || row.organizationId === scope.organizationId) &&
  (!scope.educatorId || row.educatorId === scope.educatorId);

/**
 * The certificate register is reported by the issuer: a methodologist exports their
 * municipality's cohorts, the operator the region's (or, on request, one municipality's).
 */
export const exportIssuer = (user: UserClaims | null, requestedMunicipality?: string | null): string => {
  const u = requireUser(user);
  if (isOperator(u)) return requestedMunicipality || REGION_TENANT;
  if (u.role === 'municipal_methodologist' && u.municipalityId) {
    if (requestedMunicipality && requestedMunicipality !== u.municipalityId) throw new ForbiddenError('you may not export another municipality');
    return u.municipalityId;
  }
  throw new ForbiddenError('only a municipal methodologist or the regional operator may export the certificate register');
};
