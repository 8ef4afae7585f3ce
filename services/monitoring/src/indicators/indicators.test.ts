import { isYoungTeacher } from '@mms/contracts/dates';
import { applyToFacts, CompletedTraining, EducatorFacts, FactEvent } from '../educator-facts/educator-facts.rows';
import { combineIndicators, compareMunicipalities, computeIndicators, IndicatorPeriod, Indicators, MunicipalityRow, trainingDueDate } from './indicators';

const period: IndicatorPeriod = { asOf: '2026-03-15', academicYear: '2025/2026' };

const educator = (educatorId: string, over: Partial<EducatorFacts> = {}): EducatorFacts => ({
  educatorId,
  municipalityId: 'm1',
  organizationId: 'o1',
  careerStartDate: '2010-09-01',
  active: true,
  trainings: [],
  openDeficits: [],
  activeMentorshipIds: [],
  ...over,
});
let seq = 0;
const training = (on: string, hours = 72): CompletedTraining => ({ enrolmentId: `n${(seq += 1)}`, programmeId: 'p1', on, hours });
const trainedOn = (id: string, ...dates: string[]) => educator(id, { trainings: dates.map((d) => training(d)) });
const many = (n: number, prefix: string, over: Partial<EducatorFacts> = {}) => Array.from({ length: n }, (_, i) => educator(`${prefix}${i}`, over));

