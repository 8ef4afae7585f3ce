import { refusedField } from '@mms/testing';
import type { ParticipantStatus } from '../partitions/ranking';
import { admissionList, AdmissionCandidate, LastYearResult } from './admission-list';

describe('admission to the next stage', () => {
  const municipal = { min: 7, max: 11 };
  const candidate = (studentId: string, grade: number, score: number, stillAtSchool = true): AdmissionCandidate => ({
    studentId,
    schoolId: 's1',
    grade,
    score,
    stillAtSchool,
  });
  const lastYear = (studentId: string, grade: number, status: ParticipantStatus, stillAtSchool = true): LastYearResult => ({
    studentId,
    schoolId: 's2',
    grade,
    status,
    stillAtSchool,
  });

  it("admits this stage's participants at or above their grade's passing score, at the grade they competed for", () => {
    const { admitted, notAdmitted } = admissionList({
      candidates: [
        candidate('at', 7, 20),
        candidate('below', 7, 19.99),
        candidate('above', 8, 40),
        candidate('just-below', 9, 30.49),
        candidate('half', 9, 30.5),
      ],
      passingScores: { 7: 20, 8: 25, 9: 30.5 },
      previousWinners: [],
      nextLevelGrades: municipal,
    });
    expect(admitted).toEqual([
      { studentId: 'at', schoolId: 's1', grade: 7, reasons: ['PASSING_SCORE'], score: 20, lastYearStatus: null },
      { studentId: 'above', schoolId: 's1', grade: 8, reasons: ['PASSING_SCORE'], score: 40, lastYearStatus: null },
      { studentId: 'half', schoolId: 's1', grade: 9, reasons: ['PASSING_SCORE'], score: 30.5, lastYearStatus: null },
    ]);
    expect(notAdmitted).toEqual([]);
  });

  it('a grade without a passing score admits nobody by score', () => {
    const { admitted } = admissionList({ candidates: [candidate('ten', 10, 99)], passingScores: { 9: 30 }, previousWinners: [], nextLevelGrades: municipal });
    expect(admitted).toEqual([]);
  });

  it("admits last year's winners and prize-winners of the next stage who still study, one grade up; last year's participants are not", () => {
    const { admitted } = admissionList({
      candidates: [],
      passingScores: {},
      previousWinners: [lastYear('w', 8, 'WINNER'), lastYear('pw', 10, 'PRIZE_WINNER'), lastYear('p', 9, 'PARTICIPANT')],
      nextLevelGrades: municipal,
    });
    expect(admitted).toEqual([
      { studentId: 'w', schoolId: 's2', grade: 9, reasons: ['LAST_YEAR_WINNER'], score: null, lastYearStatus: 'WINNER' },
      { studentId: 'pw', schoolId: 's2', grade: 11, reasons: ['LAST_YEAR_WINNER'], score: null, lastYearStatus: 'PRIZE_WINNER' },
    ]);
  });

  it('names both reasons when a last-year prize-winner also reaches the passing score', () => {
    const { admitted } = admissionList({
      candidates: [candidate('both', 8, 40)],
      passingScores: { 8: 25 },
      previousWinners: [lastYear('both', 7, 'PRIZE_WINNER')],
      nextLevelGrades: municipal,
    });
    expect(admitted).toEqual([
      { studentId: 'both', schoolId: 's1', grade: 8, reasons: ['PASSING_SCORE', 'LAST_YEAR_WINNER'], score: 40, lastYearStatus: 'PRIZE_WINNER' },
    ]);
  });

  it('older-grade rule: a student who competed for an older grade keeps it at the next stage, under that grade’s passing score', () => {
    // An 8th-grader who competed for grade 9 is measured against grade 9's passing score and stays at 9.
    const { admitted } = admissionList({
      candidates: [candidate('older', 9, 31), candidate('older-short', 9, 28)],
      passingScores: { 8: 25, 9: 30 },
      previousWinners: [],
      nextLevelGrades: municipal,
    });
    expect(admitted.map((a) => [a.studentId, a.grade])).toEqual([['older', 9]]);
  });

  it("older-grade rule: a last-year winner who competed for an older grade this year is admitted at the higher of the two, even below this year's passing score", () => {
    const { admitted } = admissionList({
      candidates: [candidate('winner', 10, 12)],
      passingScores: { 10: 30 },
      previousWinners: [lastYear('winner', 8, 'WINNER')],
      nextLevelGrades: municipal,
    });
    expect(admitted).toEqual([{ studentId: 'winner', schoolId: 's1', grade: 10, reasons: ['LAST_YEAR_WINNER'], score: 12, lastYearStatus: 'WINNER' }]);
  });

  it("a grade outside the next level's grades is not admitted, and the list says why", () => {
    const { admitted, notAdmitted } = admissionList({
      candidates: [candidate('eighth', 8, 50), candidate('ninth', 9, 50)],
      passingScores: { 8: 20, 9: 20 },
      previousWinners: [lastYear('graduate', 11, 'WINNER')],
      nextLevelGrades: { min: 9, max: 11 },
    });
    expect(admitted.map((a) => a.studentId)).toEqual(['ninth']);
    expect(notAdmitted).toEqual([
      { studentId: 'eighth', grade: 8, reasons: ['PASSING_SCORE'], refusal: 'GRADE_OUTSIDE_LEVEL' },
      { studentId: 'graduate', grade: 12, reasons: ['LAST_YEAR_WINNER'], refusal: 'GRADE_OUTSIDE_LEVEL' },
    ]);
  });

  it('a student who left school is not admitted by either reason', () => {
    const { admitted, notAdmitted } = admissionList({
      candidates: [candidate('moved', 8, 50, false)],
      passingScores: { 8: 20 },
      previousWinners: [lastYear('gone', 9, 'PRIZE_WINNER', false)],
      nextLevelGrades: municipal,
    });
    expect(admitted).toEqual([]);
    expect(notAdmitted).toEqual([
      { studentId: 'gone', grade: 10, reasons: ['LAST_YEAR_WINNER'], refusal: 'LEFT_SCHOOL' },
      { studentId: 'moved', grade: 8, reasons: ['PASSING_SCORE'], refusal: 'LEFT_SCHOOL' },
    ]);
  });

  it('lists the admitted by grade, then score (highest first), then student', () => {
    const { admitted } = admissionList({
      candidates: [candidate('b', 9, 40), candidate('a', 9, 40), candidate('c', 9, 50), candidate('d', 7, 30)],
      passingScores: { 7: 20, 9: 20 },
      previousWinners: [lastYear('e', 8, 'WINNER')],
      nextLevelGrades: municipal,
    });
    expect(admitted.map((a) => a.studentId)).toEqual(['d', 'c', 'a', 'b', 'e']);
  });

  it('refuses a student listed twice, a grade that is not whole and an inverted grade range', () => {
    const input = { candidates: [], passingScores: {}, previousWinners: [], nextLevelGrades: municipal };
    expect(refusedField(() => admissionList({ ...input, candidates: [candidate('x', 8, 1), candidate('x', 9, 2)] }))).toBe('candidates.studentId');
    expect(refusedField(() => admissionList({ ...input, previousWinners: [lastYear('y', 8.5, 'WINNER')] }))).toBe('previousWinners.grade');
    expect(refusedField(() => admissionList({ ...input, nextLevelGrades: { min: 11, max: 9 } }))).toBe('nextLevelGrades');
  });
});
