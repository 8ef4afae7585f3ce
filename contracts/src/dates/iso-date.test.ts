import { addYears, assertIsoDate, isIsoDate, isLeapYear } from './iso-date';

describe('iso dates', () => {
  it('knows leap years, centuries included', () => {
    expect([2024, 2000, 2400].map(isLeapYear)).toEqual([true, true, true]);
    expect([2025, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
  });

  it('accepts only real calendar days in YYYY-MM-DD', () => {
    expect(['2025-09-01', '2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30'].every(isIsoDate)).toBe(true);
    for (const bad of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-9-1', '2025-09-01T00:00:00Z', '']) {
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(() => assertIsoDate('2025-02-30', 'asOf')).toThrow(RangeError);
    expect(assertIsoDate('2025-02-28', 'asOf')).toBe('2025-02-28');
  });

  it('adds and subtracts whole years', () => {
    expect(addYears('2022-09-01', 3)).toBe('2025-09-01');
    expect(addYears('2025-09-01', -3)).toBe('2022-09-01');
    expect(addYears('2025-12-31', 0)).toBe('2025-12-31');
  });

  it('clamps 29 February to 28 February in a common year, keeps it in a leap year', () => {
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', -3)).toBe('2021-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2028-02-29', -4)).toBe('2024-02-29');
    expect(addYears('2025-02-28', 3)).toBe('2028-02-28');
  });

  it('refuses a date that is not one', () => {
    expect(() => addYears('2025-02-29', 1)).toThrow(RangeError);
  });
});