describe('computeIndicators', () => {
  it('gives zeros and null shares for no educators', () => {
    expect(computeIndicators([], period)).toEqual({
      asOf: '2026-03-15',
      academicYear: '2025/2026',
      educators: 0,
      trainedInThreeYears: 0,
      coverage3y: null,
      overdue: 0,
      trainingHours: 0,
      trainingHoursPerEducator: null,
      youngTeachers: 0,
      youngWithMentor: 0,
      youngWithMentorShare: null,
      withApprovedRoute: 0,
      withApprovedRouteShare: null,
      deficits: [],
      topDeficits: [],
    });
  });

  it('counts only active educators placed in a school', () => {
    const { municipalityId: _m, organizationId: _o, ...unplaced } = educator('x1');
    const { organizationId: _o2, ...inTransit } = educator('x2');
    const facts = [educator('a'), educator('b'), educator('c', { active: false }), unplaced, inTransit];
    const i = computeIndicators(
      facts.map((f) => ({ ...f, trainings: [training('2025-10-01', 10)], routeStatus: 'APPROVED' as const, openDeficits: ['DIGITAL'] })),
      period,
    );
    expect(i).toMatchObject({
      educators: 2,
      trainedInThreeYears: 2,
      trainingHours: 20,
      withApprovedRoute: 2,
      deficits: [{ area: 'DIGITAL', count: 2 }],
    });
  });

  describe('three-year coverage', () => {
    it('covers a training after asOf − 3 years up to asOf, both edges exact', () => {
      const facts = [
        trainedOn('exactly3y', '2023-03-15'), // exactly three years: no longer covers
        trainedOn('dayAfter', '2023-03-16'),
        trainedOn('onAsOf', '2026-03-15'),
        trainedOn('future', '2026-03-16'), // not yet happened as of asOf
      ];
      const i = computeIndicators(facts, period);
      expect([i.educators, i.trainedInThreeYears, i.coverage3y]).toEqual([4, 2, 0.5]);
    });

    it('one recent training is enough among old ones', () => {
      expect(computeIndicators([trainedOn('a', '2015-01-01', '2019-05-05', '2025-01-01')], period).coverage3y).toBe(1);
    });

    it('clamps leap days: 29 Feb 2024 covers until 28 Feb 2027', () => {
      const f = [trainedOn('leap', '2024-02-29')];
      expect(computeIndicators(f, { ...period, asOf: '2027-02-28' })).toMatchObject({ trainedInThreeYears: 1, overdue: 0 });
      expect(computeIndicators(f, { ...period, asOf: '2027-03-01' })).toMatchObject({ trainedInThreeYears: 0, overdue: 1 });
    });

    it('on a leap asOf, the window opens after 28 Feb three years before', () => {
      const p = { ...period, asOf: '2028-02-29' };
      expect(computeIndicators([trainedOn('a', '2025-02-28')], p).trainedInThreeYears).toBe(0);
      expect(computeIndicators([trainedOn('a', '2025-03-01')], p).trainedInThreeYears).toBe(1);
    });
  });

  describe('overdue', () => {
    it('is due three years after the last training, overdue only after the due date', () => {
      const facts = [trainedOn('late', '2023-03-14'), trainedOn('dueToday', '2023-03-15'), trainedOn('fine', '2024-01-01')];
      expect(computeIndicators(facts, period).overdue).toBe(1);
      expect(trainingDueDate(facts[0]!, period.asOf)).toBe('2026-03-14');
    });

    it('with no training, is due three years after the career start', () => {
      const facts = [
        educator('late', { careerStartDate: '2023-03-14' }),
        educator('dueToday', { careerStartDate: '2023-03-15' }),
        educator('new', { careerStartDate: '2025-09-01' }),
      ];
      expect(computeIndicators(facts, period).overdue).toBe(1);
    });

    it('the latest training decides, and a training after asOf does not count yet', () => {
      expect(computeIndicators([trainedOn('a', '2020-01-01', '2024-06-01')], period).overdue).toBe(0);
      const f = trainedOn('b', '2020-01-01', '2026-04-01');
      expect(trainingDueDate(f, period.asOf)).toBe('2023-01-01');
      expect(computeIndicators([f], period).overdue).toBe(1);
      expect(computeIndicators([f], { ...period, asOf: '2026-04-01' }).overdue).toBe(0);
    });

    it('is not overdue when nothing is known to date it', () => {
      const { careerStartDate: _c, ...unknown } = educator('u');
      expect(trainingDueDate(unknown, period.asOf)).toBeUndefined();
      expect(computeIndicators([unknown], period).overdue).toBe(0);
    });
  });

  it('training hours per educator sum the trainings completed within the academic year', () => {
    const facts = [
      educator('a', { trainings: [training('2025-08-31', 36), training('2025-09-01', 72)] }),
      educator('b', { trainings: [training('2026-08-31', 16), training('2026-09-01', 100)] }),
      educator('c'),
      educator('d', { trainings: [training('2025-12-01', 1000)], active: false }),
    ];
    const i = computeIndicators(facts, period);
    expect(i.trainingHours).toBe(88);
    expect(i.trainingHoursPerEducator).toBeCloseTo(88 / 3, 10);
    expect(computeIndicators(facts, { ...period, academicYear: '2024/2025' }).trainingHours).toBe(36);
    expect(computeIndicators(facts, { ...period, academicYear: '2026/2027' }).trainingHours).toBe(100);
  });

  describe('young teachers and mentoring', () => {
    it('young means a career start after asOf − 3 years', () => {
      const facts = [
        educator('exactly3y', { careerStartDate: '2023-03-15' }),
        educator('young', { careerStartDate: '2023-03-16' }),
        educator('youngMentored', { careerStartDate: '2025-09-01', activeMentorshipIds: ['ms1'] }),
        educator('oldMentored', { activeMentorshipIds: ['ms2'] }),
      ];
      expect(computeIndicators(facts, period)).toMatchObject({ youngTeachers: 2, youngWithMentor: 1, youngWithMentorShare: 0.5 });
    });

    it('a leap-day start is young on 27 February three years later and no longer on the 28th (the published rule)', () => {
      const f = [educator('leap', { careerStartDate: '2024-02-29' })];
      expect(computeIndicators(f, { ...period, asOf: '2027-02-27' }).youngTeachers).toBe(1);
      expect(computeIndicators(f, { ...period, asOf: '2027-02-28' }).youngTeachers).toBe(0);
      expect(computeIndicators(f, { ...period, asOf: '2027-03-01' }).youngTeachers).toBe(0);
    });

    it('agrees with isYoungTeacher on every day around a leap year', () => {
      const starts = ['2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01'];
      for (let t = Date.parse('2027-02-20T00:00:00Z'); t < Date.parse('2028-03-10T00:00:00Z'); t += 86_400_000) {
        const asOf = new Date(t).toISOString().slice(0, 10);
        const young = starts.filter((s) => isYoungTeacher(s, asOf)).length;
        const facts = starts.map((careerStartDate, i) => educator(`s${i}`, { careerStartDate }));
        expect([asOf, computeIndicators(facts, { ...period, asOf }).youngTeachers]).toEqual([asOf, young]);
      }
    });

    it('the share is null without young teachers', () => {
      expect(computeIndicators([educator('a', { activeMentorshipIds: ['ms1'] })], period).youngWithMentorShare).toBeNull();
    });
  });

  it('counts approved routes only', () => {
    const facts = [
      educator('a', { routeStatus: 'APPROVED' }),
      educator('b', { routeStatus: 'DRAFT' }),
      educator('c'),
      educator('d', { routeStatus: 'APPROVED' }),
    ];
    expect(computeIndicators(facts, period)).toMatchObject({ withApprovedRoute: 2, withApprovedRouteShare: 0.5 });
  });

  it('ranks deficits by count then code, top five', () => {
    const facts = [
      educator('a', { openDeficits: ['DIGITAL', 'SUBJECT', 'INCLUSIVE'] }),
      educator('b', { openDeficits: ['DIGITAL', 'ASSESSMENT', 'UPBRINGING'] }),
      educator('c', { openDeficits: ['SUBJECT', 'METHODICAL', 'DIGITAL'] }),
      educator('d', { openDeficits: ['FUNCTIONAL_LITERACY'] }),
      educator('gone', { openDeficits: ['UPBRINGING', 'ASSESSMENT'], active: false }),
    ];
    const i = computeIndicators(facts, period);
    expect(i.topDeficits).toEqual([
      { area: 'DIGITAL', count: 3 },
      { area: 'SUBJECT', count: 2 },
      { area: 'ASSESSMENT', count: 1 },
      { area: 'FUNCTIONAL_LITERACY', count: 1 },
      { area: 'INCLUSIVE', count: 1 },
    ]);
    expect(i.deficits.map((d) => d.area).slice(5)).toEqual(['METHODICAL', 'UPBRINGING']);
  });

  it('refuses a bad asOf or academic year', () => {
    expect(() => computeIndicators([], { ...period, asOf: '2026-02-30' })).toThrow(RangeError);
    expect(() => computeIndicators([], { ...period, academicYear: '2025-2026' })).toThrow(RangeError);
  });

  it('does not depend on the order of the facts', () => {
    const facts = [
      trainedOn('a', '2024-01-01'),
      educator('b', { openDeficits: ['SUBJECT', 'DIGITAL'] }),
      educator('c', { openDeficits: ['DIGITAL'], careerStartDate: '2025-09-01' }),
    ];
    expect(computeIndicators([...facts].reverse(), period)).toEqual(computeIndicators(facts, period));
  });
});

