/** Part 4 of the PD plan: each applicant's path through their cohort, to a final status. */
import { NOT_COMPLETED_REASONS, REJECTION_REASONS, WITHDRAWAL_REASONS } from '../pd-dictionaries';
import { dayToIso, isoToDay, Random } from '../../../region/random';
import type { CertificatePlan, CohortPhase, CohortPlan, EnrolmentPlan, EnrolmentTarget, ProgrammePlan } from '../pd-plan';
import { Applicant } from './cohorts';
import { PlanContext } from './context';

/** Where an enrolment ends up: most finishing cohorts' learners completed, upcoming ones are partly still applications. */
const targetOf = (rng: Random, phase: CohortPhase): EnrolmentTarget => {
  const r = rng.next();
  if (phase === 'FINISHING') return r < 0.03 ? 'WITHDRAWN' : r < 0.08 ? 'REJECTED' : r < 0.86 ? 'COMPLETED' : r < 0.93 ? 'NOT_COMPLETED' : 'ENROLLED';
  if (phase === 'RUNNING') return r < 0.04 ? 'WITHDRAWN' : r < 0.1 ? 'REJECTED' : 'ENROLLED';
  return r < 0.05 ? 'WITHDRAWN' : r < 0.11 ? 'REJECTED' : r < 0.36 ? 'APPLIED' : 'ENROLLED';
};

/** The reason a rejection, withdrawal or non-completion gives. */
const reasonOf = (rng: Random, target: EnrolmentTarget): string | null =>
  target === 'REJECTED'
    ? rng.pick(REJECTION_REASONS)
    : target === 'WITHDRAWN'
      ? rng.pick(WITHDRAWAL_REASONS)
      : target === 'NOT_COMPLETED'
        ? rng.pick(NOT_COMPLETED_REASONS)
        : null;

/** A completion's certificate: issued in the last ten days of the cohort, mostly for the programme's full hours. */
const certificateOf = (ctx: PlanContext, rng: Random, cohort: CohortPlan, programme: ProgrammePlan): CertificatePlan => {
  const lo = Math.max(isoToDay(cohort.startDate), ctx.asOfDay - 10);
  const issuedOn = dayToIso(rng.int(lo, ctx.asOfDay));
  const hours = rng.chance(0.92) ? programme.input.hours : Math.max(1, Math.round(programme.input.hours * rng.float(0.6, 0.95)));
  return { number: ctx.certificates.take(programme.certificatePrefix, issuedOn), hours, issuedOn };
};

/** Who records a result: mostly the owner for municipal cohorts, mostly the school coordinator for regional ones. */
const resultByOf = (rng: Random, target: EnrolmentTarget, cohort: CohortPlan): EnrolmentPlan['resultBy'] =>
  target === 'COMPLETED' || target === 'NOT_COMPLETED'
    ? cohort.level === 'MUNICIPAL'
      ? rng.chance(0.7)
        ? 'OWNER'
        : 'COORDINATOR'
      : rng.chance(0.25)
        ? 'OWNER'
        : 'COORDINATOR'
    : null;

/** One applicant's enrolment (draws in this order: who applies, target, reason, certificate, who records the result). */
const enrolmentOf = (ctx: PlanContext, rng: Random, cohort: CohortPlan, programme: ProgrammePlan, a: Applicant): EnrolmentPlan => {
  const appliedBy = rng.chance(0.45) ? 'SELF' : 'COORDINATOR';
  const target = targetOf(rng, cohort.phase);
  const reason = reasonOf(rng, target);
  const certificate = target === 'COMPLETED' ? certificateOf(ctx, rng, cohort, programme) : null;
  const resultBy = resultByOf(rng, target, cohort);
  return {
    key: `${cohort.key}/${a.e.id}`,
    cohortKey: cohort.key,
    educatorPlanId: a.e.id,
    municipalityId: a.m.id,
    organizationPlanId: a.o.id,
    appliedBy,
    target,
    reason,
    certificate,
    resultBy,
  };
};

/** Every cohort's members' enrolments, cohort by cohort. */
export const planEnrolments = (ctx: PlanContext, programmes: ProgrammePlan[], cohorts: CohortPlan[], members: Map<string, Applicant[]>): EnrolmentPlan[] => {
  const rng = ctx.root.fork('enrolments');
  const programmeByKey = new Map(programmes.map((p) => [p.key, p]));
  const enrolments: EnrolmentPlan[] = [];
  for (const cohort of cohorts) {
    const programme = programmeByKey.get(cohort.programmeKey)!;
    for (const a of members.get(cohort.key)!) enrolments.push(enrolmentOf(ctx, rng, cohort, programme, a));
  }
  return enrolments;
};
