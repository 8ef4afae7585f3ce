import {
  allow,
  isCoordinatorOf,
  isMethodologistOf,
  isRegionalOperator,
  isTeacherSelf,
  ownMunicipality,
  Placement as AuthPlacement,
  requireUser,
  UserClaims,
} from '@mms/auth';
import { ForbiddenError, REGION_TENANT, RowFilter } from '@mms/eventsourcing/core';
import type { ProgrammeLevel } from '../catalogue/programme.decider';
import type { AppliedBy, WithdrawnBy } from '../cohorts/cohort.decider';

/**
 * Who may do what in professional development: every role check of the context. Pure
 * functions of the verified claims and of where the educator concerned works (never of
 * client input about the caller):
 *   teacher — self only; school coordinator — own school; municipal methodologist — own
 *   municipality; regional operator — reads everything, writes regional programmes/cohorts.
 */

/** Where an educator works: from the directory's events (or an enrolment's own record). */
export interface Placement extends AuthPlacement {
  educatorId: string;
}

/** `isMethodologistOf` without a municipality means "of any": an unknown one must mean "of none". */
const methodologistOf = (u: UserClaims | null, municipalityId: string | null | undefined) => isMethodologistOf(u, municipalityId ?? null);

/** Programmes and cohorts: the operator writes the region's, a methodologist their municipality's. */
export const catalogueWriter = (user: UserClaims | null): { tenantId: string; level: ProgrammeLevel; user: UserClaims } => {
  const u = requireUser(user);
  if (isRegionalOperator(u)) return { tenantId: REGION_TENANT, level: 'REGIONAL', user: u };
  const own = ownMunicipality(u);
  if (own && isMethodologistOf(u, own)) return { tenantId: own, level: 'MUNICIPAL', user: u };
  throw new ForbiddenError('only the regional operator or a municipal methodologist may change the programme offer');
};

/** Published (or withdrawn) offers are public; drafts only for their owner and the operator. */
export const canSeeCatalogueEntry = (user: UserClaims | null, tenantId: string, draft: boolean): boolean =>
  !draft || isRegionalOperator(user) || methodologistOf(user, tenantId);

/**
 * The programmes and cohorts a caller's lists show, as a filter: a municipal user sees the
 * region's and their own municipality's offer (another municipality's is not open to them);
 * the operator and the public see all. Drafts as `canSeeCatalogueEntry` says.
 */
export const offerScope = (user: UserClaims | null, opts: { drafts: boolean }): RowFilter => {
  const own = ownMunicipality(user);
  const tenants: RowFilter = own ? { tenantId: { $in: [REGION_TENANT, own] } } : {};
  if (!opts.drafts || isRegionalOperator(user)) return tenants;
  const ownDrafts = own && methodologistOf(user, own) ? [{ tenantId: own }] : [];
  return { ...tenants, $or: [{ status: { $ne: 'DRAFT' } }, ...ownDrafts] };
};

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
  allow(isCoordinatorOf(u, enrolment), 'only the coordinator of the educator’s school may approve or reject the application');
  return u;
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
  const owner = cohortTenantId === REGION_TENANT ? isRegionalOperator(u) : methodologistOf(u, cohortTenantId);
  allow(isCoordinatorOf(u, enrolment) || owner, 'only the coordinator of the educator’s school or the cohort’s owner may record the result');
  return u;
};

/** Reading an educator's enrolments, route, deficits, results, mentorships: by their current placement. */
export const canReadEducator = (user: UserClaims | null, p: Placement): boolean =>
  isRegionalOperator(user) || isTeacherSelf(user, p) || isCoordinatorOf(user, p) || methodologistOf(user, p.municipalityId);

/** The same, refusing: for an entity's history, read only by those who may read the entity. */
export const educatorReader = (user: UserClaims | null, p: Placement): UserClaims => {
  const u = requireUser(user);
  allow(canReadEducator(u, p), 'you may not read this educator’s record');
  return u;
};

