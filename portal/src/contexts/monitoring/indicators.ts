/**
 * Pure shaping of monitoring's reports for the pages: which indicators are compared, how a list
 * of municipalities (or schools) ranks on one of them, which academic years a trend covers and
 * the series a chart draws. No React, no API: unit-tested in indicators.test.ts.
 */

/** The figures of a report the pages compare (a subset of IndicatorReport). */
export interface Figures {
  educators: number;
  trainedInThreeYears: number;
  coverage3y?: number | null;
  overdue: number;
  trainingHours: number;
  trainingHoursPerEducator?: number | null;
  youngTeachers: number;
  youngWithMentor: number;
  youngWithMentorShare?: number | null;
  withApprovedRoute: number;
  withApprovedRouteShare?: number | null;
}

export type IndicatorKey = 'coverage3y' | 'overdueShare' | 'trainingHoursPerEducator' | 'youngWithMentorShare' | 'withApprovedRouteShare' | 'educators';

export interface IndicatorDef {
  key: IndicatorKey;
  /** A share 0..1 (shown as a percentage) or a number. */
  kind: 'share' | 'number';
  /** Whether more is better (ranks first) or worse. */
  better: 'higher' | 'lower';
}

/** In the order the dashboard offers them; coverage first (monitoring's own ranking). */
export const INDICATORS: IndicatorDef[] = [
  { key: 'coverage3y', kind: 'share', better: 'higher' },
  { key: 'overdueShare', kind: 'share', better: 'lower' },
  { key: 'trainingHoursPerEducator', kind: 'number', better: 'higher' },
  { key: 'youngWithMentorShare', kind: 'share', better: 'higher' },
  { key: 'withApprovedRouteShare', kind: 'share', better: 'higher' },
  { key: 'educators', kind: 'number', better: 'higher' },
];

export const indicatorDef = (key: string | null | undefined): IndicatorDef => INDICATORS.find((i) => i.key === key) ?? INDICATORS[0]!;

/**
 * One indicator's value of a report; null when its base is zero. The overdue share is the one
 * figure the pages derive (overdue / educators): a count alone favours small municipalities.
 */
export const valueOf = (f: Figures, key: IndicatorKey): number | null => {
  switch (key) {
    case 'overdueShare':
      return f.educators > 0 ? f.overdue / f.educators : null;
    case 'educators':
      return f.educators;
    default:
      return f[key] ?? null;
  }
};

export interface Ranked<T> {
  item: T;
  value: number | null;
  /** Competition ranking (1, 2, 2, 4): equal values, equal rank; null without a value. */
  rank: number | null;
}

/** Ranks items on one indicator, best first; items without a value last, in their given order. */
export const rankBy = <T>(items: T[], value: (item: T) => number | null, better: 'higher' | 'lower'): Ranked<T>[] => {
  const withValue = items.map((item, i) => ({ item, value: value(item), i }));
  const valued = withValue.filter((r) => r.value !== null).sort((a, b) => (better === 'higher' ? b.value! - a.value! : a.value! - b.value!) || a.i - b.i);
  const ranked: Ranked<T>[] = [];
  valued.forEach((r, n) => {
    const prev = ranked[n - 1];
    ranked.push({ item: r.item, value: r.value, rank: prev && prev.value === r.value ? prev.rank : n + 1 });
  });
  return [...ranked, ...withValue.filter((r) => r.value === null).map((r) => ({ item: r.item, value: null, rank: null }))];
};

export interface Period {
  academicYear: string;
  asOf: string;
}

/** The academic year (1 September – 31 August) a date falls in, labelled '2025/2026'. */
export const academicYearOf = (isoDate: string): string => {
  const year = Number(isoDate.slice(0, 4));
  const start = isoDate.slice(5, 7) >= '09' ? year : year - 1;
  return `${start}/${start + 1}`;
};

/**
 * The periods of a trend, oldest first, ending with the current year: each past year as it stood
 * on its last day (31 August), the current one as of today.
 */
export const trendPeriods = (today: string, years: number): Period[] => {
  const current = Number(academicYearOf(today).slice(0, 4));
  return Array.from({ length: years }, (_, i) => {
    const start = current - (years - 1 - i);
    return { academicYear: `${start}/${start + 1}`, asOf: i === years - 1 ? today : `${start + 1}-08-31` };
  });
};

/** The period of one chosen academic year: as of today for the current one, else its last day. */
export const periodOf = (academicYear: string | null | undefined, today: string): Period => {
  const current = academicYearOf(today);
  if (!academicYear || !/^\d{4}\/\d{4}$/.test(academicYear) || academicYear >= current) return { academicYear: current, asOf: today };
  return { academicYear, asOf: `${academicYear.slice(5, 9)}-08-31` };
};

export interface Series {
  id: string;
  name: string;
  /** One value per period, in the periods' order; null where there is no figure. */
  values: (number | null)[];
}

/**
 * The lines of a trend chart: one per chosen unit (a municipality, or the region), its indicator
 * in each period. `reports(period)` gives that period's figures by unit id.
 */
export const trendSeries = (
  periods: Period[],
  units: { id: string; name: string }[],
  reports: (period: Period) => Map<string, Figures>,
  key: IndicatorKey,
): Series[] => {
  const byPeriod = periods.map(reports);
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    values: byPeriod.map((m) => {
      const f = m.get(u.id);
      return f ? valueOf(f, key) : null;
    }),
  }));
};
