import { isYoungTeacher, youngCareerStartFrom, youngTeacherUntil } from './young-teacher';

describe('the young-teacher rule (one for every context)', () => {
  it('a career started on 29 February ends being young on 28 February three years later', () => {
    expect(youngTeacherUntil('2024-02-29')).toBe('2027-02-28');
    expect(isYoungTeacher('2024-02-29', '2027-02-27')).toBe(true);
    expect(isYoungTeacher('2024-02-29', '2027-02-28')).toBe(false);
    expect(isYoungTeacher('2024-02-29', '2027-03-01')).toBe(false);
  });

  it('on the anniversary the educator is no longer young; the day before they are', () => {
    expect(isYoungTeacher('2023-09-01', '2026-08-31')).toBe(true);
    expect(isYoungTeacher('2023-09-01', '2026-09-01')).toBe(false);
  });

  it('the range bound agrees with the rule on every day around leap years', () => {
    for (let t = Date.parse('2027-01-01T00:00:00Z'); t < Date.parse('2029-01-01T00:00:00Z'); t += 86_400_000) {
      const asOf = new Date(t).toISOString().slice(0, 10);
      const from = youngCareerStartFrom(asOf);
      const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect([asOf, isYoungTeacher(from, asOf)]).toEqual([asOf, true]);
      expect([asOf, isYoungTeacher(dayBefore, asOf)]).toEqual([asOf, false]);
    }
  });
});
