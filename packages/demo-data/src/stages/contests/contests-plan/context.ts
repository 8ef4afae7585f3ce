/** What every part of the contests plan shares, and the region's schools and teachers as the parts read them. */
import { createHash } from 'node:crypto';
import { Random } from '../../../region/random';
import { EducatorPlan, MunicipalityPlan, OrganizationPlan, RegionPlan } from '../../../region/region-model';
import type { ContestLevel, ContestsPlanOptions, StageDates } from '../contests-plan';
import { academicYearOf, calendarOf, DEFAULT_CONTESTS_OPTIONS } from './rules';

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Shared by every part of the plan; each part forks its own randomness from `root` by a label. */
export interface ContestsPlanContext {
  region: RegionPlan;
  opt: Required<ContestsPlanOptions>;
  asOf: string;
  academicYear: string;
  /** The calendar year the academic year starts in (birth dates are relative to it). */
  yearStart: number;
  calendar: Record<ContestLevel, StageDates>;
  root: Random;
  /** Stable tag of seed, scale and asOf: in idempotency keys and score import ids. */
  planTag: string;
  /** Every school of the region, by plan id, with its municipality. */
  schools: Map<string, { m: MunicipalityPlan; o: OrganizationPlan }>;
}

export const planContext = (region: RegionPlan, options: ContestsPlanOptions): ContestsPlanContext => {
  const opt = { ...DEFAULT_CONTESTS_OPTIONS, ...options };
  const { label, start } = academicYearOf(region.asOf);
  const schools = new Map<string, { m: MunicipalityPlan; o: OrganizationPlan }>();
  for (const m of region.municipalities) for (const o of m.organizations) if (o.input.kind === 'SCHOOL') schools.set(o.id, { m, o });
  return {
    region,
    opt,
    asOf: region.asOf,
    academicYear: label,
    yearStart: start,
    calendar: calendarOf(region.asOf, opt),
    root: Random.from(region.seed).fork('contests'),
    planTag: createHash('sha256').update(`${region.seed}\n${region.scale}\n${region.asOf}`).digest('hex').slice(0, 10),
    schools,
  };
};

/** The schools of a municipality, in plan order. */
export const schoolsOf = (m: MunicipalityPlan): OrganizationPlan[] => m.organizations.filter((o) => o.input.kind === 'SCHOOL');

/** A teacher who may sit on a jury of the subject: teaches it, and not only in the primary grades unless nobody else does. */
export const PRIMARY_TEACHER = 'учитель начальных классов';

export const teachesAny = (e: EducatorPlan, subjects: readonly string[]) => e.input.subjects.some((s) => subjects.includes(s));
