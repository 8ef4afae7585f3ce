/** The PD plan's totals: what it holds, and the mutations a seeding of an empty platform sends. */
import { listsBy } from '../../../runner/pool';
import type { EnrolmentPlan, EnrolmentTarget, PdPlan, PdPlanTotals } from '../pd-plan';
import { DiagnosticsPart } from './diagnostics';
import { trainingLists } from './external-trainings';
import { mentorshipListsOf, MentorshipsPart } from './mentorships';
import { routeListsOf } from './routes';

/** The plan's parts the totals are counted from. */
export type PlanParts = Pick<PdPlan, 'programmes' | 'cohorts' | 'enrolments' | 'externalTrainings' | 'diagnostics' | 'routes' | 'mentorships'> & {
  threeYearRule: PdPlanTotals['threeYearRule'];
  diagnosis: DiagnosticsPart;
  mentoring: MentorshipsPart;
};

const count = <T>(items: readonly T[], p: (x: T) => boolean) => items.reduce((a, x) => a + (p(x) ? 1 : 0), 0);

/** Enrolments per target status. */
const targetsOf = (parts: PlanParts): Record<EnrolmentTarget, number> =>
  Object.fromEntries(
    (['APPLIED', 'ENROLLED', 'REJECTED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED'] as const).map((t) => [t, count(parts.enrolments, (x) => x.target === t)]),
  ) as Record<EnrolmentTarget, number>;

/** Calls of a list command: one per `by` (a school's coordinator, a results sheet), of at most 500 entries each. */
const listCalls = (enrolments: readonly EnrolmentPlan[], by: (e: EnrolmentPlan) => string) => listsBy(enrolments, by, 500).length;

/** Mutations per kind, in the order the seeder sends them. */
const commandsOf = (parts: PlanParts, targets: Record<EnrolmentTarget, number>): Record<string, number> => ({
  createProgramme: parts.programmes.length,
  publishProgramme: parts.programmes.length,
  scheduleCohort: parts.cohorts.length,
  applyForCohort: count(parts.enrolments, (e) => e.appliedBy === 'SELF'),
  applyForCohorts: listCalls(
    parts.enrolments.filter((e) => e.appliedBy === 'COORDINATOR'),
    (e) => e.organizationPlanId,
  ),
  rejectEnrolment: targets.REJECTED,
  withdrawEnrolment: targets.WITHDRAWN,
  approveEnrolments: listCalls(
    parts.enrolments.filter((e) => e.target === 'ENROLLED' || e.target === 'COMPLETED' || e.target === 'NOT_COMPLETED'),
    (e) => e.organizationPlanId,
  ),
  markEnrolmentNotCompleted: targets.NOT_COMPLETED,
  completeEnrolments: listCalls(
    parts.enrolments.filter((e) => e.target === 'COMPLETED'),
    (e) => (e.resultBy === 'OWNER' ? `owner|${e.cohortKey}` : `school|${e.organizationPlanId}`),
  ),
  recordExternalTrainings: trainingLists(parts.externalTrainings).length,
  importDiagnostics: parts.diagnostics.length,
  startMentorships: mentorshipListsOf(parts.mentorships).length,
  proposeRoutes: routeListsOf(parts.routes).length,
  approveRoutes: count(routeListsOf(parts.routes), (list) => list.some((r) => r.approve)),
});

/** Counts over the finished parts (no randomness). */
export const planTotals = (parts: PlanParts): PdPlanTotals => {
  const { programmes, cohorts, enrolments, externalTrainings, diagnostics, routes, mentorships, diagnosis, mentoring } = parts;
  const targets = targetsOf(parts);
  const commands = commandsOf(parts, targets);
  return {
    programmes: {
      regional: count(programmes, (p) => p.level === 'REGIONAL'),
      municipal: count(programmes, (p) => p.level === 'MUNICIPAL'),
      withFederalRegisterId: count(programmes, (p) => p.input.federalRegisterId !== null),
    },
    cohorts: {
      FINISHING: count(cohorts, (c) => c.phase === 'FINISHING'),
      RUNNING: count(cohorts, (c) => c.phase === 'RUNNING'),
      UPCOMING: count(cohorts, (c) => c.phase === 'UPCOMING'),
      total: cohorts.length,
      withApplications: count(cohorts, (c) => c.applications > 0),
      seats: cohorts.reduce((a, c) => a + c.seats, 0),
    },
    enrolments: {
      ...targets,
      total: enrolments.length,
      bySelf: count(enrolments, (x) => x.appliedBy === 'SELF'),
      byCoordinator: count(enrolments, (x) => x.appliedBy === 'COORDINATOR'),
    },
    externalTrainings: externalTrainings.length,
    threeYearRule: parts.threeYearRule,
    diagnostics: {
      imports: diagnostics.length,
      educators: diagnosis.diagnosed,
      rows: diagnostics.reduce((a, d) => a + d.rows.length, 0),
      belowThreshold: diagnosis.belowThreshold,
      educatorsWithDeficits: diagnosis.deficitsOf.size,
    },
    routes: { total: routes.length, approved: count(routes, (r) => r.approve), draft: count(routes, (r) => !r.approve) },
    mentorships: {
      total: mentorships.length,
      sameOrganization: count(mentorships, (x) => x.sameOrganization),
      youngTeachers: mentoring.youngTeachers,
      youngWithoutMentor: mentoring.youngTeachers - mentorships.length,
      mentors: mentoring.mentorsUsed.size,
    },
    commands,
    commandsTotal: Object.values(commands).reduce((a, b) => a + b, 0),
  };
};
