/** A municipality's kindergartens: numbered in a city, in a district centre after it, in a village after the village (often one with a school). */
import { KINDERGARTEN_NAMES, masculineAdjective } from '../dictionaries';
import { Random } from '../random';
import type { Locality } from '../region-model';
import { MunicipalitySketch, nextVillage, OrgSketch, Villages } from './sketches';

const KINDERGARTEN_FORMS: Record<string, string> = {
  МБДОУ: 'Муниципальное бюджетное дошкольное образовательное учреждение',
  МАДОУ: 'Муниципальное автономное дошкольное образовательное учреждение',
  МКДОУ: 'Муниципальное казённое дошкольное образовательное учреждение',
};

/** What keeps a municipality's kindergarten names distinct: the city's shuffled numbers, the centre's count, the villages taken. */
interface KindergartenNumbering {
  pool: number[];
  centreNo: number;
  villagesTaken: Set<string>;
}

interface KindergartenName {
  core: string;
  short: string;
}

const kindergartenForm = (rng: Random, locality: Locality) =>
  locality === 'VILLAGE'
    ? rng.weighted([
        ['МБДОУ', 50],
        ['МКДОУ', 45],
        ['МАДОУ', 5],
      ])
    : rng.weighted([
        ['МБДОУ', 60],
        ['МАДОУ', 40],
      ]);

/** «Детский сад № 12 "Солнышко"», sometimes of the combined kind or a child development centre. */
const cityKindergartenName = (rng: Random, n: number, nick: string): KindergartenName => {
  const variant = rng.weighted([
    ['plain', 80],
    ['combined', 15],
    ['crr', 5],
  ]);
  if (variant === 'combined') return { core: `Детский сад комбинированного вида № ${n}${nick}`, short: `детский сад комбинированного вида № ${n}${nick}` };
  if (variant === 'crr') return { core: `Центр развития ребёнка — детский сад № ${n}${nick}`, short: `ЦРР — детский сад № ${n}${nick}` };
  return { core: `Детский сад № ${n}${nick}`, short: `детский сад № ${n}${nick}` };
};

/** «Сосновский детский сад»: most often in a village that has a school and no kindergarten yet. */
const villageKindergartenName = (rng: Random, villages: Villages, taken: Set<string>, nick: string): KindergartenName => {
  const free = villages.withSchool.filter((v) => !taken.has(v));
  const village = free.length && rng.chance(0.6) ? rng.pick(free) : nextVillage(villages);
  taken.add(village);
  const core = `${masculineAdjective(village)} детский сад${nick}`;
  return { core, short: core };
};

const kindergartenName = (rng: Random, m: MunicipalitySketch, nums: KindergartenNumbering, villages: Villages, locality: Locality, nick: string, i: number) => {
  if (locality === 'CITY') return cityKindergartenName(rng, nums.pool[i]!, nick);
  if (locality === 'DISTRICT_CENTRE') {
    nums.centreNo++;
    const core = `${masculineAdjective(m.centreF!)} детский сад № ${nums.centreNo}${nick}`;
    return { core, short: core };
  }
  return villageKindergartenName(rng, villages, nums.villagesTaken, nick);
};

/** The `i`-th kindergarten of the municipality. */
const sketchKindergarten = (rng: Random, m: MunicipalitySketch, nums: KindergartenNumbering, villages: Villages, i: number): OrgSketch => {
  const locality: Locality = m.form === 'URBAN_OKRUG' ? 'CITY' : rng.chance(0.35) ? 'DISTRICT_CENTRE' : 'VILLAGE';
  const form = kindergartenForm(rng, locality);
  const nick = rng.chance(0.7) ? ` "${rng.pick(KINDERGARTEN_NAMES)}"` : '';
  const { core, short } = kindergartenName(rng, m, nums, villages, locality, nick, i);
  const rawSize = locality === 'CITY' ? rng.intTri(16, 38) : locality === 'DISTRICT_CENTRE' ? rng.intTri(10, 24) : rng.intTri(4, 10);
  return {
    kind: 'KINDERGARTEN',
    locality,
    type: 'детский сад',
    name: `${KINDERGARTEN_FORMS[form]} «${core}»`,
    shortName: `${form} ${short}`,
    profile: null,
    rawSize,
  };
};

/** `count` kindergartens of the municipality (after its schools: villages with a school get one first). */
export const sketchKindergartens = (rng: Random, m: MunicipalitySketch, count: number, villages: Villages): OrgSketch[] => {
  const nums: KindergartenNumbering = {
    pool: rng.shuffle(Array.from({ length: Math.ceil(count * 1.3) + 1 }, (_, i) => i + 1)),
    centreNo: 0,
    villagesTaken: new Set(),
  };
  return Array.from({ length: count }, (_, i) => sketchKindergarten(rng, m, nums, villages, i));
};
