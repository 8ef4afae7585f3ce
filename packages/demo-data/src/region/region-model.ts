/**
 * The demo region as a pure in-memory plan: municipalities, their educational
 * organisations and educators, each carrying exactly the input of the directory's
 * GraphQL mutation that creates it (contracts/subgraphs/directory.graphql).
 *
 * Pure and deterministic: the same options give the same plan, byte for byte
 * (`JSON.stringify`); nothing here reads the clock — `asOf` is a parameter.
 */
import {
  ADDITIONAL_EDUCATION_TYPES,
  ADDITIONAL_POSITIONS,
  ADDITIONAL_SUBJECTS,
  AdditionalProfile,
  FEMALE_NAMES,
  feminineSurname,
  Gender,
  Generation,
  KINDERGARTEN_NAMES,
  KINDERGARTEN_POSITIONS,
  MALE_NAMES,
  masculineAdjective,
  PositionDef,
  REGIONAL_CENTRE,
  SCHOOL_POSITIONS,
  SETTLEMENT_PREFIXES,
  SETTLEMENTS_F,
  SMALL_SCHOOL_POSITIONS,
  SPORT_POSITION,
  SURNAMES,
  TOWNS,
  withPrefix,
} from './dictionaries';
import { dayToIso, isoToDay, minusYears, Random } from './random';
import { isYoungTeacher } from '@mms/contracts/dates';

// ---- the directory's inputs (contracts/subgraphs/directory.graphql) ----------

export type OrganizationKind = 'SCHOOL' | 'KINDERGARTEN' | 'ADDITIONAL_EDUCATION' | 'OTHER';
export type QualificationCategory = 'NONE' | 'FIRST' | 'HIGHEST' | 'METHODIST' | 'MENTOR';

/** `onboardMunicipality(input:)` */
export interface OnboardMunicipalityInput {
  id: string;
  name: string;
  oktmo: string;
}

/** `registerOrganization(input:)` (the server assigns the id). */
export interface RegisterOrganizationInput {
  name: string;
  shortName: string | null;
  kind: OrganizationKind;
  inn: string | null;
}

/** `registerEducator(input:)` (the server assigns the id). */
export interface RegisterEducatorInput {
  organizationId: string;
  fullName: string;
  position: string;
  subjects: string[];
  careerStartDate: string;
  qualificationCategory: QualificationCategory;
}

// ---- the plan ---------------------------------------------------------------

export type MunicipalityForm = 'URBAN_OKRUG' | 'MUNICIPAL_DISTRICT' | 'MUNICIPAL_OKRUG';
export type Locality = 'CITY' | 'DISTRICT_CENTRE' | 'VILLAGE';
export type SchoolType = 'СОШ' | 'СОШ с УИОП' | 'ООШ' | 'НОШ' | 'Гимназия' | 'Лицей';

export interface MunicipalityPlan {
  /** Plan id and tenant id: `mun-001`. */
  id: string;
  form: MunicipalityForm;
  isRegionalCentre: boolean;
  input: OnboardMunicipalityInput;
  organizations: OrganizationPlan[];
}

export interface OrganizationPlan {
  /** Plan id `org-001-003` (the directory assigns its own id on registration). */
  id: string;
  municipalityId: string;
  locality: Locality;
  /** «СОШ», «Гимназия», «детский сад», «ЦДТ»…: what the name says the organisation is. */
  type: string;
  input: RegisterOrganizationInput;
  educators: EducatorPlan[];
}

export interface EducatorPlan {
  /** Plan id `edu-001-003-007` (the directory assigns its own id on registration). */
  id: string;
  municipalityId: string;
  organizationPlanId: string;
  gender: Gender;
  surname: string;
  firstName: string;
  patronymic: string;
  /** Under three years in the profession at `asOf`. */
  isYoungTeacher: boolean;
  /** The input without `organizationId`, which is the directory's id of the organisation. */
  input: Omit<RegisterEducatorInput, 'organizationId'>;
}

export interface PlanTotals {
  municipalities: number;
  organizations: number;
  organizationsByKind: Record<OrganizationKind, number>;
  educators: number;
  youngTeachers: number;
  educatorsByCategory: Record<QualificationCategory, number>;
}

