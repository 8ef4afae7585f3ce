/** Part 5 of the PD plan: trainings from outside the catalogue, the history the three-year rule reads. */
import { listsBy } from '../../../runner/pool';
import { EXTERNAL_COURSES } from '../pd-dictionaries';
import { dayToIso, isoToDay, minusYears, Random } from '../../../region/random';
import { EducatorPlan } from '../../../region/region-model';
import type { ExternalTrainingPlan, PdPlanTotals } from '../pd-plan';
import { educatorsOf, Placed, PlanContext } from './context';

type ThreeYearRule = PdPlanTotals['threeYearRule'];

/** The window the history is drawn from (as day numbers). */
interface HistoryWindow {
  asOfDay: number;
  threeYearsAgo: number;
  /** About three and a half years back. */
  oldest: number;
}

/** The days an educator's past trainings were certified on, ascending; counts the non-young by where that leaves them. */
const trainingDays = (rng: Random, e: EducatorPlan, w: HistoryWindow, rule: ThreeYearRule): number[] => {
  const { asOfDay, threeYearsAgo, oldest } = w;
  const career = isoToDay(e.input.careerStartDate);
  const days: number[] = [];
  if (e.isYoungTeacher) {
    // Mostly nothing yet; some took a course in their first year.
    const lo = Math.max(career, asOfDay - 365);
    if (rng.chance(0.2) && lo <= asOfDay - 7) days.push(rng.int(lo, asOfDay - 7));
  } else {
    const r = rng.next();
    if (r < 0.08) {
      rule.overdue++;
    } else if (r < 0.15) {
      const d = rng.int(oldest, threeYearsAgo - 2);
      if (d >= career) days.push(d);
      rule.overdue++;
    } else if (r < 0.23) {
      days.push(rng.int(threeYearsAgo + 1, threeYearsAgo + 85));
      rule.dueWithin90Days++;
    } else {
      const latest = rng.int(threeYearsAgo + 95, asOfDay - 14);
      days.push(latest);
      if (rng.chance(0.35)) {
        const d = rng.int(oldest, latest - 120);
        if (d >= career) days.push(d);
      }
      rule.covered++;
    }
  }
  return days.sort((a, b) => a - b);
};

const COURSES = EXTERNAL_COURSES.map((c) => [c, c.weight] as const);

/** One educator's trainings on the given days: a course, who records it, and its certificate. */
const trainingsOf = (ctx: PlanContext, rng: Random, { m, o, e }: Placed, days: number[]): ExternalTrainingPlan[] =>
  days.map((day, i) => {
    const course = rng.weighted(COURSES);
    const issuedOn = dayToIso(day);
    const recordedBy = rng.weighted<ExternalTrainingPlan['recordedBy']>([
      ['COORDINATOR', 70],
      ['METHODOLOGIST', 25],
      ['OPERATOR', 5],
    ]);
    return {
      key: `${e.id}/ext${i + 1}`,
      educatorPlanId: e.id,
      municipalityId: m.id,
      organizationPlanId: o.id,
      recordedBy,
      input: {
        title: course.title,
        provider: course.provider.name,
        hours: rng.pick(course.hours),
        competences: [...course.competences],
        certificateNumber: ctx.certificates.take(course.provider.code, issuedOn),
        issuedOn,
      },
    };
  });

/** Every educator's training history, municipality by municipality; numbers certificates after the enrolments'. */
export const planExternalTrainings = (ctx: PlanContext): { externalTrainings: ExternalTrainingPlan[]; rule: ThreeYearRule } => {
  const externalTrainings: ExternalTrainingPlan[] = [];
  const rule: ThreeYearRule = { overdue: 0, dueWithin90Days: 0, covered: 0 };
  const window: HistoryWindow = {
    asOfDay: ctx.asOfDay,
    threeYearsAgo: isoToDay(minusYears(ctx.asOf, 3)),
    oldest: isoToDay(minusYears(ctx.asOf, 4)) + 183,
  };
  for (const m of ctx.region.municipalities) {
    const rng = ctx.root.fork(`external/${m.id}`);
    for (const placed of educatorsOf(m)) externalTrainings.push(...trainingsOf(ctx, rng, placed, trainingDays(rng, placed.e, window, rule)));
  }
  return { externalTrainings, rule };
};

/** Trainings per `recordExternalTrainings` call the seeding sends (the service takes 500; under a region's load 500 took longer than a mutation's 10 s). */
export const TRAININGS_PER_CALL = 100;

/**
 * The trainings as the seeding sends them: one list per recorder (a school's coordinator, a
 * municipality's methodologist, the operator), in plan order, TRAININGS_PER_CALL at most.
 */
export const trainingLists = (trainings: readonly ExternalTrainingPlan[]): ExternalTrainingPlan[][] =>
  listsBy(
    trainings,
    (t) => (t.recordedBy === 'COORDINATOR' ? `c|${t.organizationPlanId}` : t.recordedBy === 'METHODOLOGIST' ? `m|${t.municipalityId}` : 'o'),
    TRAININGS_PER_CALL,
  );
