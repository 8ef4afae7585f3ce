/** Parts 2 and 3 of the PD plan: who applies for which programme, and cohorts sized to that demand. */
import { ProgrammeFormat } from '../pd-dictionaries';
import { dayToIso, Random } from '../../../region/random';
import { MunicipalityPlan } from '../../../region/region-model';
import type { CohortPhase, CohortPlan, ProgrammePlan } from '../pd-plan';
import { weightOf } from './catalogue';
import { educatorsOf, fits, pad, Placed, PlanContext } from './context';
import { MAX_COHORT_SEATS } from './rules';

export interface Applicant extends Placed {
  programme: ProgrammePlan;
  phase: CohortPhase;
}

/** Applicants grouped by `<programme key>|<phase>`. */
export type ApplicantGroups = Map<string, Applicant[]>;

/** One municipality's applicants: a share of its educators, each choosing a fitting programme (own offer or regional) and a phase. */
const addApplicantsOf = (ctx: PlanContext, m: MunicipalityPlan, programmes: ProgrammePlan[], groups: ApplicantGroups) => {
  const { opt } = ctx;
  const rng = ctx.root.fork(`applicants/${m.id}`);
  const regional = programmes.filter((p) => p.level === 'REGIONAL');
  const municipal = programmes.filter((p) => p.municipalityId === m.id);
  for (const placed of educatorsOf(m)) {
    if (!rng.chance(opt.applicantShare)) continue;
    const kind = placed.o.input.kind;
    const wantMunicipal = rng.chance(opt.municipalShare);
    let pool = (wantMunicipal ? municipal : regional).filter((p) => fits(p.audience, kind));
    if (pool.length === 0) pool = (wantMunicipal ? regional : municipal).filter((p) => fits(p.audience, kind));
    if (pool.length === 0) continue;
    const programme = rng.weighted(pool.map((p) => [p, weightOf(p)] as const));
    const phase = rng.weighted<CohortPhase>([
      ['FINISHING', 40],
      ['RUNNING', 25],
      ['UPCOMING', 35],
    ]);
    const key = `${programme.key}|${phase}`;
    const list = groups.get(key) ?? [];
    list.push({ ...placed, programme, phase });
    groups.set(key, list);
  }
};

/** Every municipality's applicants, in plan order. */
export const planApplicants = (ctx: PlanContext, programmes: ProgrammePlan[]): ApplicantGroups => {
  const groups: ApplicantGroups = new Map();
  for (const m of ctx.region.municipalities) addApplicantsOf(ctx, m, programmes, groups);
  return groups;
};

/** Schedules cohorts one by one from one stream of randomness, keeping each programme's dates distinct. */
class CohortScheduler {
  readonly cohorts: CohortPlan[] = [];
  /** Cohort key → its applicants. */
  readonly members = new Map<string, Applicant[]>();
  private readonly usedDates = new Set<string>();
  private readonly cohortCount = new Map<string, number>();

  constructor(
    private readonly rng: Random,
    private readonly asOfDay: number,
  ) {}

  /** Learners per group: small in person, large online. */
  groupSize(format: ProgrammeFormat): number {
    const rng = this.rng;
    return format === 'IN_PERSON' ? rng.int(20, 30) : format === 'BLENDED' ? rng.int(30, 50) : rng.int(60, 150);
  }

  /** Start and end day of a cohort in its phase, relative to asOf. */
  private dates(programme: ProgrammePlan, phase: CohortPhase): { start: number; end: number } {
    const { rng, asOfDay } = this;
    let start: number;
    let end: number;
    if (phase === 'FINISHING') {
      start = asOfDay - rng.int(30, 90);
      end = asOfDay + rng.int(7, 28);
    } else if (phase === 'RUNNING') {
      start = asOfDay - rng.int(3, 21);
      end = asOfDay + rng.int(21, 75);
    } else {
      start = asOfDay + rng.int(7, 70);
      end = start + Math.max(2, Math.min(120, Math.round(programme.input.hours / rng.pick([4, 6, 8]))));
    }
    // The seeder recognises a cohort on a re-run by programme and dates: keep them distinct.
    while (this.usedDates.has(`${programme.key}|${start}|${end}`)) {
      if (phase === 'UPCOMING') {
        start++;
        end++;
      } else start--;
    }
    this.usedDates.add(`${programme.key}|${start}|${end}`);
    return { start, end };
  }

  /** Schedules one cohort of the programme for these applicants, with some seats to spare. */
  add(programme: ProgrammePlan, phase: CohortPhase, applicants: Applicant[]): CohortPlan {
    const rng = this.rng;
    const n = (this.cohortCount.get(programme.key) ?? 0) + 1;
    this.cohortCount.set(programme.key, n);
    const { start, end } = this.dates(programme, phase);
    const slack = applicants.length === 0 ? rng.int(15, 30) : rng.chance(0.15) ? 0 : rng.int(1, Math.max(2, Math.ceil(applicants.length * 0.3)));
    const cohort: CohortPlan = {
      key: `${programme.key}/c${pad(n)}`,
      programmeKey: programme.key,
      level: programme.level,
      municipalityId: programme.municipalityId,
      phase,
      startDate: dayToIso(start),
      endDate: dayToIso(end),
      // A group is never planned below ten seats, however small the scaled region.
      seats: Math.min(MAX_COHORT_SEATS, Math.max(applicants.length + slack, 10)),
      applications: applicants.length,
    };
    this.cohorts.push(cohort);
    this.members.set(cohort.key, applicants);
    return cohort;
  }
}

/** Cohorts sized to the demand, per programme and phase; every programme has at least one (an empty upcoming one). */
export const planCohorts = (
  ctx: PlanContext,
  programmes: ProgrammePlan[],
  groups: ApplicantGroups,
): { cohorts: CohortPlan[]; members: Map<string, Applicant[]> } => {
  const scheduler = new CohortScheduler(ctx.root.fork('cohorts'), ctx.asOfDay);
  for (const programme of programmes) {
    let any = false;
    for (const phase of ['FINISHING', 'RUNNING', 'UPCOMING'] as const) {
      const applicants = groups.get(`${programme.key}|${phase}`) ?? [];
      if (applicants.length === 0) continue;
      any = true;
      const count = Math.max(1, Math.ceil(applicants.length / scheduler.groupSize(programme.input.format)));
      const split: Applicant[][] = Array.from({ length: count }, () => []);
      applicants.forEach((a, i) => split[i % count]!.push(a));
      for (const part of split) scheduler.add(programme, phase, part);
    }
    if (!any) scheduler.add(programme, 'UPCOMING', []);
  }
  return { cohorts: scheduler.cohorts, members: scheduler.members };
};
