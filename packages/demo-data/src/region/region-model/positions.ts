/** An educator's position and subjects, by the kind (and size or profile) of the organisation, with the share of men in it. */
import {
  ADDITIONAL_POSITIONS,
  ADDITIONAL_SUBJECTS,
  KINDERGARTEN_POSITIONS,
  PositionDef,
  SCHOOL_POSITIONS,
  SMALL_SCHOOL_POSITIONS,
  SPORT_POSITION,
} from '../dictionaries';
import { Random } from '../random';
import { OrgSketch } from './sketches';

export interface Position {
  title: string;
  subjects: string[];
  /** The chance that the educator is a man. */
  maleShare: number;
}

/** A small school (≤ 15 educators) has teachers of several subjects; a sports school mostly coaches. */
const positionDef = (rng: Random, org: OrgSketch, size: number): PositionDef => {
  if (org.kind === 'SCHOOL') return rng.weighted(size <= 15 ? SMALL_SCHOOL_POSITIONS : SCHOOL_POSITIONS);
  if (org.kind === 'KINDERGARTEN') return rng.weighted(KINDERGARTEN_POSITIONS);
  if (org.profile === 'sport' && rng.chance(0.8)) return SPORT_POSITION;
  return rng.weighted(ADDITIONAL_POSITIONS);
};

/** What a «педагог дополнительного образования» teaches: the centre's profile, a school's arts and tech clubs, or anything. */
const additionalSubjects = (org: OrgSketch): readonly string[] =>
  org.profile && org.profile !== 'mixed'
    ? ADDITIONAL_SUBJECTS[org.profile]
    : org.kind === 'SCHOOL'
      ? [...ADDITIONAL_SUBJECTS.arts, ...ADDITIONAL_SUBJECTS.tech]
      : Object.values(ADDITIONAL_SUBJECTS).flat();

export const positionFor = (rng: Random, org: OrgSketch, size: number): Position => {
  const [title, subjects, maleShare] = positionDef(rng, org, size);
  if (title === 'тренер-преподаватель') return { title, subjects: [rng.pick(ADDITIONAL_SUBJECTS.sport)], maleShare };
  if (title === 'педагог дополнительного образования') {
    const chosen = rng.sample(additionalSubjects(org), rng.chance(0.7) ? 1 : 2);
    const male = chosen.some((s) => ADDITIONAL_SUBJECTS.sport.includes(s) || ADDITIONAL_SUBJECTS.tech.includes(s)) ? 0.5 : maleShare;
    return { title, subjects: chosen, maleShare: male };
  }
  return { title, subjects: [...subjects], maleShare };
};
