/** Part 7 of the PD plan: young teachers paired with an experienced mentor, within the mentors' load limit. */
import { listsBy } from '../../../runner/pool';
import { MENTORING_GOALS } from '../pd-dictionaries';
import { dayToIso, isoToDay, minusYears, Random } from '../../../region/random';
import { EducatorPlan, MunicipalityPlan, OrganizationKind, OrganizationPlan, QualificationCategory } from '../../../region/region-model';
import type { MentorshipPlan } from '../pd-plan';
import { educatorsOf, PlanContext } from './context';
import { addDays, MAX_ACTIVE_MENTEES } from './rules';

export interface MentorshipsPart {
  mentorships: MentorshipPlan[];
  youngTeachers: number;
  /** Plan ids of the educators who mentor someone. */
  mentorsUsed: Set<string>;
}

const CATEGORY_WEIGHT: Record<QualificationCategory, number> = { MENTOR: 6, METHODIST: 5, HIGHEST: 4, FIRST: 2, NONE: 0.5 };

/** A municipality's possible mentors (experienced, not young) and how many mentees each has so far. */
class MentorPool {
  private readonly load = new Map<string, number>();
  private readonly byOrg = new Map<string, EducatorPlan[]>();
  private readonly byKind = new Map<OrganizationKind, EducatorPlan[]>();
  private readonly all: EducatorPlan[];

  constructor(m: MunicipalityPlan, experienced: string) {
    for (const o of m.organizations) {
      const list = o.educators.filter((e) => !e.isYoungTeacher && e.input.careerStartDate <= experienced);
      this.byOrg.set(o.id, list);
      this.byKind.set(o.input.kind, [...(this.byKind.get(o.input.kind) ?? []), ...list]);
    }
    this.all = [...this.byKind.values()].flat();
  }

  private free = (e: EducatorPlan) => (this.load.get(e.id) ?? 0) < MAX_ACTIVE_MENTEES;

  /** A free colleague of the same organisation, weighted by category; else one of a same-kind organisation, else anyone. */
  find(rng: Random, o: OrganizationPlan): { mentor: EducatorPlan; sameOrganization: boolean } | null {
    const here = this.byOrg.get(o.id)!.filter(this.free);
    if (here.length) return { mentor: rng.weighted(here.map((c) => [c, CATEGORY_WEIGHT[c.input.qualificationCategory]] as const)), sameOrganization: true };
    let mentor: EducatorPlan | undefined;
    // A colleague from a school (kindergarten…) of the same kind, else anyone experienced in the municipality.
    for (const pool of [this.byKind.get(o.input.kind) ?? [], this.all]) {
      for (let tries = 0; tries < 20 && !mentor && pool.length; tries++) {
        const c = rng.pick(pool);
        if (this.free(c)) mentor = c;
      }
      mentor ??= pool.find(this.free);
      if (mentor) break;
    }
    return mentor ? { mentor, sameOrganization: false } : null;
  }

  /** Counts one more mentee for the mentor (at most MAX_ACTIVE_MENTEES). */
  take(mentor: EducatorPlan) {
    this.load.set(mentor.id, (this.load.get(mentor.id) ?? 0) + 1);
  }
}

/** A share of a municipality's young teachers, each with a mentor for a year (sometimes two). */
const pairMunicipality = (ctx: PlanContext, m: MunicipalityPlan, experienced: string, out: MentorshipsPart) => {
  const { asOfDay } = ctx;
  const rng = ctx.root.fork(`mentoring/${m.id}`);
  const pool = new MentorPool(m, experienced);
  for (const { o, e } of educatorsOf(m)) {
    if (!e.isYoungTeacher) continue;
    out.youngTeachers++;
    if (!rng.chance(ctx.opt.mentoredShare)) continue;
    const found = pool.find(rng, o);
    if (!found) continue;
    const { mentor, sameOrganization } = found;
    pool.take(mentor);
    out.mentorsUsed.add(mentor.id);
    const fromDay = Math.min(asOfDay, Math.max(isoToDay(e.input.careerStartDate), asOfDay - rng.int(10, 300)));
    const from = dayToIso(fromDay);
    // A year (sometimes two) of support: the mentee's first years.
    const to = addDays(minusYears(from, rng.chance(0.8) ? -1 : -2), -1);
    out.mentorships.push({
      key: `${mentor.id}>${e.id}`,
      mentorPlanId: mentor.id,
      menteePlanId: e.id,
      municipalityId: m.id,
      sameOrganization,
      from,
      to,
      goals: rng.sample(MENTORING_GOALS, rng.int(2, 3)),
    });
  }
};

/** Every municipality's pairs, in plan order; mentors must have seven years of career by asOf. */
export const planMentorships = (ctx: PlanContext): MentorshipsPart => {
  const out: MentorshipsPart = { mentorships: [], youngTeachers: 0, mentorsUsed: new Set() };
  const experienced = minusYears(ctx.asOf, 7);
  for (const m of ctx.region.municipalities) pairMunicipality(ctx, m, experienced, out);
  return out;
};

/** Pairs per startMentorships call the seeding sends (the service takes 500). */
export const MENTORSHIP_LIST = 200;

/** The plan's pairs as the seeding sends them: per municipality (its methodologist's order), in lists of at most MENTORSHIP_LIST. */
export const mentorshipListsOf = (pairs: readonly MentorshipPlan[]): MentorshipPlan[][] => listsBy(pairs, (x) => x.municipalityId, MENTORSHIP_LIST);