export interface RegionPlan {
  version: 1;
  seed: string;
  scale: number;
  asOf: string;
  region: { name: string; oktmoPrefix: string };
  municipalities: MunicipalityPlan[];
  totals: PlanTotals;
}

export interface RegionSizes {
  municipalities: number;
  organizations: number;
  educators: number;
}

/** The full-size region (scale 1). */
export const DEFAULT_SIZES: RegionSizes = { municipalities: 60, organizations: 1500, educators: 40000 };

export interface RegionPlanOptions {
  seed?: number | string;
  /** Multiplies every count; at least 1 municipality, 1 organisation each, a few educators. */
  scale?: number;
  /** The "today" of the plan (ISO date): career start dates and young teachers are relative to it. */
  asOf: string;
  /** Share of young teachers (under three years in the profession); default 0.12. */
  youngShare?: number;
  /** Counts at scale 1; default DEFAULT_SIZES. */
  sizes?: RegionSizes;
  /** First two digits of every ОКТМО code; default "04". */
  oktmoPrefix?: string;
  regionName?: string;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_YOUNG_SHARE = 0.12;

/** Counts after scaling: ≥ 1 municipality, ≥ 1 organisation per municipality, ≥ 1 educator per organisation and ≥ 3 overall. */
export const scaledSizes = (scale: number, base: RegionSizes = DEFAULT_SIZES): RegionSizes => {
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`scale must be a positive number, got ${scale}`);
  const municipalities = Math.max(1, Math.round(base.municipalities * scale));
  const organizations = Math.max(municipalities, Math.round(base.organizations * scale));
  const educators = Math.max(organizations, 3, Math.round(base.educators * scale));
  return { municipalities, organizations, educators };
};

/**
 * Splits `total` into integer parts proportional to `weights`, each at least `min`
 * (largest remainder; ties go to the earlier index). The parts sum to `total` exactly.
 */
export const allocate = (total: number, weights: readonly number[], min = 1): number[] => {
  const n = weights.length;
  if (n === 0) return [];
  if (total < n * min) throw new Error(`cannot split ${total} into ${n} parts of at least ${min}`);
  const rest = total - n * min;
  const sum = weights.reduce((a, w) => a + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((a, p) => a + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]![1]]! += 1;
  return parts.map((p) => p + min);
};

/** The platform's one young-teacher rule (@mms/contracts/dates) at `asOf`. */
export const isYoungAsOf = (careerStartDate: string, asOf: string): boolean => isYoungTeacher(careerStartDate, asOf);

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

/** `count` distinct names: the base list shuffled, then prefixed variants if it runs out. */
const uniqueNames = (rng: Random, base: readonly string[], count: number, exclude: ReadonlySet<string> = new Set()): string[] => {
  const out: string[] = [];
  const seen = new Set(exclude);
  const take = (list: readonly string[]) => {
    for (const s of rng.shuffle(list)) {
      if (out.length >= count) return;
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
      }
    }
  };
  take(base);
  for (const prefix of SETTLEMENT_PREFIXES) {
    if (out.length >= count) break;
    take(base.filter((b) => !b.includes('-')).map((b) => withPrefix(prefix, b)));
  }
  if (out.length < count) throw new Error(`not enough distinct names (${count} needed): scale too large`);
  return out;
};

// ---- municipalities ---------------------------------------------------------

/** ОКТМО blocks (3rd–5th digits) by form: 7xx urban okrugs, 6xx districts, 5xx municipal okrugs, then spill-over blocks. */
const OKTMO_BLOCKS: Record<MunicipalityForm, number[]> = {
  URBAN_OKRUG: [700, 800, 900],
  MUNICIPAL_DISTRICT: [600, 400, 200],
  MUNICIPAL_OKRUG: [500, 300, 100],
};

