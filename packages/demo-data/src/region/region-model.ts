/**
 * The demo region as a pure in-memory plan: municipalities, their educational
 * organisations and educators, each carrying exactly the input of the directory's
 * GraphQL mutation that creates it (contracts/subgraphs/directory.graphql).
 *
 * Pure and deterministic: the same options give the same plan, byte for byte
 * (`JSON.stringify`); nothing here reads the clock — `asOf` is a parameter.
 */
import { Gender } from './dictionaries';
import { isoToDay, Random } from './random';
import { planEducatorsOf } from './region-model/educators';
import { innFor } from './region-model/inn';
import { oktmoByForm, sketchMunicipalities } from './region-model/municipalities';
import { pad } from './region-model/names';
import { sketchOrganizations } from './region-model/organizations';
import { allocate, DEFAULT_SIZES, scaledSizes } from './region-model/sizes';
import { MunicipalitySketch, OrgSketch } from './region-model/sketches';
import { planTotals } from './region-model/totals';

// The model's parts live in region-model/ (one concern a file); what other modules use is exported here.
export { isYoungAsOf } from './region-model/careers';
export { allocate, DEFAULT_SIZES, scaledSizes } from './region-model/sizes';
export { planEducators, planOrganizations, planTotals } from './region-model/totals';

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

// ---- the region -------------------------------------------------------------

/** The options with their defaults, checked (in this order: asOf, oktmoPrefix, scale). */
const planSettings = (options: RegionPlanOptions) => {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const scale = options.scale ?? 1;
  const asOf = options.asOf;
  isoToDay(asOf); // validates
  const youngShare = options.youngShare ?? DEFAULT_YOUNG_SHARE;
  const oktmoPrefix = options.oktmoPrefix ?? '04';
  if (!/^\d{2}$/.test(oktmoPrefix)) throw new Error('oktmoPrefix must be two digits');
  const sizes = scaledSizes(scale, options.sizes ?? DEFAULT_SIZES);
  return { seed, scale, asOf, youngShare, oktmoPrefix, sizes };
};

/** What turning the sketches into plans draws on; the educator counts are taken in plan order. */
interface Assembly {
  root: Random;
  asOf: string;
  youngShare: number;
  oktmo: Map<MunicipalityForm, string[]>;
  /** ИНН: one stream for the region, a tax office per municipality, each number once. */
  innRng: Random;
  usedInn: Set<string>;
  eduCounts: number[];
  nextOrg: number;
}

/** The `oi`-th organisation of the `mi`-th municipality, with its educators. */
const organizationPlan = (a: Assembly, o: OrgSketch, mi: number, oi: number, office: number, usedNames: Set<string>): OrganizationPlan => {
  const municipalityId = `mun-${pad(mi + 1)}`;
  const orgId = `org-${pad(mi + 1)}-${pad(oi + 1)}`;
  const size = a.eduCounts[a.nextOrg++]!;
  const educators = planEducatorsOf(a.root.fork(`educators/${orgId}`), {
    org: o,
    orgId,
    idPrefix: `edu-${pad(mi + 1)}-${pad(oi + 1)}`,
    municipalityId,
    size,
    asOf: a.asOf,
    youngShare: a.youngShare,
    usedNames,
  });
  return {
    id: orgId,
    municipalityId,
    locality: o.locality,
    type: o.type,
    input: { name: o.name, shortName: o.shortName, kind: o.kind, inn: innFor(a.innRng, office, a.usedInn) },
    educators,
  };
};

/** The `mi`-th municipality with its organisations. */
const municipalityPlan = (a: Assembly, m: MunicipalitySketch, orgs: OrgSketch[], mi: number): MunicipalityPlan => {
  const munId = `mun-${pad(mi + 1)}`;
  const oktmo = a.oktmo.get(m.form)!.shift()!;
  const office = a.innRng.int(1, 68);
  const usedNames = new Set<string>();
  const organizations = orgs.map((o, oi) => organizationPlan(a, o, mi, oi, office, usedNames));
  return { id: munId, form: m.form, isRegionalCentre: m.isRegionalCentre, input: { id: munId, name: m.name, oktmo }, organizations };
};

/** Builds the whole demo region in memory. Pure: same options → same plan. */
export const buildRegionPlan = (options: RegionPlanOptions): RegionPlan => {
  const { seed, scale, asOf, youngShare, oktmoPrefix, sizes } = planSettings(options);
  const root = Random.from(seed);
  // Municipalities and their ОКТМО codes.
  const sketches = sketchMunicipalities(root.fork('municipalities'), sizes.municipalities);
  const oktmo = oktmoByForm(root.fork('oktmo'), oktmoPrefix, sketches);
  // Organisations per municipality, proportional to the municipality's weight.
  const orgCounts = allocate(
    sizes.organizations,
    sketches.map((s) => s.weight),
    1,
  );
  const innRng = root.fork('inn');
  const centres = new Set(sketches.flatMap((s) => (s.centreF ? [s.centreF] : [])));
  const orgSketches = sketches.map((m, i) => sketchOrganizations(root.fork(`organizations/${i}`), m, orgCounts[i]!, centres));
  // Educators per organisation: the organisations' typical sizes, scaled to the exact total.
  const eduCounts = allocate(
    sizes.educators,
    orgSketches.flat().map((o) => o.rawSize),
    1,
  );
  const a: Assembly = { root, asOf, youngShare, oktmo, innRng, usedInn: new Set(), eduCounts, nextOrg: 0 };
  const municipalities = sketches.map((m, mi) => municipalityPlan(a, m, orgSketches[mi]!, mi));
  const region = { name: options.regionName ?? 'Демонстрационный край', oktmoPrefix };
  return { version: 1, seed, scale, asOf, region, municipalities, totals: planTotals(municipalities) };
};