describe('an educator moving takes their figures along', () => {
  const ev = (type: string, data: object): FactEvent => ({ type, data });
  const state = { position: 'учитель', subjects: [], careerStartDate: '2010-09-01', qualificationCategory: 'NONE' };
  const base: FactEvent[] = [
    ev('directory.EducatorRegistered', { educatorId: 'e1', municipalityId: 'm1', organizationId: 'o1', ...state }),
    ev('pd.EnrolmentChanged', {
      enrolmentId: 'n1',
      cohortId: 'c1',
      programmeId: 'p1',
      educatorId: 'e1',
      municipalityId: 'm1',
      organizationId: 'o1',
      status: 'COMPLETED',
      hours: 72,
      competences: [],
      on: '2025-10-01',
    }),
    ev('pd.DeficitsChanged', { educatorId: 'e1', municipalityId: 'm1', open: ['DIGITAL'] }),
  ];
  const fold = (events: FactEvent[]) => events.reduce<EducatorFacts | undefined>((f, e) => applyToFacts(f, e), undefined)!;
  const stayer = educator('s', { organizationId: 'o2' });
  const school = (facts: EducatorFacts[], org: string) =>
    computeIndicators(
      facts.filter((f) => f.organizationId === org),
      period,
    );
  const municipality = (facts: EducatorFacts[], m: string) =>
    computeIndicators(
      facts.filter((f) => f.municipalityId === m),
      period,
    );
  const figures = (i: Indicators) => [i.educators, i.trainedInThreeYears, i.trainingHours, i.deficits.length];

  it('from one school to another in the municipality', () => {
    const before = [fold(base), stayer];
    expect(figures(school(before, 'o1'))).toEqual([1, 1, 72, 1]);
    expect(figures(school(before, 'o2'))).toEqual([1, 0, 0, 0]);
    const after = [
      fold([...base, ev('directory.EducatorMoved', { educatorId: 'e1', municipalityId: 'm1', fromOrganizationId: 'o1', toOrganizationId: 'o2' })]),
      stayer,
    ];
    expect(figures(school(after, 'o1'))).toEqual([0, 0, 0, 0]);
    expect(school(after, 'o2')).toMatchObject({
      educators: 2,
      trainedInThreeYears: 1,
      coverage3y: 0.5,
      trainingHours: 72,
      trainingHoursPerEducator: 36,
    });
    expect(figures(municipality(after, 'm1'))).toEqual(figures(municipality(before, 'm1')));
  });

  it('to another municipality, counted nowhere while in transit', () => {
    const out = ev('directory.EducatorLeftMunicipality', { educatorId: 'e1', municipalityId: 'm1', toMunicipalityId: 'm2' });
    const inTransit = [fold([...base, out])];
    expect(municipality(inTransit, 'm1').educators).toBe(0);
    expect(municipality(inTransit, 'm2').educators).toBe(0);
    const arrived = [
      fold([
        ...base,
        out,
        ev('directory.EducatorJoinedMunicipality', {
          educatorId: 'e1',
          municipalityId: 'm2',
          organizationId: 'o9',
          ...state,
          fromMunicipalityId: 'm1',
        }),
      ]),
    ];
    expect(figures(municipality(arrived, 'm1'))).toEqual([0, 0, 0, 0]);
    expect(figures(municipality(arrived, 'm2'))).toEqual([1, 1, 72, 1]);
  });
});

