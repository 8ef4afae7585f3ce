/**
 * A municipality's schools: in a city numbered from one shared sequence with gaps
 * (gymnasiums and lyceums have their own), in a district centre named after it, in a village
 * after the village.
 */
import { Random } from '../random';
import type { Locality, SchoolType } from '../region-model';
import { MunicipalitySketch, nextVillage, OrgSketch, Villages } from './sketches';

const SCHOOL_FORMS: Record<string, string> = {
  МБОУ: 'Муниципальное бюджетное общеобразовательное учреждение',
  МАОУ: 'Муниципальное автономное общеобразовательное учреждение',
  МКОУ: 'Муниципальное казённое общеобразовательное учреждение',
};

const SCHOOL_LONG: Record<'СОШ' | 'ООШ' | 'НОШ', string> = {
  СОШ: 'средняя общеобразовательная школа',
  ООШ: 'основная общеобразовательная школа',
  НОШ: 'начальная общеобразовательная школа',
};

/** Which schools a place has: cities have gymnasiums and lyceums, villages mostly basic schools. */
const SCHOOL_TYPES: Record<Locality, readonly (readonly [SchoolType, number])[]> = {
  CITY: [
    ['СОШ', 70],
    ['Гимназия', 9],
    ['Лицей', 7],
    ['СОШ с УИОП', 7],
    ['ООШ', 5],
  ],
  DISTRICT_CENTRE: [
    ['СОШ', 85],
    ['Гимназия', 5],
    ['Лицей', 5],
    ['ООШ', 5],
  ],
  VILLAGE: [
    ['СОШ', 50],
    ['ООШ', 40],
    ['НОШ', 10],
  ],
};

/** The legal form by place (and, in a city, whether the school is a gymnasium or lyceum). */
const SCHOOL_FORM_SHARES = {
  CITY_ELITE: [
    ['МАОУ', 60],
    ['МБОУ', 40],
  ],
  CITY: [
    ['МБОУ', 60],
    ['МАОУ', 40],
  ],
  DISTRICT_CENTRE: [
    ['МБОУ', 75],
    ['МАОУ', 15],
    ['МКОУ', 10],
  ],
  VILLAGE: [
    ['МБОУ', 50],
    ['МКОУ', 45],
    ['МАОУ', 5],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

/** What keeps a municipality's school names distinct: the city's shuffled numbers and each sequence so far. */
interface SchoolNumbering {
  numberPool: number[];
  gymnasium: number;
  lyceum: number;
  centreNo: number;
  centreElite: Map<string, number>;
}

interface SchoolName {
  core: string;
  short: string;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const isElite = (type: SchoolType) => type === 'Гимназия' || type === 'Лицей';

/** In a city, every school; elsewhere the first school is in the district centre, and about one in seven after it. */
const schoolLocality = (rng: Random, urban: boolean, i: number): Locality => (urban ? 'CITY' : i === 0 || rng.chance(0.15) ? 'DISTRICT_CENTRE' : 'VILLAGE');

const schoolForm = (rng: Random, locality: Locality, elite: boolean): keyof typeof SCHOOL_FORMS =>
  rng.weighted(locality === 'CITY' ? (elite ? SCHOOL_FORM_SHARES.CITY_ELITE : SCHOOL_FORM_SHARES.CITY) : SCHOOL_FORM_SHARES[locality]);

/** «Гимназия № 3», «Средняя общеобразовательная школа № 12»: gymnasiums and lyceums count on their own, the rest take the `i`-th shuffled number. */
const citySchoolName = (rng: Random, nums: SchoolNumbering, type: SchoolType, i: number): SchoolName => {
  if (isElite(type)) {
    const n = type === 'Гимназия' ? (nums.gymnasium += rng.int(1, 2)) : (nums.lyceum += rng.int(1, 2));
    return { core: `${type} № ${n}`, short: `${type} № ${n}` };
  }
  const n = nums.numberPool[i]!;
  if (type === 'СОШ с УИОП') {
    return { core: `Средняя общеобразовательная школа № ${n} с углублённым изучением отдельных предметов`, short: `СОШ № ${n} с УИОП` };
  }
  return { core: `${capitalise(SCHOOL_LONG[type as 'СОШ' | 'ООШ'])} № ${n}`, short: `${type} № ${n}` };
};

/** «Берёзовская гимназия», «Берёзовская средняя общеобразовательная школа № 2». */
const centreSchoolName = (nums: SchoolNumbering, adj: string, type: SchoolType): SchoolName => {
  if (isElite(type)) {
    const n = (nums.centreElite.get(type) ?? 0) + 1;
    nums.centreElite.set(type, n);
    const core = `${adj} ${type.toLowerCase()}${n > 1 ? ` № ${n}` : ''}`;
    return { core, short: core };
  }
  nums.centreNo++;
  return { core: `${adj} ${SCHOOL_LONG[type as 'СОШ' | 'ООШ']} № ${nums.centreNo}`, short: `${adj} ${type} № ${nums.centreNo}` };
};

/** «Сосновская основная общеобразовательная школа»: a village of its own. */
const villageSchoolName = (villages: Villages, type: SchoolType): SchoolName => {
  const village = nextVillage(villages);
  villages.withSchool.push(village);
  return { core: `${village} ${SCHOOL_LONG[type as 'СОШ' | 'ООШ' | 'НОШ']}`, short: `${village} ${type}` };
};

/** Typical staff ranges: large city gymnasiums and lyceums down to village primary schools. */
const schoolStaff = (locality: Locality, type: SchoolType, elite: boolean): readonly [number, number] => {
  if (locality === 'CITY') return elite || type === 'СОШ с УИОП' ? [46, 92] : type === 'ООШ' ? [16, 30] : [30, 84];
  if (locality === 'DISTRICT_CENTRE') return elite ? [32, 58] : type === 'ООШ' ? [13, 22] : [22, 50];
  return type === 'СОШ' ? [11, 24] : type === 'ООШ' ? [8, 14] : [4, 7];
};

/** The `i`-th school of the municipality. */
const sketchSchool = (rng: Random, m: MunicipalitySketch, nums: SchoolNumbering, villages: Villages, i: number): OrgSketch => {
  const locality = schoolLocality(rng, m.form === 'URBAN_OKRUG', i);
  const type = rng.weighted<SchoolType>(SCHOOL_TYPES[locality]);
  const elite = isElite(type);
  const form = schoolForm(rng, locality, elite);
  const { core, short } =
    locality === 'CITY'
      ? citySchoolName(rng, nums, type, i)
      : locality === 'DISTRICT_CENTRE'
        ? centreSchoolName(nums, m.centreF!, type)
        : villageSchoolName(villages, type);
  const [lo, hi] = schoolStaff(locality, type, elite);
  return { kind: 'SCHOOL', locality, type, name: `${SCHOOL_FORMS[form]} «${core}»`, shortName: `${form} ${short}`, profile: null, rawSize: rng.intTri(lo, hi) };
};

/** `count` schools of the municipality. */
export const sketchSchools = (rng: Random, m: MunicipalitySketch, count: number, villages: Villages): OrgSketch[] => {
  const nums: SchoolNumbering = {
    numberPool: rng.shuffle(Array.from({ length: Math.ceil(count * 1.25) + 1 }, (_, i) => i + 1)),
    gymnasium: 0,
    lyceum: 0,
    centreNo: 0,
    centreElite: new Map(),
  };
  return Array.from({ length: count }, (_, i) => sketchSchool(rng, m, nums, villages, i));
};
