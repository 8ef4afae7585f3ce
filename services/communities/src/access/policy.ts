import { allow, isCoordinatorOf, isMethodologistOf, isRegionalOperator, isTeacherSelf, requireUser, UserClaims } from '@mms/auth';
import { REGION_TENANT } from '../tenants';

/**
 * Every role check of the communities context (services/README.md). A community, a site or an
 * event belongs to its tenant: a municipality, or the region for regional ones. The municipal
 * methodologist runs their municipality's network, the regional operator the region's; a
 * school coordinator runs their school's association and their school's site applications;
 * a community's head (and deputy) runs its members, tasks and discussions.
 */

/** The tenant's own manager: the operator for the region, the municipality's methodologist for theirs (the operator reads, never runs, a municipality's network). */
export const isManagerOf = (u: UserClaims | null, tenantId: string): boolean =>
  tenantId === REGION_TENANT ? isRegionalOperator(u) : isMethodologistOf(u, tenantId);

export interface CommunityPlace {
  tenantId: string;
  level: 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';
  hostOrganizationId: string | null;
  /** Current head and deputies. */
  leaders: string[];
}

/** Proposes, approves by order, extends and closes: the tenant's manager; a school-level one also its school's coordinator. */
export const communityManager = (u: UserClaims | null, c: Omit<CommunityPlace, 'leaders'>, what: string): UserClaims => {
  const user = requireUser(u);
  const schoolOwn =
    c.level === 'SCHOOL' && !!c.hostOrganizationId && isCoordinatorOf(user, { municipalityId: c.tenantId, organizationId: c.hostOrganizationId });
  allow(isManagerOf(user, c.tenantId) || schoolOwn, `only the community’s methodological service may ${what}`);
  return user;
};

/** Is the caller the community's head or deputy (by their educator record)? */
export const isLeaderOf = (u: UserClaims | null, c: CommunityPlace): boolean => !!u?.educatorId && c.leaders.includes(u.educatorId);

/** Members, tasks, reports, moderation: the community's head or deputy, or whoever manages it. */
export const communityRunner = (u: UserClaims | null, c: CommunityPlace, what: string): UserClaims => {
  const user = requireUser(u);
  const schoolOwn =
    c.level === 'SCHOOL' && !!c.hostOrganizationId && isCoordinatorOf(user, { municipalityId: c.tenantId, organizationId: c.hostOrganizationId });
  allow(isLeaderOf(user, c) || isManagerOf(user, c.tenantId) || schoolOwn, `only the community’s head, deputy or methodological service may ${what}`);
  return user;
};

/** Who organises an event: the service's manager; a community's runners; a site's host school's coordinator. */
export const eventOrganiser = (
  u: UserClaims | null,
  o: {
    tenantId: string;
    organiser: 'SERVICE' | 'COMMUNITY' | 'SITE';
    community?: CommunityPlace;
    siteHost?: { municipalityId: string; organizationId: string };
  },
  what: string,
): UserClaims => {
  const user = requireUser(u);
  const allowed =
    isManagerOf(user, o.tenantId) ||
    (o.organiser === 'COMMUNITY' && !!o.community && isLeaderOf(user, o.community)) ||
    (o.organiser === 'SITE' && !!o.siteHost && isCoordinatorOf(user, o.siteHost));
  allow(allowed, `only the event’s organiser may ${what}`);
  return user;
};

/** A registration is the teacher's own, or made for them by their school's coordinator. */
export const registrant = (
  u: UserClaims | null,
  educator: { educatorId: string; municipalityId: string; organizationId: string },
): { user: UserClaims; by: 'SELF' | 'COORDINATOR' } => {
  const user = requireUser(u);
  if (isTeacherSelf(user, educator)) return { user, by: 'SELF' };
  allow(isCoordinatorOf(user, educator), 'a teacher registers themselves, or their school’s coordinator does');
  return { user, by: 'COORDINATOR' };
};

/** A site's application and its reports: the host school's coordinator. */
export const siteApplicant = (u: UserClaims | null, host: { municipalityId: string; organizationId: string }, what: string): UserClaims => {
  const user = requireUser(u);
  allow(isCoordinatorOf(user, host) || isMethodologistOf(user, host.municipalityId), `only the host school’s coordinator may ${what}`);
  return user;
};

/** The procedure's steps (completeness, decision, orders): a municipal site's methodologist, a regional site's operator. */
export const siteAuthority = (u: UserClaims | null, level: 'MUNICIPAL' | 'REGIONAL', municipalityId: string, what: string): UserClaims => {
  const user = requireUser(u);
  allow(level === 'REGIONAL' ? isRegionalOperator(user) : isMethodologistOf(user, municipalityId), `only the status’s authority may ${what}`);
  return user;
};

/** The expert council's opinion: an expert of the municipality (a municipal status) or of any (a regional one). */
export const siteExpert = (u: UserClaims | null, level: 'MUNICIPAL' | 'REGIONAL', municipalityId: string): UserClaims => {
  const user = requireUser(u);
  allow(user.role === 'expert' && (level === 'REGIONAL' || user.municipalityId === municipalityId), 'only an expert of the council gives an opinion');
  return user;
};

// ---- reading ----

/** Discussions, tasks and history of a community: its current members and whoever may run it. */
export const seesCommunityInside = (u: UserClaims | null, c: CommunityPlace & { members: string[] }): boolean => {
  if (!u) return false;
  if (u.educatorId && c.members.includes(u.educatorId)) return true;
  const schoolOwn = c.level === 'SCHOOL' && !!c.hostOrganizationId && isCoordinatorOf(u, { municipalityId: c.tenantId, organizationId: c.hostOrganizationId });
  return isLeaderOf(u, c) || isManagerOf(u, c.tenantId) || schoolOwn || isRegionalOperator(u);
};

/** An educator's registrations, attendance and certificates: themselves, their school's coordinator, their methodologist, the operator. */
export const seesEducatorRecord = (u: UserClaims | null, e: { educatorId: string; municipalityId: string; organizationId: string }): boolean =>
  isTeacherSelf(u, e) || isCoordinatorOf(u, e) || isMethodologistOf(u, e.municipalityId) || isRegionalOperator(u);

/** A site's file (project card, returns, opinions) and an application in review: the host school, the authority of its level, the experts who may give an opinion; the operator reads all. */
export const seesSiteFile = (u: UserClaims | null, s: { level: 'MUNICIPAL' | 'REGIONAL'; hostMunicipalityId: string; hostOrganizationId: string }): boolean =>
  isRegionalOperator(u) ||
  isMethodologistOf(u, s.hostMunicipalityId) ||
  isCoordinatorOf(u, { municipalityId: s.hostMunicipalityId, organizationId: s.hostOrganizationId }) ||
  (u?.role === 'expert' && (s.level === 'REGIONAL' || u.municipalityId === s.hostMunicipalityId));

/** Does the caller pass a check that would otherwise refuse (for `can…` flags in views)? */
export const passes = (check: () => unknown): boolean => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

/** Overdue lists and reminders (site reports, working groups' tasks): the operator (any), a municipality's methodologist (their own). */
export const overdueReader = (u: UserClaims | null, municipalityId: string | null): UserClaims => {
  const user = requireUser(u);
  allow(
    isRegionalOperator(user) || (!!municipalityId && isMethodologistOf(user, municipalityId)),
    'only the municipality’s methodological service or the regional operator sees overdue lists',
  );
  return user;
};
