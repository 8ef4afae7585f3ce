import { academicYearOf, Figures, periodOf, rankBy, trendPeriods, trendSeries, valueOf } from './indicators';

const figures = (f: Partial<Figures>): Figures => ({
  educators: 10,
  trainedInThreeYears: 5,
  coverage3y: 0.5,
  overdue: 2,
  trainingHours: 100,
  trainingHoursPerEducator: 10,
  youngTeachers: 2,
  youngWithMentor: 1,
  youngWithMentorShare: 0.5,
  withApprovedRoute: 3,
  withApprovedRouteShare: 0.3,
  ...f,
});

describe('ranking municipalities on one indicator', () => {
  it('best first, equal values share a rank (competition ranking), values missing last', () => {
    const rows = [
      { id: 'a', v: 0.5 },
      { id: 'b', v: null },
      { id: 'c', v: 0.9 },
      { id: 'd', v: 0.5 },
      { id: 'e', v: 0.1 },
    ];
    const ranked = rankBy(rows, (r) => r.v, 'higher');
    expect(ranked.map((r) => [r.item.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['b', null],
    ]);
  });
  it('lower is better for a share of overdue educators', () => {
    const ranked = rankBy([0.3, 0, 0.1], (v) => v, 'lower');
    expect(ranked.map((r) => [r.item, r.rank])).toEqual([
      [0, 1],
      [0.1, 2],
      [0.3, 3],
    ]);
  });
  it('the overdue share is derived from counts, null without educators', () => {
    expect(valueOf(figures({ overdue: 3, educators: 12 }), 'overdueShare')).toBe(0.25);
    expect(valueOf(figures({ overdue: 0, educators: 0 }), 'overdueShare')).toBeNull();
    expect(valueOf(figures({ coverage3y: null }), 'coverage3y')).toBeNull();
    expect(valueOf(figures({ educators: 7 }), 'educators')).toBe(7);
  });
});

describe('academic years of a trend', () => {
  it('a year runs from 1 September to 31 August', () => {
    expect(academicYearOf('2026-08-31')).toBe('2025/2026');
    expect(academicYearOf('2026-09-01')).toBe('2026/2027');
  });
  it('past years as of their last day, the current one as of today, oldest first', () => {
    expect(trendPeriods('2026-03-15', 3)).toEqual([
      { academicYear: '2023/2024', asOf: '2024-08-31' },
      { academicYear: '2024/2025', asOf: '2025-08-31' },
      { academicYear: '2025/2026', asOf: '2026-03-15' },
    ]);
  });
  it('a chosen year: past as of its end; current, future or malformed as of today', () => {
    expect(periodOf('2023/2024', '2026-03-15')).toEqual({ academicYear: '2023/2024', asOf: '2024-08-31' });
    expect(periodOf('2025/2026', '2026-03-15')).toEqual({ academicYear: '2025/2026', asOf: '2026-03-15' });
    expect(periodOf('2030/2031', '2026-03-15')).toEqual({ academicYear: '2025/2026', asOf: '2026-03-15' });
    expect(periodOf('junk', '2026-03-15')).toEqual({ academicYear: '2025/2026', asOf: '2026-03-15' });
    expect(periodOf(null, '2026-03-15')).toEqual({ academicYear: '2025/2026', asOf: '2026-03-15' });
  });
});

describe('trend series', () => {
  it('one line per unit, one value per period, a gap where a period has no figures', () => {
    const periods = trendPeriods('2026-03-15', 2);
    const data = new Map([
      ['2024/2025', new Map([['a', figures({ coverage3y: 0.4 })]])],
      [
        '2025/2026',
        new Map([
          ['a', figures({ coverage3y: 0.6 })],
          ['b', figures({ coverage3y: 0.2 })],
        ]),
      ],
    ]);
    const series = trendSeries(
      periods,
      [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      (p) => data.get(p.academicYear) ?? new Map(),
      'coverage3y',
    );
    expect(series).toEqual([
      { id: 'a', name: 'A', values: [0.4, 0.6] },
      { id: 'b', name: 'B', values: [null, 0.2] },
    ]);
  });
});