const allocateOktmo = (rng: Random, prefix: string, form: MunicipalityForm, count: number): string[] => {
  const blocks = OKTMO_BLOCKS[form];
  const capacity = blocks.length * 99;
  if (count > capacity) throw new Error(`too many municipalities of form ${form} for the ОКТМО scheme (${count} > ${capacity})`);
  let slack = capacity - count;
  let pos = 0;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && slack > 0 && rng.chance(0.35)) {
      pos++;
      slack--;
    }
    const code = blocks[Math.floor(pos / 99)]! + 1 + (pos % 99);
    out.push(`${prefix}${pad(code)}000`);
    pos++;
  }
  return out;
};

interface MunicipalitySketch {
  form: MunicipalityForm;
  isRegionalCentre: boolean;
  name: string;
  /** Districts: the feminine adjective of the district centre («Берёзовская»). */
  centreF: string | null;
  weight: number;
}

const sketchMunicipalities = (rng: Random, count: number): MunicipalitySketch[] => {
  const urban = count === 1 ? 1 : Math.min(count, 1 + Math.round((count - 1) * 0.12));
  const rural = count - urban;
  const towns = uniqueNames(rng, TOWNS, urban - 1, new Set([REGIONAL_CENTRE]));
  const centres = uniqueNames(
    rng,
    SETTLEMENTS_F.filter((s) => /(ская|цкая)$/.test(s)),
    rural,
  );
  const out: MunicipalitySketch[] = [
    { form: 'URBAN_OKRUG', isRegionalCentre: true, name: `Городской округ город ${REGIONAL_CENTRE}`, centreF: null, weight: 12 },
  ];
  for (const town of towns) {
    out.push({ form: 'URBAN_OKRUG', isRegionalCentre: false, name: `Городской округ ${town}`, centreF: null, weight: rng.float(2, 5) });
  }
  for (const centreF of centres) {
    const form: MunicipalityForm = rng.chance(0.3) ? 'MUNICIPAL_OKRUG' : 'MUNICIPAL_DISTRICT';
    const m = masculineAdjective(centreF);
    const name = form === 'MUNICIPAL_OKRUG' ? `${m} муниципальный округ` : `${m} муниципальный район`;
    out.push({ form, isRegionalCentre: false, name, centreF, weight: rng.float(0.6, 1.6) });
  }
  return out;
};

// ---- organisations ----------------------------------------------------------

const SCHOOL_FORMS: Record<string, string> = {
  МБОУ: 'Муниципальное бюджетное общеобразовательное учреждение',
  МАОУ: 'Муниципальное автономное общеобразовательное учреждение',
  МКОУ: 'Муниципальное казённое общеобразовательное учреждение',
};
const KINDERGARTEN_FORMS: Record<string, string> = {
  МБДОУ: 'Муниципальное бюджетное дошкольное образовательное учреждение',
  МАДОУ: 'Муниципальное автономное дошкольное образовательное учреждение',
  МКДОУ: 'Муниципальное казённое дошкольное образовательное учреждение',
};
const ADDITIONAL_FORMS: Record<string, string> = {
  'МБУ ДО': 'Муниципальное бюджетное учреждение дополнительного образования',
  'МАУ ДО': 'Муниципальное автономное учреждение дополнительного образования',
  'МКУ ДО': 'Муниципальное казённое учреждение дополнительного образования',
};

