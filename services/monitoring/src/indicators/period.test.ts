import { ValidationError } from '@mms/eventsourcing/core';
import { fixedClock, systemClock } from '@mms/service-kit/core';
import { resolvePeriod } from './period';

describe('report period', () => {
  it('defaults asOf to today and the academic year to the one asOf falls in', () => {
    expect(resolvePeriod({}, '2026-03-15')).toEqual({ asOf: '2026-03-15', academicYear: '2025/2026' });
    expect(resolvePeriod({ asOf: '2024-09-01' }, '2026-03-15')).toEqual({ asOf: '2024-09-01', academicYear: '2024/2025' });
    expect(resolvePeriod({ academicYear: '2023/2024', asOf: null }, '2026-03-15')).toEqual({
      asOf: '2026-03-15',
      academicYear: '2023/2024',
    });
  });

  it('refuses bad input with every problem named', () => {
    const refusal = (args: object) => {
      try {
        resolvePeriod(args, '2026-03-15');
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        return err as ValidationError;
      }
      throw new Error('accepted');
    };
    expect(refusal({ asOf: '2026-02-30' }).problems).toEqual([{ field: 'asOf', message: "must be a calendar date YYYY-MM-DD, got '2026-02-30'" }]);
    expect(refusal({ asOf: '0001-01-01' }).problems[0]?.field).toBe('asOf');
    for (const bad of ['2025-2026', '2025/2027', '1900/1901', '']) expect(refusal({ academicYear: bad }).problems[0]?.field).toBe('academicYear');
    const both = refusal({ asOf: 'yesterday', academicYear: '25/26' });
    expect(both.code).toBe('BAD_USER_INPUT');
    expect(both.problems.map((p) => p.field)).toEqual(['asOf', 'academicYear']);
    expect(both.message).toMatch(/asOf must be a calendar date.*academicYear must be consecutive years like '2025\/2026'/);
  });

  it("today (the platform's clock, which the queries default asOf to) is the region's calendar day, not UTC's", () => {
    const lateEvening = '2026-08-31T18:30:00Z'; // 01:30 on 1 September in Krasnoyarsk (UTC+7)
    expect(fixedClock(lateEvening, 'Asia/Krasnoyarsk').today()).toBe('2026-09-01');
    expect(fixedClock(lateEvening, 'UTC').today()).toBe('2026-08-31');
    expect(resolvePeriod({}, fixedClock(lateEvening, 'Asia/Krasnoyarsk').today())).toEqual({
      asOf: '2026-09-01',
      academicYear: '2026/2027',
    });
    // An unknown zone fails when the clock is made (at start), not on the first query.
    expect(() => systemClock('Mars/Olympus')).toThrow(RangeError);
  });
});
