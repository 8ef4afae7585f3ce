/**
 * Part 2 of the contests plan: each school's olympiad participants, registered as one class
 * list with the parents' consents: realistic names (unique within the school, as a re-run
 * recognises them), birth dates that fit the grade, the subjects each sits at the school stage.
 */
import { feminineSurname, Generation, MALE_NAMES, SURNAMES } from '../../../region/dictionaries';
import { Random } from '../../../region/random';
import { Locality, OrganizationPlan } from '../../../region/region-model';
import { BOYS, ContestSubject, GIRLS, SUBJECT_BY_CODE } from '../contests-dictionaries';
import type { SchoolStudentsPlan, StudentPlan } from '../contests-plan';
import { ContestsPlanContext, pad, schoolsOf } from './context';
import { addDays } from './rules';
import type { SubjectsPart } from './subjects';

/** A student with what the plan draws their results from (not sent anywhere). */
export interface Pupil {
  plan: StudentPlan;
  /** Subjects of the school stage they sit, with their aptitude for each (0–1). */
  subjects: Map<ContestSubject, number>;
}

export interface StudentsPart {
  schools: SchoolStudentsPlan[];
  /** Every pupil by student key. */
  pupils: Map<string, Pupil>;
}

const GRADE_WEIGHTS: Record<number, number> = { 4: 1, 5: 1.2, 6: 1.2, 7: 1.15, 8: 1.1, 9: 1, 10: 0.75, 11: 0.65 };
const LOCALITY_FACTOR: Record<Locality, number> = { CITY: 1.1, DISTRICT_CENTRE: 1, VILLAGE: 0.85 };
const SUBJECT_COUNTS: readonly (readonly [number, number])[] = [
  [1, 45],
  [2, 33],
  [3, 16],
  [4, 6],
];

/** The grades a school teaches that the school stage admits: a primary school only the 4th, a basic one up to the 9th. */
const gradesOf = (o: OrganizationPlan): number[] => {
  const top = o.type === 'НОШ' ? 4 : o.type === 'ООШ' ? 9 : 11;
  return Array.from({ length: top - 3 }, (_, i) => 4 + i);
};

/** Fathers of today's schoolchildren were born around 1975–1992. */
const FATHER_WEIGHT: Record<Generation, number> = { mid: 4, any: 2.5, young: 1.2, old: 0.6 };
const FATHERS = MALE_NAMES.map((n) => [n, FATHER_WEIGHT[n[3]]] as const);

const childName = (rng: Random, boy: boolean) => {
  const surname = rng.pick(SURNAMES);
  const father = rng.weighted(FATHERS);
  const patronymic = rng.chance(0.98) ? (boy ? father[1] : father[2]) : null;
  return boy ? { surname, name: rng.weighted(BOYS), patronymic } : { surname: feminineSurname(surname), name: rng.weighted(GIRLS), patronymic };
};

const fullNameOf = (n: { surname: string; name: string; patronymic: string | null }) => [n.surname, n.name, n.patronymic].filter(Boolean).join(' ');

/** A general ability with a long tail: most participants score well below half, a few near the top. */
const abilityOf = (rng: Random) => rng.next() * (0.45 + 0.55 * rng.next());

/** 1–4 subjects the student's grade may sit, by popularity. */
const chooseSubjects = (rng: Random, offered: readonly ContestSubject[], grade: number, ability: number): Map<ContestSubject, number> => {
  let pool = offered.filter((s) => {
    const [lo, hi] = SUBJECT_BY_CODE.get(s)!.grades;
    return grade >= lo && grade <= hi;
  });
  const out = new Map<ContestSubject, number>();
  const n = rng.weighted(SUBJECT_COUNTS);
  while (out.size < n && pool.length) {
    const s = rng.weighted(pool.map((c) => [c, SUBJECT_BY_CODE.get(c)!.popularity] as const));
    pool = pool.filter((c) => c !== s);
    out.set(s, Math.min(1, Math.max(0, ability * 0.75 + rng.next() * 0.3)));
  }
  return out;
};

/** The `i`-th student of the school. */
const planPupil = (ctx: ContestsPlanContext, rng: Random, o: OrganizationPlan, offered: readonly ContestSubject[], i: number, taken: Set<string>): Pupil => {
  const grade = rng.weighted(gradesOf(o).map((g) => [g, GRADE_WEIGHTS[g]!] as const));
  const boy = rng.chance(0.5);
  let name = childName(rng, boy);
  for (let attempt = 0; taken.has(fullNameOf(name)); attempt++) {
    if (attempt > 200) throw new Error(`cannot find a unique student name in ${o.id}`);
    name = childName(rng, boy);
  }
  taken.add(fullNameOf(name));
  const born = ctx.yearStart - grade - 7;
  const birthDate = rng.chance(0.94) ? rng.dateBetween(`${born}-09-01`, `${born + 1}-08-31`) : null;
  const school = ctx.calendar.SCHOOL;
  const consented = !rng.chance(ctx.opt.withoutConsentShare);
  const publishResults = rng.chance(ctx.opt.publishResultsShare);
  const consent = consented
    ? {
        signedOn: rng.dateBetween(addDays(school.registrationFrom, -14), school.consentDeadline),
        participation: true,
        publishResults,
        publishWork: publishResults && rng.chance(0.15),
      }
    : null;
  const ability = abilityOf(rng);
  const subjects = consented ? chooseSubjects(rng, offered, grade, ability) : new Map<ContestSubject, number>();
  return {
    plan: {
      key: `stu-${o.id.slice(4)}-${pad(i + 1, 4)}`,
      municipalityId: o.municipalityId,
      organizationPlanId: o.id,
      input: { ...name, birthDate, grade, consent },
    },
    subjects,
  };
};

/** A school's students: about one per teacher (more in cities), at most a class list of 1,000. */
const planSchool = (ctx: ContestsPlanContext, o: OrganizationPlan, offered: readonly ContestSubject[]): Pupil[] => {
  const rng = ctx.root.fork(`students/${o.id}`);
  const n = Math.min(1000, Math.max(3, Math.round(o.educators.length * ctx.opt.participantsPerEducator * LOCALITY_FACTOR[o.locality] * rng.float(0.8, 1.25))));
  const taken = new Set<string>();
  return Array.from({ length: n }, (_, i) => planPupil(ctx, rng, o, offered, i, taken));
};

export const planStudents = (ctx: ContestsPlanContext, subjects: SubjectsPart): StudentsPart => {
  const schools: SchoolStudentsPlan[] = [];
  const pupils = new Map<string, Pupil>();
  for (const m of ctx.region.municipalities) {
    const offered = subjects.byMunicipality.get(m.id)!.school;
    if (!offered.length) continue;
    for (const o of schoolsOf(m)) {
      const list = planSchool(ctx, o, offered);
      for (const p of list) pupils.set(p.plan.key, p);
      schools.push({ organizationPlanId: o.id, municipalityId: m.id, students: list.map((p) => p.plan) });
    }
  }
  return { schools, pupils };
};