describe('combineIndicators', () => {
  it('the schools of a unit, combined, give exactly the unit computed whole', () => {
    const o1 = [
      trainedOn('a1', '2025-10-01'),
      educator('a2', { careerStartDate: '2024-09-01', activeMentorshipIds: ['x'], openDeficits: ['DIGITAL'] }),
      educator('a3', { routeStatus: 'APPROVED', openDeficits: ['DIGITAL', 'ASSESSMENT'] }),
    ];
    const o2 = [
      trainedOn('b1', '2022-01-10', '2025-11-20'),
      educator('b2', { organizationId: 'o2', careerStartDate: '2025-09-01' }),
      educator('b3', { active: false }),
    ].map((f) => ({ ...f, organizationId: 'o2' }));
    const whole = computeIndicators([...o1, ...o2], period);
    expect(combineIndicators([computeIndicators(o1, period), computeIndicators(o2, period)], period)).toEqual(whole);
    expect(combineIndicators([computeIndicators([], period)], period)).toEqual(computeIndicators([], period));
    expect(whole.deficits).toEqual([
      { area: 'DIGITAL', count: 2 },
      { area: 'ASSESSMENT', count: 1 },
    ]);
  });

  it('refuses parts of another period', () => {
    expect(() => combineIndicators([computeIndicators([], { ...period, asOf: '2026-03-16' })], period)).toThrow(RangeError);
  });
});

