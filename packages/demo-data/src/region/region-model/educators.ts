/** An organisation's educators: career, position, name and category, full names unique within the municipality. */
import { Gender } from '../dictionaries';
import { Random } from '../random';
import type { EducatorPlan } from '../region-model';
import { careerStart, categoryFor, isYoungAsOf } from './careers';
import { pad } from './names';
import { Person, personFor } from './people';
import { positionFor } from './positions';
import { OrgSketch } from './sketches';

/** Where the educators go and what they are drawn against. */
export interface EducatorsOf {
  org: OrgSketch;
  orgId: string;
  /** `edu-001-003`: the educators are `edu-001-003-001`… */
  idPrefix: string;
  municipalityId: string;
  size: number;
  asOf: string;
  youngShare: number;
  /** The full names taken in the municipality so far. */
  usedNames: Set<string>;
}

const fullNameOf = (p: Person) => `${p.surname} ${p.firstName} ${p.patronymic}`;

/** Full names are unique within a municipality: re-runs recognise educators by them. */
const uniquePerson = (rng: Random, e: EducatorsOf, gender: Gender, years: number): Person => {
  let person = personFor(rng, gender, years);
  for (let attempt = 0; e.usedNames.has(fullNameOf(person)); attempt++) {
    if (attempt > 100) throw new Error(`cannot find a unique name in ${e.municipalityId}`);
    person = personFor(rng, gender, years);
  }
  e.usedNames.add(fullNameOf(person));
  return person;
};

/** The `ei`-th educator of the organisation. */
const planEducator = (rng: Random, e: EducatorsOf, ei: number): EducatorPlan => {
  const young = rng.chance(e.youngShare);
  const { date, years } = careerStart(rng, e.asOf, young);
  const position = positionFor(rng, e.org, e.size);
  const gender: Gender = rng.chance(position.maleShare) ? 'M' : 'F';
  const person = uniquePerson(rng, e, gender, years);
  return {
    id: `${e.idPrefix}-${pad(ei + 1)}`,
    municipalityId: e.municipalityId,
    organizationPlanId: e.orgId,
    ...person,
    isYoungTeacher: isYoungAsOf(date, e.asOf),
    input: {
      fullName: fullNameOf(person),
      position: position.title,
      subjects: position.subjects,
      careerStartDate: date,
      qualificationCategory: categoryFor(rng, young, years),
    },
  };
};

/** The organisation's `size` educators, in order. */
export const planEducatorsOf = (rng: Random, e: EducatorsOf): EducatorPlan[] => Array.from({ length: e.size }, (_, ei) => planEducator(rng, e, ei));
