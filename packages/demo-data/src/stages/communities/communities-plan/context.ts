/** What every part of the communities plan shares, and the small helpers the parts use. */
import { createHash } from 'node:crypto';
import { dayToIso, isoToDay, Random } from '../../../region/random';
import { EducatorPlan, MunicipalityPlan, OrganizationPlan, RegionPlan } from '../../../region/region-model';
import type { CommunitiesPlanOptions } from '../communities-plan';

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const addDays = (iso: string, days: number): string => dayToIso(isoToDay(iso) + days);

export const DEFAULT_COMMUNITIES_OPTIONS: Required<CommunitiesPlanOptions> = {
  rmoShare: 0.6,
  maxRmoMembers: 30,
  attendShare: 0.85,
  feedbackShare: 0.6,
};

/** Hours events start at (the region's wall clock). */
export const CLOCK_HOURS = [10, 11, 14, 15] as const;

/** The day of a wall-clock time `YYYY-MM-DDTHH:mm`. */
export const eventDay = (local: string) => local.slice(0, 10);

export interface Placed {
  m: MunicipalityPlan;
  o: OrganizationPlan;
  e: EducatorPlan;
}

export const educatorsOf = (m: MunicipalityPlan): Placed[] => m.organizations.flatMap((o) => o.educators.map((e) => ({ m, o, e })));

const CATEGORY_RANK: Record<string, number> = { METHODIST: 4, MENTOR: 3, HIGHEST: 2, FIRST: 1, NONE: 0 };

/** The most senior first: category, then the earliest career start, then the plan id. */
export const bySeniority = (a: Placed, b: Placed) =>
  (CATEGORY_RANK[b.e.input.qualificationCategory] ?? 0) - (CATEGORY_RANK[a.e.input.qualificationCategory] ?? 0) ||
  (a.e.input.careerStartDate < b.e.input.careerStartDate ? -1 : a.e.input.careerStartDate > b.e.input.careerStartDate ? 1 : 0) ||
  (a.e.id < b.e.id ? -1 : 1);

export interface PlanContext {
  region: RegionPlan;
  opt: Required<CommunitiesPlanOptions>;
  asOf: string;
  academicYear: string;
  /** The calendar year the academic year of asOf starts in. */
  yearStart: number;
  calendar: { from: string; to: string };
  root: Random;
  planTag: string;
}

export const planContext = (region: RegionPlan, options: CommunitiesPlanOptions): PlanContext => {
  const y = Number(region.asOf.slice(0, 4));
  const yearStart = Number(region.asOf.slice(5, 7)) >= 9 ? y : y - 1;
  return {
    region,
    opt: { ...DEFAULT_COMMUNITIES_OPTIONS, ...options },
    asOf: region.asOf,
    academicYear: `${yearStart}/${yearStart + 1}`,
    yearStart,
    calendar: { from: addDays(region.asOf, 1), to: addDays(region.asOf, 365) },
    root: Random.from(region.seed).fork('communities'),
    planTag: createHash('sha256').update(`${region.seed}\n${region.scale}\n${region.asOf}`).digest('hex').slice(0, 10),
  };
};

/** An order's date: `date`, but never after asOf (an order recorded is one already issued). */
export const notAfter = (date: string, asOf: string) => (date > asOf ? asOf : date);
