import { addYears, assertIsoDate, IsoDate, youngCareerStartFrom } from '@mms/contracts/dates';
import type { EducatorFacts } from '../educator-facts/educator-facts.rows';
import { academicYearRange, AcademicYearLabel } from './academic-year';

/** The three-year rule (обучение не реже одного раза в три года). */
export const TRAINING_PERIOD_YEARS = 3;
export const TOP_DEFICITS = 5;

export interface IndicatorPeriod {
  readonly asOf: IsoDate;
  readonly academicYear: AcademicYearLabel;
}

export interface AreaCount {
  readonly area: string;
  readonly count: number;
}

/**
 * Counts are kept next to every share, so larger units (region) are computed from the
 * sums, never from an average of shares. A share is null when its base is zero.
 */
export interface Indicators extends IndicatorPeriod {
  /** Active and placed in a school. */
  readonly educators: number;
  readonly trainedInThreeYears: number;
  readonly coverage3y: number | null;
  readonly overdue: number;
  /** Hours of trainings completed within the academic year. */
  readonly trainingHours: number;
  readonly trainingHoursPerEducator: number | null;
  readonly youngTeachers: number;
  readonly youngWithMentor: number;
  /** Of young teachers. */
  readonly youngWithMentorShare: number | null;
  readonly withApprovedRoute: number;
  /** Of educators. */
  readonly withApprovedRouteShare: number | null;
  /** Every area with open deficits, by count desc then code. */
  readonly deficits: readonly AreaCount[];
  /** The first TOP_DEFICITS of `deficits`. */
  readonly topDeficits: readonly AreaCount[];
}

/** What adds up across units; everything else in Indicators is derived from it. */
const zeroTally = () => ({
  educators: 0,
  trainedInThreeYears: 0,
  overdue: 0,
  trainingHours: 0,
  youngTeachers: 0,
  youngWithMentor: 0,
  withApprovedRoute: 0,
});
type Counts = ReturnType<typeof zeroTally> & { readonly deficits: readonly AreaCount[] };

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const byCountThenArea = (a: AreaCount, b: AreaCount): number => b.count - a.count || (a.area < b.area ? -1 : a.area > b.area ? 1 : 0);

const sortAreas = (counts: ReadonlyMap<string, number>): AreaCount[] => [...counts].map(([area, count]) => ({ area, count })).sort(byCountThenArea);

/** Shares and ranking derived from counts: the one place both paths go through. */
const fromCounts = (c: Counts, period: IndicatorPeriod): Indicators => ({
  asOf: period.asOf,
  academicYear: period.academicYear,
  ...c,
  coverage3y: share(c.trainedInThreeYears, c.educators),
  trainingHoursPerEducator: share(c.trainingHours, c.educators),
  youngWithMentorShare: share(c.youngWithMentor, c.youngTeachers),
  withApprovedRouteShare: share(c.withApprovedRoute, c.educators),
  topDeficits: c.deficits.slice(0, TOP_DEFICITS),
});

const isCounted = (f: EducatorFacts): boolean => f.active && f.municipalityId !== undefined && f.organizationId !== undefined;

/**
 * Due date of the next training: last completed training (up to asOf) + 3 years, or
 * career start + 3 years with none on record; undefined when neither is known.
 */
export const trainingDueDate = (facts: EducatorFacts, asOf: IsoDate): IsoDate | undefined => {
  let last: IsoDate | undefined;
  for (const t of facts.trainings) if (t.on <= asOf && (last === undefined || t.on > last)) last = t.on;
  const from = last ?? facts.careerStartDate;
  return from === undefined ? undefined : addYears(from, TRAINING_PERIOD_YEARS);
};

/**
 * Indicators for the educators given (the caller chooses a school, a municipality or the
 * region). Facts hold current placement, so an educator's whole history counts where
 * they work now. Date windows are half-open on the past side: a training exactly three
 * years before asOf no longer covers (while its due date, asOf itself, is not yet overdue).
 */
