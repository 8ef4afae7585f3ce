import { allow, isCoordinatorOf, isMethodologistOf, isRegionalOperator, ownMunicipality, requireUser, UserClaims } from '@mms/auth';
import type { JuryMember } from '../stages/stage.decider';
import { REGION_TENANT } from '../stages/stage.decider';

/**
 * Every role check of the contests context (services/README.md). A stage is its organiser's
 * (a municipality for the school and municipal stages, the region for the regional one);
 * a student is their school's; a juror sees only what the jury lists them for.
 */

/** The organiser of a stage held in `tenantId`: that municipality's methodologist, or the operator for the region's. */
export const isOrganiserOf = (u: UserClaims | null, tenantId: string): boolean =>
  tenantId === REGION_TENANT ? isRegionalOperator(u) : isMethodologistOf(u, tenantId);

export const organiser = (u: UserClaims | null, tenantId: string, what: string): UserClaims => {
  const user = requireUser(u);
  allow(isOrganiserOf(user, tenantId), `only the stage’s organiser may ${what}`);
  return user;
};

/** Who schedules a stage of a level: the region's operator for REGIONAL, a methodologist for their municipality's. */
export const stageScheduler = (u: UserClaims | null, level: string): { user: UserClaims; tenantId: string } => {
  const user = requireUser(u);
  if (level === 'REGIONAL') {
    allow(isRegionalOperator(user), 'only the regional operator schedules regional stages');
    return { user, tenantId: REGION_TENANT };
  }
  allow(isMethodologistOf(user), 'only a municipal methodologist schedules school and municipal stages');
  return { user, tenantId: user.municipalityId! };
};

/** Prior years' recorded results: the operator (the region's, or a named municipality's), a methodologist (their own). Returns the tenant read. */
export const priorResultsReader = (u: UserClaims | null, municipalityId: string | null): string => {
  const user = requireUser(u);
  if (isRegionalOperator(user)) return municipalityId ?? REGION_TENANT;
  allow(isMethodologistOf(user) && (!municipalityId || municipalityId === user.municipalityId), 'only the organisers read prior years’ recorded results');
  return user.municipalityId!;
};

/** The juror id a token stands for: the educator's id, or an external expert's subject. */
export const jurorIdOf = (u: UserClaims | null): string | null => (u?.role === 'juror' ? (u.educatorId ?? u.subject) : null);

export const jurorOn = (u: UserClaims | null, jury: readonly JuryMember[], what: string): { user: UserClaims; member: JuryMember } => {
  const user = requireUser(u);
  const id = jurorIdOf(user);
  const member = id ? jury.find((m) => m.jurorId === id) : undefined;
  allow(!!member, `only a juror of this stage may ${what}`);
  return { user, member: member! };
};

export const appealCommission = (u: UserClaims | null, jury: readonly JuryMember[]) => {
  const { user, member } = jurorOn(u, jury, 'decide appeals');
  allow(member.appealCommission || member.chair, 'only the appeal commission decides appeals');
  return { user, member };
};

/** The school's coordinator: registers its students, their consents, entries, codes, appeals. */
export const schoolCoordinator = (u: UserClaims | null, school: { municipalityId: string; organizationId: string }, what: string) => {
  const user = requireUser(u);
  allow(isCoordinatorOf(user, school), `only the school’s coordinator may ${what}`);
  return user;
};

/** The coordinator's own school, from their token. */
export const coordinatorSchool = (u: UserClaims | null, what: string) => {
  const user = requireUser(u);
  allow(user.role === 'school_coordinator' && !!user.organizationId && !!user.municipalityId, `only a school coordinator may ${what}`);
  return { user, school: { municipalityId: user.municipalityId!, organizationId: user.organizationId! } };
};

/** Who may see a student's name: their school's coordinator, their municipality's methodologist, the operator. */
export const canReadStudent = (u: UserClaims | null, s: { municipalityId: string; schoolId: string }): boolean =>
  isRegionalOperator(u) || isMethodologistOf(u, s.municipalityId) || isCoordinatorOf(u, { municipalityId: s.municipalityId, organizationId: s.schoolId });

/**
 * Who reads a stage's non-public data (entries, protocols with ids, appeals): its organiser,
 * the operator; a municipality's methodologist reads the regional stage for their own
 * participants only (the query narrows it), a coordinator for their school only.
 */
export const stageReadScope = (u: UserClaims | null, stageTenant: string): { all: true } | { municipalityId: string; schoolId?: string } | null => {
  if (!u) return null;
  if (isRegionalOperator(u) || isOrganiserOf(u, stageTenant)) return { all: true };
  const own = ownMunicipality(u);
  // A municipality's stage is its own business; only the region's stage gathers several municipalities.
  if (!own || (stageTenant !== REGION_TENANT && stageTenant !== own)) return null;
  if (u.role === 'municipal_methodologist') return { municipalityId: own };
  if (u.role === 'school_coordinator' && u.organizationId) return { municipalityId: own, schoolId: u.organizationId };
  return null;
};