describe('compareMunicipalities', () => {
  const trained = (n: number, prefix: string, m: string) => many(n, prefix, { municipalityId: m, trainings: [training('2025-10-01', 10)] });
  const untrained = (n: number, prefix: string, m: string) => many(n, prefix, { municipalityId: m, careerStartDate: '2025-09-01' });
  const byMunicipality: Record<string, EducatorFacts[]> = {
    m1: [
      ...trained(8, 'a', 'm1'),
      ...untrained(2, 'b', 'm1'),
      educator('d1', { municipalityId: 'm1', openDeficits: ['SUBJECT', 'DIGITAL', 'INCLUSIVE', 'UPBRINGING', 'ASSESSMENT', 'METHODICAL'] }),
    ],
    m2: [...trained(2, 'c', 'm2'), educator('d2', { municipalityId: 'm2', trainings: [training('2025-10-01', 10)], openDeficits: ['METHODICAL'] })],
    m3: [],
    m4: [...trained(3, 'e', 'm4'), ...untrained(1, 'f', 'm4'), educator('d4', { municipalityId: 'm4', openDeficits: ['METHODICAL'] })],
  };
  const rows: MunicipalityRow[] = Object.entries(byMunicipality).map(([municipalityId, facts]) => ({
    municipalityId,
    indicators: computeIndicators(facts, period),
  }));

  it('ranks by coverage, equal coverage equal rank, no educators last and unranked', () => {
    const { municipalities } = compareMunicipalities([...rows].reverse(), period);
    // m1 8/11, m2 3/3, m4 3/5, m3 none
    expect(municipalities.map((r) => [r.municipalityId, r.rank])).toEqual([
      ['m2', 1],
      ['m1', 2],
      ['m4', 3],
      ['m3', null],
    ]);
    const tie = compareMunicipalities(
      [
        { municipalityId: 'z', indicators: computeIndicators(trained(1, 'z', 'z'), period) },
        { municipalityId: 'y', indicators: computeIndicators([...trained(2, 'y', 'y'), ...untrained(2, 'yy', 'y')], period) },
        { municipalityId: 'x', indicators: computeIndicators([...trained(1, 'x', 'x'), ...untrained(1, 'xx', 'x')], period) },
      ],
      period,
    );
    expect(tie.municipalities.map((r) => [r.municipalityId, r.rank])).toEqual([
      ['z', 1],
      ['x', 2],
      ['y', 2],
    ]);
  });

  it('region totals come from the sums, not the average of shares', () => {
    const { region } = compareMunicipalities(rows, period);
    expect(region).toMatchObject({ educators: 19, trainedInThreeYears: 14, trainingHours: 140, youngTeachers: 3, youngWithMentor: 0 });
    expect(region.coverage3y).toBeCloseTo(14 / 19, 12);
    expect(region.coverage3y).not.toBeCloseTo((8 / 11 + 1 + 3 / 5) / 3, 2);
    expect(region.trainingHoursPerEducator).toBeCloseTo(140 / 19, 12);
    // METHODICAL is sixth in m1 alone but first in the region.
    expect(region.topDeficits[0]).toEqual({ area: 'METHODICAL', count: 3 });
    expect(region).toEqual(computeIndicators(Object.values(byMunicipality).flat(), period));
  });

  it('an empty region has zeros and null shares', () => {
    expect(compareMunicipalities([], period)).toEqual({ municipalities: [], region: computeIndicators([], period) });
  });

  it('refuses rows of another period or a municipality twice', () => {
    const other = { municipalityId: 'm9', indicators: computeIndicators([], { ...period, asOf: '2026-03-16' }) };
    expect(() => compareMunicipalities([...rows, other], period)).toThrow(RangeError);
    expect(() => compareMunicipalities([rows[0]!, rows[0]!], period)).toThrow(RangeError);
  });
});
