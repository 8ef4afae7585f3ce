import { academicYearOf, academicYearRange, currentAcademicYear, isInAcademicYear } from './academic-year';

describe('academic year', () => {
  it('starts on 1 September and ends on 31 August', () => {
    expect(academicYearOf('2025-08-31')).toBe('2024/2025');
    expect(academicYearOf('2025-09-01')).toBe('2025/2026');
    expect(academicYearOf('2025-12-31')).toBe('2025/2026');
    expect(academicYearOf('2026-01-01')).toBe('2025/2026');
    expect(academicYearOf('2026-08-31')).toBe('2025/2026');
    expect(academicYearOf('2024-02-29')).toBe('2023/2024');
  });

  it('gives the inclusive range of a label', () => {
    expect(academicYearRange('2025/2026')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(academicYearRange('1999/2000')).toEqual({ from: '1999-09-01', to: '2000-08-31' });
  });

  it('round-trips: both ends of a range belong to its label', () => {
    const { from, to } = academicYearRange('2023/2024');
    expect([academicYearOf(from), academicYearOf(to)]).toEqual(['2023/2024', '2023/2024']);
  });

  it('refuses malformed labels and dates', () => {
    for (const bad of ['2025/2027', '2025-2026', '2025/2025', '25/26', '2026/2025', '']) {
      expect(() => academicYearRange(bad)).toThrow(RangeError);
    }
    expect(() => academicYearOf('2025-02-29')).toThrow(RangeError);
  });

  it('the current year follows the caller’s calendar date', () => {
    expect(currentAcademicYear('2026-03-15')).toBe('2025/2026');
    expect(currentAcademicYear('2026-09-01')).toBe('2026/2027');
  });

  it('tells whether a date is within a year, edges included', () => {
    expect(isInAcademicYear('2025-09-01', '2025/2026')).toBe(true);
    expect(isInAcademicYear('2026-08-31', '2025/2026')).toBe(true);
    expect(isInAcademicYear('2025-08-31', '2025/2026')).toBe(false);
    expect(isInAcademicYear('2026-09-01', '2025/2026')).toBe(false);
  });
});
