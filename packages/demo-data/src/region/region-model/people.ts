/** An educator's name: surname, first name typical of their generation, patronymic from a father a generation older. */
import { FEMALE_NAMES, feminineSurname, Gender, Generation, MALE_NAMES, SURNAMES } from '../dictionaries';
import { Random } from '../random';

export interface Person {
  gender: Gender;
  surname: string;
  firstName: string;
  patronymic: string;
}

const generationOf = (years: number): Generation => (years < 8 ? 'young' : years <= 25 ? 'mid' : 'old');

/** How likely a name of one generation is for a person of another. */
const nameWeight = (name: Generation, person: Generation) =>
  name === person ? 4 : name === 'any' ? 2.5 : (name === 'old' && person === 'young') || (name === 'young' && person === 'old') ? 0.15 : 0.8;

const GENERATIONS: readonly Generation[] = ['young', 'mid', 'old'];
const MALE_BY_GENERATION = new Map(GENERATIONS.map((g) => [g, MALE_NAMES.map((n) => [n, nameWeight(n[3], g)] as const)]));
const FEMALE_BY_GENERATION = new Map(GENERATIONS.map((g) => [g, FEMALE_NAMES.map((n) => [n, nameWeight(n[1], g)] as const)]));

export const personFor = (rng: Random, gender: Gender, years: number): Person => {
  const gen = generationOf(years);
  const fatherGen: Generation = gen === 'young' ? 'mid' : 'old';
  const father = rng.weighted(MALE_BY_GENERATION.get(fatherGen)!);
  const male = rng.pick(SURNAMES);
  if (gender === 'M') {
    const own = rng.weighted(MALE_BY_GENERATION.get(gen)!);
    return { gender, surname: male, firstName: own[0], patronymic: father[1] };
  }
  const own = rng.weighted(FEMALE_BY_GENERATION.get(gen)!);
  return { gender, surname: feminineSurname(male), firstName: own[0], patronymic: father[2] };
};
