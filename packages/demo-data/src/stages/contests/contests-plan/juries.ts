/**
 * Part 3 of the contests plan: a stage's jury from the teachers of its subject, spread over as
 * many schools (at the regional stage, municipalities) as it can be, with a chair and an appeal
 * commission. The jury must be able to score every work without a juror of the work's own
 * school (the service assigns the works): one other-school juror per work in single scoring,
 * three in double scoring (two first scores and a third check); a jury that cannot is made
 * larger, then single, and a stage with no such jury is not held.
 */
import { Random } from '../../../region/random';
import { EducatorPlan, OrganizationPlan, QualificationCategory } from '../../../region/region-model';
import { SUBJECT_BY_CODE, ContestSubject } from '../contests-dictionaries';
import type { JurorPlan, ScoringMode } from '../contests-plan';
import { PRIMARY_TEACHER, teachesAny } from './context';

const CATEGORY_RANK: Record<QualificationCategory, number> = { METHODIST: 5, HIGHEST: 4, MENTOR: 3, FIRST: 2, NONE: 1 };

export interface JuryCandidate {
  e: EducatorPlan;
  municipalityId: string;
  organizationPlanId: string;
}

/** Teachers of the subject in these schools; primary-class teachers only where a school has nobody else. */
export const juryCandidates = (schools: readonly OrganizationPlan[], subject: ContestSubject): JuryCandidate[] => {
  const taught = SUBJECT_BY_CODE.get(subject)!.teacherSubjects;
  return schools.flatMap((o) => {
    const all = o.educators.filter((e) => teachesAny(e, taught));
    const specialists = all.filter((e) => e.input.position !== PRIMARY_TEACHER);
    return (specialists.length ? specialists : all).map((e) => ({ e, municipalityId: o.municipalityId, organizationPlanId: o.id }));
  });
};

/** How many jurors of other schools every work needs. */
const NEEDED: Record<ScoringMode, number> = { SINGLE: 1, DOUBLE: 3 };

const feasible = (jury: readonly JuryCandidate[], workSchools: ReadonlySet<string>, mode: ScoringMode) =>
  [...workSchools].every((school) => jury.filter((j) => j.organizationPlanId !== school).length >= NEEDED[mode]);

/** The more senior first: category, then experience. */
const seniority = (a: JuryCandidate, b: JuryCandidate) =>
  CATEGORY_RANK[b.e.input.qualificationCategory] - CATEGORY_RANK[a.e.input.qualificationCategory] ||
  (a.e.input.careerStartDate < b.e.input.careerStartDate ? -1 : a.e.input.careerStartDate > b.e.input.careerStartDate ? 1 : 0);

export interface JuryRequest {
  candidates: readonly JuryCandidate[];
  size: number;
  mode: ScoringMode;
  /** The schools (plan ids) whose works the jury scores. */
  workSchools: ReadonlySet<string>;
  /** Spread the jurors over municipalities first (the regional stage), else over schools. */
  spreadBy: 'school' | 'municipality';
}

/** Candidates in the order they are taken: round robin over shuffled schools (or municipalities), the senior ones of each first. */
const draftOrder = (rng: Random, r: JuryRequest): JuryCandidate[] => {
  const groups = new Map<string, JuryCandidate[]>();
  for (const c of rng.shuffle(r.candidates)) {
    const k = r.spreadBy === 'school' ? c.organizationPlanId : c.municipalityId;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(c);
  }
  const lists = [...groups.values()].map((l) => [...l].sort(seniority));
  const order: JuryCandidate[] = [];
  for (let i = 0; order.length < r.candidates.length; i++) for (const l of lists) if (l[i]) order.push(l[i]!);
  return order;
};

/** The jury and the scoring mode it can do, or null when not even single scoring is possible. */
export const planJury = (rng: Random, r: JuryRequest): { jury: JurorPlan[]; mode: ScoringMode } | null => {
  const order = draftOrder(rng, r);
  let mode = r.mode;
  let n = Math.min(r.size, order.length);
  // Larger until every work can be scored without a juror of its school; then, if need be, single.
  while (!feasible(order.slice(0, n), r.workSchools, mode)) {
    if (n < Math.min(order.length, r.size + 6)) n++;
    else if (mode === 'DOUBLE') {
      mode = 'SINGLE';
      n = Math.min(r.size, order.length);
    } else return null;
  }
  const members = order.slice(0, n);
  if (!members.length) return null;
  const ranked = [...members].sort(seniority);
  const commission = new Set(ranked.slice(0, members.length >= 5 ? 3 : 2).map((c) => c.e.id));
  const chair = ranked[0]!.e.id;
  return {
    mode,
    jury: members.map((c) => ({
      educatorPlanId: c.e.id,
      municipalityId: c.municipalityId,
      organizationPlanId: c.organizationPlanId,
      chair: c.e.id === chair,
      appealCommission: commission.has(c.e.id),
    })),
  };
};