const SCHOOL_LONG: Record<'СОШ' | 'ООШ' | 'НОШ', string> = {
  СОШ: 'средняя общеобразовательная школа',
  ООШ: 'основная общеобразовательная школа',
  НОШ: 'начальная общеобразовательная школа',
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A valid 10-digit ИНН of a legal entity (with its check digit). */
const innFor = (rng: Random, office: number, used: Set<string>): string => {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  for (;;) {
    const body = `24${pad(office, 2)}${pad(rng.int(0, 99999), 5)}`;
    const sum = body.split('').reduce((a, d, i) => a + Number(d) * weights[i]!, 0);
    const inn = `${body}${(sum % 11) % 10}`;
    if (!used.has(inn)) {
      used.add(inn);
      return inn;
    }
  }
};

interface OrgSketch {
  kind: OrganizationKind;
  locality: Locality;
  type: string;
  name: string;
  shortName: string;
  profile: AdditionalProfile | null;
  rawSize: number;
}

const sketchOrganizations = (rng: Random, m: MunicipalitySketch, count: number, centres: ReadonlySet<string>): OrgSketch[] => {
  const urban = m.form === 'URBAN_OKRUG';
  const additional = count >= 6 ? Math.max(1, Math.round(count * 0.07)) : 0;
  const kindergartens = count >= 2 ? Math.max(1, Math.round(count * 0.27)) : 0;
  const schools = count - additional - kindergartens;
  // Villages are never named like a district centre (of this or another district).
  const villages = uniqueNames(rng, SETTLEMENTS_F, count + 2, centres);
  let nextVillage = 0;
  const schoolVillages: string[] = [];
  const out: OrgSketch[] = [];

  // Schools: city numbering shares one sequence with gaps; gymnasiums and lyceums have their own.
  const numberPool = rng.shuffle(Array.from({ length: Math.ceil(schools * 1.25) + 1 }, (_, i) => i + 1));
  let gymnasium = 0;
  let lyceum = 0;
  let centreNo = 0;
  const centreElite = new Map<string, number>();
  for (let i = 0; i < schools; i++) {
    const locality: Locality = urban ? 'CITY' : i === 0 || rng.chance(0.15) ? 'DISTRICT_CENTRE' : 'VILLAGE';
    let type: SchoolType;
    if (locality === 'CITY')
      type = rng.weighted<SchoolType>([
        ['СОШ', 70],
        ['Гимназия', 9],
        ['Лицей', 7],
        ['СОШ с УИОП', 7],
        ['ООШ', 5],
      ]);
    else if (locality === 'DISTRICT_CENTRE')
      type = rng.weighted<SchoolType>([
        ['СОШ', 85],
        ['Гимназия', 5],
        ['Лицей', 5],
        ['ООШ', 5],
      ]);
    else
      type = rng.weighted<SchoolType>([
        ['СОШ', 50],
        ['ООШ', 40],
        ['НОШ', 10],
      ]);
    const elite = type === 'Гимназия' || type === 'Лицей';
    const form =
      locality === 'CITY'
        ? rng.weighted(
            elite
              ? [
                  ['МАОУ', 60],
                  ['МБОУ', 40],
                ]
              : [
                  ['МБОУ', 60],
                  ['МАОУ', 40],
                ],
          )
        : locality === 'DISTRICT_CENTRE'
          ? rng.weighted([
              ['МБОУ', 75],
              ['МАОУ', 15],
              ['МКОУ', 10],
            ])
          : rng.weighted([
              ['МБОУ', 50],
              ['МКОУ', 45],
              ['МАОУ', 5],
            ]);
    let core: string;
    let short: string;
    if (locality === 'CITY') {
      if (type === 'Гимназия' || type === 'Лицей') {
        const n = type === 'Гимназия' ? (gymnasium += rng.int(1, 2)) : (lyceum += rng.int(1, 2));
        core = `${type} № ${n}`;
        short = core;
      } else {
        const n = numberPool[i]!;
        if (type === 'СОШ с УИОП') {
          core = `Средняя общеобразовательная школа № ${n} с углублённым изучением отдельных предметов`;
          short = `СОШ № ${n} с УИОП`;
        } else {
          core = `${capitalise(SCHOOL_LONG[type as 'СОШ' | 'ООШ'])} № ${n}`;
          short = `${type} № ${n}`;
        }
      }
    } else if (locality === 'DISTRICT_CENTRE') {
      const adj = m.centreF!;
      if (elite) {
        const n = (centreElite.get(type) ?? 0) + 1;
        centreElite.set(type, n);
        core = `${adj} ${type.toLowerCase()}${n > 1 ? ` № ${n}` : ''}`;
        short = core;
      } else {
        centreNo++;
        core = `${adj} ${SCHOOL_LONG[type as 'СОШ' | 'ООШ']} № ${centreNo}`;
        short = `${adj} ${type} № ${centreNo}`;
      }
    } else {
      const village = villages[nextVillage++]!;
      schoolVillages.push(village);
      core = `${village} ${SCHOOL_LONG[type as 'СОШ' | 'ООШ' | 'НОШ']}`;
      short = `${village} ${type}`;
    }
    const rawSize =
      locality === 'CITY'
        ? elite || type === 'СОШ с УИОП'
          ? rng.intTri(46, 92)
          : type === 'ООШ'
            ? rng.intTri(16, 30)
            : rng.intTri(30, 84)
        : locality === 'DISTRICT_CENTRE'
          ? elite
            ? rng.intTri(32, 58)
            : type === 'ООШ'
              ? rng.intTri(13, 22)
              : rng.intTri(22, 50)
          : type === 'СОШ'
            ? rng.intTri(11, 24)
            : type === 'ООШ'
              ? rng.intTri(8, 14)
              : rng.intTri(4, 7);
    out.push({
      kind: 'SCHOOL',
      locality,
      type,
      name: `${SCHOOL_FORMS[form]} «${core}»`,
      shortName: `${form} ${short}`,
      profile: null,
      rawSize,
    });
  }

  // Kindergartens.
  const kgPool = rng.shuffle(Array.from({ length: Math.ceil(kindergartens * 1.3) + 1 }, (_, i) => i + 1));
  const kgVillages = new Set<string>();
  let kgCentreNo = 0;
  for (let i = 0; i < kindergartens; i++) {
    const locality: Locality = urban ? 'CITY' : rng.chance(0.35) ? 'DISTRICT_CENTRE' : 'VILLAGE';
    const form =
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
    const nick = rng.chance(0.7) ? ` "${rng.pick(KINDERGARTEN_NAMES)}"` : '';
    let core: string;
    let short: string;
    if (locality === 'CITY') {
      const n = kgPool[i]!;
      const variant = rng.weighted([
        ['plain', 80],
        ['combined', 15],
        ['crr', 5],
      ]);
      if (variant === 'combined') {
        core = `Детский сад комбинированного вида № ${n}${nick}`;
        short = `детский сад комбинированного вида № ${n}${nick}`;
      } else if (variant === 'crr') {
        core = `Центр развития ребёнка — детский сад № ${n}${nick}`;
        short = `ЦРР — детский сад № ${n}${nick}`;
      } else {
        core = `Детский сад № ${n}${nick}`;
        short = `детский сад № ${n}${nick}`;
      }
    } else if (locality === 'DISTRICT_CENTRE') {
      kgCentreNo++;
      core = `${masculineAdjective(m.centreF!)} детский сад № ${kgCentreNo}${nick}`;
      short = core;
    } else {
      const free = schoolVillages.filter((v) => !kgVillages.has(v));
      const village = free.length && rng.chance(0.6) ? rng.pick(free) : villages[nextVillage++]!;
      kgVillages.add(village);
      core = `${masculineAdjective(village)} детский сад${nick}`;
      short = core;
    }
    const rawSize = locality === 'CITY' ? rng.intTri(16, 38) : locality === 'DISTRICT_CENTRE' ? rng.intTri(10, 24) : rng.intTri(4, 10);
    out.push({
      kind: 'KINDERGARTEN',
      locality,
      type: 'детский сад',
      name: `${KINDERGARTEN_FORMS[form]} «${core}»`,
      shortName: `${form} ${short}`,
      profile: null,
      rawSize,
    });
  }

  // Additional education: each type once, then numbered.
  const types = rng.shuffle(ADDITIONAL_EDUCATION_TYPES);
  const seenType = new Map<string, number>();
  for (let i = 0; i < additional; i++) {
    const [abbr, full, profile] = types[i % types.length]!;
    const n = (seenType.get(abbr) ?? 0) + 1;
    seenType.set(abbr, n);
    const suffix = n > 1 ? ` № ${n}` : '';
    const locality: Locality = urban ? 'CITY' : 'DISTRICT_CENTRE';
    const form = rng.weighted([
      ['МБУ ДО', 65],
      ['МАУ ДО', 25],
      ['МКУ ДО', 10],
    ]);
    out.push({
      kind: 'ADDITIONAL_EDUCATION',
      locality,
      type: abbr,
      name: `${ADDITIONAL_FORMS[form]} «${full}${suffix}»`,
      shortName: `${form} ${abbr}${suffix}`,
      profile,
      rawSize: urban ? rng.intTri(15, 45) : rng.intTri(6, 20),
    });
  }

  const names = new Set<string>();
  const shorts = new Set<string>();
  for (const o of out) {
    if (names.has(o.name) || shorts.has(o.shortName)) throw new Error(`duplicate organisation name in ${m.name}: ${o.name}`);
    names.add(o.name);
    shorts.add(o.shortName);
  }
  return out;
};

// ---- educators --------------------------------------------------------------

const EXPERIENCE_BUCKETS: readonly (readonly [readonly [number, number], number])[] = [
  [[3, 4], 10],
  [[5, 9], 17],
  [[10, 19], 25],
  [[20, 29], 25],
  [[30, 39], 17],
  [[40, 45], 6],
];

const generationOf = (years: number): Generation => (years < 8 ? 'young' : years <= 25 ? 'mid' : 'old');

const nameWeight = (name: Generation, person: Generation) =>
  name === person ? 4 : name === 'any' ? 2.5 : (name === 'old' && person === 'young') || (name === 'young' && person === 'old') ? 0.15 : 0.8;

/** A date around the start of the academic year in `year`, or any day of it. */
const careerDateIn = (rng: Random, year: number): string =>
  rng.chance(0.7) ? rng.dateBetween(`${year}-08-20`, `${year}-09-02`) : rng.dateBetween(`${year}-01-01`, `${year}-12-31`);

const careerStart = (rng: Random, asOf: string, young: boolean): { date: string; years: number } => {
  const asOfDay = isoToDay(asOf);
  const asOfYear = Number(asOf.slice(0, 4));
  if (young) {
    const from = isoToDay(minusYears(asOf, 3)) + 1;
    let date: string | null = null;
    if (rng.chance(0.7)) {
      // Most start with the academic year: late August / 1 September within the window.
      const windows: [number, number][] = [];
      for (let y = asOfYear - 3; y <= asOfYear; y++) {
        const lo = Math.max(from, isoToDay(`${y}-08-20`));
        const hi = Math.min(asOfDay, isoToDay(`${y}-09-02`));
        if (lo <= hi) windows.push([lo, hi]);
      }
      if (windows.length) {
        const [lo, hi] = rng.pick(windows);
        date = dayToIso(rng.int(lo, hi));
      }
    }
    date ??= dayToIso(rng.int(from, asOfDay));
    if (!isYoungAsOf(date, asOf)) date = asOf;
    return { date, years: Math.floor((asOfDay - isoToDay(date)) / 365.25) };
  }
  const [lo, hi] = rng.weighted(EXPERIENCE_BUCKETS);
  const years = rng.int(lo, hi);
  let date = careerDateIn(rng, asOfYear - years);
  if (date > asOf || isYoungAsOf(date, asOf)) date = careerDateIn(rng, asOfYear - years - 1);
  if (isYoungAsOf(date, asOf)) date = minusYears(asOf, years + 1);
  if (date < '1950-01-01') date = '1950-09-01';
  return { date, years: Math.floor((asOfDay - isoToDay(date)) / 365.25) };
};

const categoryFor = (rng: Random, young: boolean, years: number): QualificationCategory => {
  if (young)
    return rng.weighted<QualificationCategory>([
      ['NONE', 97],
      ['FIRST', 3],
    ]);
  if (years < 5)
    return rng.weighted<QualificationCategory>([
      ['NONE', 60],
      ['FIRST', 37],
      ['HIGHEST', 3],
    ]);
  if (years < 10)
    return rng.weighted<QualificationCategory>([
      ['NONE', 35],
      ['FIRST', 50],
      ['HIGHEST', 15],
    ]);
  if (years < 20) {
    return rng.weighted<QualificationCategory>([
      ['NONE', 20],
      ['FIRST', 42],
      ['HIGHEST', 36],
      ['METHODIST', 1],
      ['MENTOR', 1],
    ]);
  }
  return rng.weighted<QualificationCategory>([
    ['NONE', 15],
    ['FIRST', 33],
    ['HIGHEST', 48],
    ['METHODIST', 2],
    ['MENTOR', 2],
  ]);
};

const positionFor = (rng: Random, org: OrgSketch, size: number): { title: string; subjects: string[]; maleShare: number } => {
  let def: PositionDef;
  if (org.kind === 'SCHOOL') def = rng.weighted(size <= 15 ? SMALL_SCHOOL_POSITIONS : SCHOOL_POSITIONS);
  else if (org.kind === 'KINDERGARTEN') def = rng.weighted(KINDERGARTEN_POSITIONS);
  else if (org.profile === 'sport' && rng.chance(0.8)) def = SPORT_POSITION;
  else def = rng.weighted(ADDITIONAL_POSITIONS);
  const [title, subjects, maleShare] = def;
  if (title === 'тренер-преподаватель') return { title, subjects: [rng.pick(ADDITIONAL_SUBJECTS.sport)], maleShare };
  if (title === 'педагог дополнительного образования') {
    const pool =
      org.profile && org.profile !== 'mixed'
        ? ADDITIONAL_SUBJECTS[org.profile]
        : org.kind === 'SCHOOL'
          ? [...ADDITIONAL_SUBJECTS.arts, ...ADDITIONAL_SUBJECTS.tech]
          : Object.values(ADDITIONAL_SUBJECTS).flat();
    const chosen = rng.sample(pool, rng.chance(0.7) ? 1 : 2);
    const male = chosen.some((s) => ADDITIONAL_SUBJECTS.sport.includes(s) || ADDITIONAL_SUBJECTS.tech.includes(s)) ? 0.5 : maleShare;
    return { title, subjects: chosen, maleShare: male };
  }
  return { title, subjects: [...subjects], maleShare };
};

interface Person {
  gender: Gender;
  surname: string;
  firstName: string;
  patronymic: string;
}

const GENERATIONS: readonly Generation[] = ['young', 'mid', 'old'];
const MALE_BY_GENERATION = new Map(GENERATIONS.map((g) => [g, MALE_NAMES.map((n) => [n, nameWeight(n[3], g)] as const)]));
const FEMALE_BY_GENERATION = new Map(GENERATIONS.map((g) => [g, FEMALE_NAMES.map((n) => [n, nameWeight(n[1], g)] as const)]));

const personFor = (rng: Random, gender: Gender, years: number): Person => {
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

// ---- the region -------------------------------------------------------------

/** Builds the whole demo region in memory. Pure: same options → same plan. */
export const buildRegionPlan = (options: RegionPlanOptions): RegionPlan => {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const scale = options.scale ?? 1;
  const asOf = options.asOf;
  isoToDay(asOf); // validates
  const youngShare = options.youngShare ?? DEFAULT_YOUNG_SHARE;
  const oktmoPrefix = options.oktmoPrefix ?? '04';
  if (!/^\d{2}$/.test(oktmoPrefix)) throw new Error('oktmoPrefix must be two digits');
  const sizes = scaledSizes(scale, options.sizes ?? DEFAULT_SIZES);
  const root = Random.from(seed);

  // Municipalities and their ОКТМО codes.
  const sketches = sketchMunicipalities(root.fork('municipalities'), sizes.municipalities);
  const oktmoRng = root.fork('oktmo');
  const oktmoByForm = new Map<MunicipalityForm, string[]>();
  for (const form of ['URBAN_OKRUG', 'MUNICIPAL_DISTRICT', 'MUNICIPAL_OKRUG'] as const) {
    oktmoByForm.set(form, allocateOktmo(oktmoRng, oktmoPrefix, form, sketches.filter((s) => s.form === form).length));
  }

  // Organisations per municipality, proportional to the municipality's weight.
  const orgCounts = allocate(
    sizes.organizations,
    sketches.map((s) => s.weight),
    1,
  );
  const innRng = root.fork('inn');
  const usedInn = new Set<string>();
  const centres = new Set(sketches.flatMap((s) => (s.centreF ? [s.centreF] : [])));
  const orgSketches = sketches.map((m, i) => sketchOrganizations(root.fork(`organizations/${i}`), m, orgCounts[i]!, centres));

  // Educators per organisation: the organisations' typical sizes, scaled to the exact total.
  const flat = orgSketches.flat();
  const eduCounts = allocate(
    sizes.educators,
    flat.map((o) => o.rawSize),
    1,
  );

  let flatIndex = 0;
  const municipalities: MunicipalityPlan[] = sketches.map((m, mi) => {
    const munId = `mun-${pad(mi + 1)}`;
    const oktmo = oktmoByForm.get(m.form)!.shift()!;
    const office = innRng.int(1, 68);
    const usedNames = new Set<string>();
    const organizations = orgSketches[mi]!.map((o, oi): OrganizationPlan => {
      const orgId = `org-${pad(mi + 1)}-${pad(oi + 1)}`;
      const size = eduCounts[flatIndex++]!;
      const rng = root.fork(`educators/${orgId}`);
      const educators: EducatorPlan[] = [];
      for (let ei = 0; ei < size; ei++) {
        const young = rng.chance(youngShare);
        const { date, years } = careerStart(rng, asOf, young);
        const position = positionFor(rng, o, size);
        const gender: Gender = rng.chance(position.maleShare) ? 'M' : 'F';
        let person = personFor(rng, gender, years);
        let fullName = `${person.surname} ${person.firstName} ${person.patronymic}`;
        // Full names are unique within a municipality: re-runs recognise educators by them.
        for (let attempt = 0; usedNames.has(fullName); attempt++) {
          if (attempt > 100) throw new Error(`cannot find a unique name in ${munId}`);
          person = personFor(rng, gender, years);
          fullName = `${person.surname} ${person.firstName} ${person.patronymic}`;
        }
        usedNames.add(fullName);
        educators.push({
          id: `edu-${pad(mi + 1)}-${pad(oi + 1)}-${pad(ei + 1)}`,
          municipalityId: munId,
          organizationPlanId: orgId,
          ...person,
          isYoungTeacher: isYoungAsOf(date, asOf),
          input: {
            fullName,
            position: position.title,
            subjects: position.subjects,
            careerStartDate: date,
            qualificationCategory: categoryFor(rng, young, years),
          },
        });
      }
      return {
        id: orgId,
        municipalityId: munId,
        locality: o.locality,
        type: o.type,
        input: { name: o.name, shortName: o.shortName, kind: o.kind, inn: innFor(innRng, office, usedInn) },
        educators,
      };
    });
    return {
      id: munId,
      form: m.form,
      isRegionalCentre: m.isRegionalCentre,
      input: { id: munId, name: m.name, oktmo },
      organizations,
    };
  });

  return {
    version: 1,
    seed,
    scale,
    asOf,
    region: { name: options.regionName ?? 'Демонстрационный край', oktmoPrefix },
    municipalities,
    totals: planTotals(municipalities),
  };
};

export const planTotals = (municipalities: readonly MunicipalityPlan[]): PlanTotals => {
  const organizationsByKind: Record<OrganizationKind, number> = { SCHOOL: 0, KINDERGARTEN: 0, ADDITIONAL_EDUCATION: 0, OTHER: 0 };
  const educatorsByCategory: Record<QualificationCategory, number> = { NONE: 0, FIRST: 0, HIGHEST: 0, METHODIST: 0, MENTOR: 0 };
  let organizations = 0;
  let educators = 0;
  let youngTeachers = 0;
  for (const m of municipalities) {
    for (const o of m.organizations) {
      organizations++;
      organizationsByKind[o.input.kind]++;
      for (const e of o.educators) {
        educators++;
        if (e.isYoungTeacher) youngTeachers++;
        educatorsByCategory[e.input.qualificationCategory]++;
      }
    }
  }
  return { municipalities: municipalities.length, organizations, organizationsByKind, educators, youngTeachers, educatorsByCategory };
};

/** Every organisation of the plan, in plan order. */
export function* planOrganizations(plan: RegionPlan): Generator<OrganizationPlan> {
  for (const m of plan.municipalities) yield* m.organizations;
}

/** Every educator of the plan, in plan order. */
export function* planEducators(plan: RegionPlan): Generator<EducatorPlan> {
  for (const m of plan.municipalities) for (const o of m.organizations) yield* o.educators;
}
