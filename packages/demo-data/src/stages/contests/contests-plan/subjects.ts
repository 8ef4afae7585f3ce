/** Part 1 of the contests plan: which subjects each municipality holds its school and municipal stages in, and the region its stage. */
import { MunicipalityPlan } from '../../../region/region-model';
import { ContestSubject, CORE_SUBJECTS, SUBJECT_BY_CODE, SUBJECTS } from '../contests-dictionaries';
import { ContestsPlanContext, PRIMARY_TEACHER, schoolsOf, teachesAny } from './context';

export interface SubjectsPart {
  /** Municipality → subjects of its school stage and of its municipal stage (a subset), in SUBJECTS order. */
  byMunicipality: Map<string, { school: ContestSubject[]; municipal: ContestSubject[] }>;
  /** Subjects of the regional stage. */
  regional: ContestSubject[];
}

/** Schools of the municipality with a teacher of the subject (primary-class teachers only when `primary`). */
export const teacherSchools = (m: MunicipalityPlan, subject: ContestSubject, primary: boolean): number => {
  const def = SUBJECT_BY_CODE.get(subject)!;
  return schoolsOf(m).filter((o) => o.educators.some((e) => teachesAny(e, def.teacherSubjects) && (primary || e.input.position !== PRIMARY_TEACHER))).length;
};

const inOrder = (set: ReadonlySet<ContestSubject>) => SUBJECTS.map((s) => s.code).filter((c) => set.has(c));

/**
 * A municipality's subjects: the core ones wherever two schools can judge them, and more the
 * more schools it has (2 to 8 besides them), chosen by popularity among those with subject
 * teachers in at least two schools: a jury never scores its own school's works.
 */
const municipalitySubjects = (ctx: ContestsPlanContext, m: MunicipalityPlan) => {
  const rng = ctx.root.fork(`subjects/${m.id}`);
  const school = new Set<ContestSubject>(CORE_SUBJECTS.filter((s) => teacherSchools(m, s, true) >= 2));
  const extra = Math.min(8, Math.max(2, 2 + Math.round(schoolsOf(m).length / 12)));
  let pool = SUBJECTS.filter((s) => !school.has(s.code) && teacherSchools(m, s.code, false) >= 2);
  for (let i = 0; i < extra && pool.length; i++) {
    const pick = rng.weighted(pool.map((s) => [s.code, s.popularity] as const));
    school.add(pick);
    pool = pool.filter((s) => s.code !== pick);
  }
  const municipal = new Set<ContestSubject>(CORE_SUBJECTS.filter((s) => school.has(s)));
  const others = rng.shuffle(inOrder(school).filter((s) => !municipal.has(s)));
  for (const s of others.slice(0, rng.int(1, 2))) municipal.add(s);
  return { school: inOrder(school), municipal: inOrder(municipal) };
};

/** The region's stage: the core subjects and the subject most municipalities hold a municipal stage in besides them. */
const regionalSubjects = (byMunicipality: SubjectsPart['byMunicipality']): ContestSubject[] => {
  const held = new Map<ContestSubject, number>();
  for (const { municipal } of byMunicipality.values()) for (const s of municipal) held.set(s, (held.get(s) ?? 0) + 1);
  const regional = new Set<ContestSubject>(CORE_SUBJECTS.filter((s) => held.has(s)));
  const best = SUBJECTS.filter((s) => !regional.has(s.code) && held.has(s.code)).sort((a, b) => held.get(b.code)! - held.get(a.code)!)[0];
  if (best) regional.add(best.code);
  return inOrder(regional);
};

export const planSubjects = (ctx: ContestsPlanContext): SubjectsPart => {
  const byMunicipality = new Map(ctx.region.municipalities.map((m) => [m.id, municipalitySubjects(ctx, m)]));
  return { byMunicipality, regional: regionalSubjects(byMunicipality) };
};
