import { isYoungTeacher } from '@mms/contracts/dates';
import { daysBetween, dueDateOf, dueStatus, summarise } from './training-due';

describe('three-year rule', () => {
  it('counts from the last completed training, else from the career start', () => {
    expect(dueDateOf({ lastCompletedOn: '2024-03-15', careerStartDate: '2010-09-01' })).toEqual({ dueDate: '2027-03-15', basis: 'LAST_TRAINING' });
    expect(dueDateOf({ lastCompletedOn: null, careerStartDate: '2024-09-01' })).toEqual({ dueDate: '2027-09-01', basis: 'CAREER_START' });
    expect(dueDateOf({})).toBeNull();
  });

  it('keeps 29 February within February', () => {
    expect(dueDateOf({ lastCompletedOn: '2024-02-29' })?.dueDate).toBe('2027-02-28');
  });

  it('is overdue once the due date has passed, due soon within the window (inclusive)', () => {
    expect(dueStatus('2026-01-09', '2026-01-10', 30)).toBe('OVERDUE');
    expect(dueStatus('2026-01-10', '2026-01-10', 30)).toBe('DUE_SOON');
    expect(dueStatus('2026-02-09', '2026-01-10', 30)).toBe('DUE_SOON');
    expect(dueStatus('2026-02-10', '2026-01-10', 30)).toBe('OK');
    expect(dueStatus('2026-02-10', '2026-01-10', 60)).toBe('DUE_SOON');
  });

  it('counts days across months and years', () => {
    expect(daysBetween('2025-12-31', '2026-01-30')).toBe(30);
    expect(daysBetween('2026-01-30', '2025-12-31')).toBe(-30);
  });

  it('a young teacher is under three years in the profession', () => {
    expect(isYoungTeacher('2023-09-01', '2026-08-31')).toBe(true);
    expect(isYoungTeacher('2023-09-01', '2026-09-01')).toBe(false);
  });

  it('summarises trained, overdue and due within 90 days', () => {
    const asOf = '2026-01-10';
    expect(
      summarise(
        [
          { lastCompletedOn: '2024-05-01', careerStartDate: '2000-09-01' }, // trained, due 2027-05-01
          { lastCompletedOn: '2023-02-01', careerStartDate: '2000-09-01' }, // due 2026-02-01: within 90 days
          { lastCompletedOn: '2022-01-01', careerStartDate: '2000-09-01' }, // overdue
          { careerStartDate: '2022-09-01' }, // never trained, due 2025-09-01: overdue
          { careerStartDate: '2025-09-01' }, // young, due 2028
        ],
        asOf,
      ),
    ).toEqual({ educators: 5, trainedInThreeYears: 2, overdue: 2, dueWithin90Days: 1 });
  });
});