/**
 * Reading an enrolment (and its history): whoever may read the learner as placed when
 * applying, the learner's current readers, and the cohort's owner.
 */
export const canReadEnrolment = (user: UserClaims | null, enrolment: Placement, cohortTenantId: string, current: Placement | null): boolean =>
  canReadEducator(user, enrolment) ||
  (!!current && canReadEducator(user, current)) ||
  (cohortTenantId === REGION_TENANT ? isRegionalOperator(user) : methodologistOf(user, cohortTenantId));

/**
 * A training completed elsewhere: the coordinator of the educator's school, their
 * municipality's methodologist, or the regional operator (who keeps the region's register
 * of courses at regional providers). Not the teacher: the record counts for the three-year
 * rule, so someone who has seen the certificate enters it.
 */
export const externalTrainingRecorder = (user: UserClaims | null, p: Placement): UserClaims => {
  const u = requireUser(user);
  allow(
    isCoordinatorOf(u, p) || methodologistOf(u, p.municipalityId) || isRegionalOperator(u),
    'only the coordinator of the educator’s school, the municipal methodologist or the regional operator may record a training',
  );
  return u;
};

/** Diagnostic results by hand: the coordinator of the educator's school or their municipality's methodologist. */
export const diagnosticsRecorder = (user: UserClaims | null, p: Placement): UserClaims => {
  const u = requireUser(user);
  allow(
    isCoordinatorOf(u, p) || methodologistOf(u, p.municipalityId),
    'only the coordinator of the educator’s school or the municipal methodologist may record diagnostics',
  );
  return u;
};

/** Routes, mentorships, the diagnostics import: the methodologist of the educator's (or own) municipality. */
export const methodologistFor = (user: UserClaims | null, municipalityId: string | null | undefined, what: string): UserClaims => {
  const u = requireUser(user);
  allow(methodologistOf(u, municipalityId), `only the methodologist of the educator’s municipality may ${what}`);
  return u;
};

export const methodologist = (user: UserClaims | null, what: string): { tenantId: string; user: UserClaims } => {
  const u = requireUser(user);
  const own = ownMunicipality(u);
  if (own && isMethodologistOf(u, own)) return { tenantId: own, user: u };
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
export const readScope = (user: UserClaims | null, requested: { municipalityId?: string | null; organizationId?: string | null } = {}): ReadScope | null => {
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
 * A school's training summary: its coordinator, any methodologist (counting only their own
 * municipality's educators: an id is no proof the school is theirs) and the operator. The
 * filter to count over, or null for others.
 */
export const schoolSummaryScope = (user: UserClaims | null, organizationId: string): RowFilter | null => {
  if (isRegionalOperator(user)) return { organizationId };
  const own = ownMunicipality(user);
  if (!own) return null;
  const allowed = isMethodologistOf(user, own) || isCoordinatorOf(user, { municipalityId: own, organizationId });
  return allowed ? { organizationId, municipalityId: own } : null;
};

/** A municipality's training summary: its methodologist and the operator; null for others. */
export const municipalitySummaryScope = (user: UserClaims | null, municipalityId: string): RowFilter | null =>
  isRegionalOperator(user) || isMethodologistOf(user, municipalityId) ? { municipalityId } : null;

/**
 * The certificate register is reported by the issuer: a methodologist exports their
 * municipality's cohorts, the operator the region's (or, on request, one municipality's).
 */
export const exportIssuer = (user: UserClaims | null, requestedMunicipality?: string | null): string => {
  const u = requireUser(user);
  if (isRegionalOperator(u)) return requestedMunicipality || REGION_TENANT;
  const own = ownMunicipality(u);
  if (own && isMethodologistOf(u, own)) {
    if (requestedMunicipality && requestedMunicipality !== own) throw new ForbiddenError('you may not export another municipality');
    return own;
  }
  throw new ForbiddenError('only a municipal methodologist or the regional operator may export the certificate register');
};