export const computeIndicators = (facts: readonly EducatorFacts[], period: IndicatorPeriod): Indicators => {
  const asOf = assertIsoDate(period.asOf, 'asOf');
  const year = academicYearRange(period.academicYear);
  const coverSince = addYears(asOf, -TRAINING_PERIOD_YEARS);
  // The published young-teacher rule as a bound (isYoungTeacher ⇔ careerStartDate >= youngFrom), once per call.
  const youngFrom = youngCareerStartFrom(asOf);
  const deficits = new Map<string, number>();
  const c = zeroTally();
  for (const f of facts) {
    if (!isCounted(f)) continue;
    c.educators += 1;
    if (f.trainings.some((t) => t.on > coverSince && t.on <= asOf)) c.trainedInThreeYears += 1;
    const due = trainingDueDate(f, asOf);
    if (due !== undefined && due < asOf) c.overdue += 1;
    for (const t of f.trainings) if (t.on >= year.from && t.on <= year.to) c.trainingHours += t.hours;
    if (f.careerStartDate !== undefined && f.careerStartDate >= youngFrom) {
      c.youngTeachers += 1;
      if (f.activeMentorshipIds.length > 0) c.youngWithMentor += 1;
    }
    if (f.routeStatus === 'APPROVED') c.withApprovedRoute += 1;
    for (const area of new Set(f.openDeficits)) deficits.set(area, (deficits.get(area) ?? 0) + 1);
  }
  return fromCounts({ ...c, deficits: sortAreas(deficits) }, period);
};

export interface MunicipalityRow {
  readonly municipalityId: string;
  readonly indicators: Indicators;
}

export interface RankedMunicipality extends MunicipalityRow {
  /** Competition ranking by coverage3y (equal coverage, equal rank); null without educators. */
  readonly rank: number | null;
}

export interface RegionalComparison {
  /** Best coverage first, municipalities without educators last; ties by id. */
  readonly municipalities: readonly RankedMunicipality[];
  readonly region: Indicators;
}

const sumCounts = (parts: readonly Indicators[]): Counts => {
  const deficits = new Map<string, number>();
  const c = zeroTally();
  for (const i of parts) {
    for (const key of Object.keys(c) as (keyof typeof c)[]) c[key] += i[key];
    for (const d of i.deficits) deficits.set(d.area, (deficits.get(d.area) ?? 0) + d.count);
  }
  return { ...c, deficits: sortAreas(deficits) };
};

/**
 * Indicators of a union of disjoint units (the schools of a municipality) from theirs:
 * the counts add up, shares and rankings are derived again. Every part must be for `period`.
 */
export const combineIndicators = (parts: readonly Indicators[], period: IndicatorPeriod): Indicators => {
  if (parts.some((p) => p.asOf !== period.asOf || p.academicYear !== period.academicYear)) throw new RangeError('a part is for another period');
  return fromCounts(sumCounts(parts), period);
};

/**
 * The regional view: municipalities side by side, ranked by three-year coverage, with
 * region totals from the summed counts (a municipality of 10 teachers must not weigh as
 * much as one of 1,000). Every row must be for `period`, or the sums would mix dates.
 */
export const compareMunicipalities = (rows: readonly MunicipalityRow[], period: IndicatorPeriod): RegionalComparison => {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.indicators.asOf !== period.asOf || r.indicators.academicYear !== period.academicYear) {
      throw new RangeError(`municipality ${r.municipalityId} is for another period`);
    }
    if (ids.has(r.municipalityId)) throw new RangeError(`municipality ${r.municipalityId} appears twice`);
    ids.add(r.municipalityId);
  }
  const coverages = rows.map((r) => r.indicators.coverage3y).filter((v): v is number => v !== null);
  const ranked = rows.map((r) => {
    const cov = r.indicators.coverage3y;
    return { ...r, rank: cov === null ? null : 1 + coverages.filter((v) => v > cov).length };
  });
  const unranked = rows.length + 1;
  ranked.sort(
    (a, b) => (a.rank ?? unranked) - (b.rank ?? unranked) || (a.municipalityId < b.municipalityId ? -1 : a.municipalityId > b.municipalityId ? 1 : 0),
  );
  return { municipalities: ranked, region: fromCounts(sumCounts(rows.map((r) => r.indicators)), period) };
};
