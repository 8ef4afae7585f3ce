import { invalid } from '@mms/eventsourcing/core';
import { AwardStatus, byText, hundredths, ParticipantStatus } from '../partitions/ranking';

// The admission list for the next stage by the ВсОШ procedure (order 678). Pure, like ranking.

/** A participant of this stage (all its partitions), as registered. */
export interface AdmissionCandidate {
  studentId: string;
  /** The school they study at now. */
  schoolId: string;
  /** The grade they competed for at this stage (their own or older). */
  grade: number;
  score: number;
  stillAtSchool: boolean;
}

/** A winner or prize-winner of last year's stage of the level being admitted to (PARTICIPANT entries are ignored). */
export interface LastYearResult {
  studentId: string;
  /** The school they study at now. */
  schoolId: string;
  /** The grade they competed for last year. */
  grade: number;
  status: ParticipantStatus;
  stillAtSchool: boolean;
}

export interface AdmissionInput {
  candidates: readonly AdmissionCandidate[];
  /** The next stage's passing score per grade competed for; a grade without one admits nobody by score. */
  passingScores: Readonly<Record<number, number>>;
  previousWinners: readonly LastYearResult[];
  /** The grades the next level admits (MUNICIPAL 7–11, REGIONAL 9–11). */
  nextLevelGrades: { min: number; max: number };
}

export type AdmissionReason = 'PASSING_SCORE' | 'LAST_YEAR_WINNER';

export interface Admission {
  studentId: string;
  schoolId: string;
  /** The lowest grade they may compete for at the next stage. */
  grade: number;
  /** One or both, in this order. */
  reasons: AdmissionReason[];
  /** This stage's score; null for a last-year winner who did not compete here. */
  score: number | null;
  lastYearStatus: AwardStatus | null;
}

/** Someone who qualified but is not admitted, and why: lists must explain the surprising absences. */
export interface NonAdmission {
  studentId: string;
  grade: number;
  reasons: AdmissionReason[];
  refusal: 'LEFT_SCHOOL' | 'GRADE_OUTSIDE_LEVEL';
}

const checkAdmissionInput = (input: AdmissionInput) => {
  const { min, max } = input.nextLevelGrades;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min <= max)) invalid('nextLevelGrades', `must be whole grades min ≤ max, got ${min}–${max}`);
  for (const [field, list] of [
    ['candidates', input.candidates],
    ['previousWinners', input.previousWinners],
  ] as const) {
    const seen = new Set<string>();
    for (const s of list) {
      if (seen.has(s.studentId)) invalid(`${field}.studentId`, `'${s.studentId}' is listed twice`);
      seen.add(s.studentId);
      if (!Number.isInteger(s.grade)) invalid(`${field}.grade`, `must be a whole grade, got ${s.grade} for '${s.studentId}'`);
    }
  }
  for (const c of input.candidates) {
    if (!(Number.isFinite(c.score) && c.score >= 0)) invalid('candidates.score', `must be a number ≥ 0, got ${c.score} for '${c.studentId}'`);
  }
  for (const [grade, score] of Object.entries(input.passingScores)) {
    if (!(Number.isFinite(score) && score >= 0)) invalid('passingScores', `must be a number ≥ 0, got ${score} for grade ${grade}`);
  }
};

/**
 * The next stage's list (order 678): this stage's participants at or above their grade's
 * passing score, and last year's winners and prize-winners of the next stage who still study,
 * one grade up. The grade is the highest that applies: a later stage of the same year keeps
 * the grade competed for or higher, and last year's status carries into the grade above.
 * Anyone whose grade falls outside the next level, or who left school, is not admitted.
 */
export const admissionList = (input: AdmissionInput): { admitted: Admission[]; notAdmitted: NonAdmission[] } => {
  checkAdmissionInput(input);
  const candidates = new Map(input.candidates.map((c) => [c.studentId, c]));
  const awardees = input.previousWinners.filter((w): w is LastYearResult & { status: AwardStatus } => w.status !== 'PARTICIPANT');
  const lastYear = new Map(awardees.map((w) => [w.studentId, w]));
  const admitted: Admission[] = [];
  const notAdmitted: NonAdmission[] = [];
  for (const studentId of new Set([...candidates.keys(), ...lastYear.keys()])) {
    const c = candidates.get(studentId);
    const w = lastYear.get(studentId);
    const passing = c ? input.passingScores[c.grade] : undefined;
    const reasons: AdmissionReason[] = [];
    if (c && passing !== undefined && hundredths(c.score) >= hundredths(passing)) reasons.push('PASSING_SCORE');
    if (w) reasons.push('LAST_YEAR_WINNER');
    const record = c ?? w;
    if (!reasons.length || !record) continue;
    // Competing this year binds the grade even when the admission is by last year's status.
    const grade = Math.max(c?.grade ?? -Infinity, w ? w.grade + 1 : -Infinity);
    const left = c?.stillAtSchool === false || w?.stillAtSchool === false;
    const outside = grade < input.nextLevelGrades.min || grade > input.nextLevelGrades.max;
    if (left || outside) {
      notAdmitted.push({ studentId, grade, reasons, refusal: left ? 'LEFT_SCHOOL' : 'GRADE_OUTSIDE_LEVEL' });
      continue;
    }
    admitted.push({
      studentId,
      schoolId: record.schoolId,
      grade,
      reasons,
      score: c ? hundredths(c.score) / 100 : null,
      lastYearStatus: w?.status ?? null,
    });
  }
  admitted.sort((a, b) => a.grade - b.grade || (b.score ?? -1) - (a.score ?? -1) || byText(a.studentId, b.studentId));
  notAdmitted.sort((a, b) => byText(a.studentId, b.studentId));
  return { admitted, notAdmitted };
};
