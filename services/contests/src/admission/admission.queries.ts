import type { ContestsDeps } from '../contests.deps';
import { PREVIOUS_LEVEL, LEVEL_GRADES } from '../stages/grades';
import { REGION_TENANT } from '../stages/stage.decider';
import type { StageRow } from '../stages/stage.rows';
import { admissionList, AdmissionCandidate, LastYearResult } from './admission-list';

const previousYear = (academicYear: string) => {
  const start = Number(academicYear.slice(0, 4));
  return `${start - 1}/${start}`;
};

/** Stages of a level in a year and subject whose participants feed `stage`: its own municipality's, or every one for the region. */
const feederStages = (d: ContestsDeps, stage: StageRow, level: StageRow['level'], academicYear: string) =>
  d.tables.stages.find({
    academicYear,
    subject: stage.subject,
    level,
    status: 'SCHEDULED',
    ...(stage.tenantId === REGION_TENANT ? {} : { tenantId: stage.tenantId }),
  });

/** Final protocols' rows of these stages (one equality read per stage: an `$in` is not pushed down by FerretDB). */
const finalRows = async (d: ContestsDeps, stageIds: string[]) =>
  (await Promise.all(stageIds.map((stageId) => d.tables.partitions.find({ stageId, status: 'FINAL' })))).flat().flatMap((p) => p.rows);

/**
 * Winners and prize-winners of a stage of `stage`'s level held before the platform, as its
 * organiser recorded them (prior-results/): the same scope as feederStages.
 */
const recordedWinners = async (d: ContestsDeps, stage: StageRow, academicYear: string) =>
  (await d.tables.priorResults.find({ academicYear, subject: stage.subject, level: stage.level }))
    .filter((r) => stage.tenantId === REGION_TENANT || r.tenantId === stage.tenantId)
    .flatMap((r) => r.rows.map((row) => ({ studentId: row.studentId, schoolId: '', grade: row.grade, status: row.status })));

/**
 * The admission list of a stage (order 678): the previous level's final protocols this year
 * against this stage's passing scores, and this level's winners and prize-winners of last
 * year who still study. The pure rule is `admissionList` (admission-list.ts).
 */
export const admissionOf = async (d: ContestsDeps, stage: StageRow) => {
  const previous = PREVIOUS_LEVEL[stage.level];
  const passingScores: Record<number, number> = {};
  for (const g of stage.groups) {
    const score = stage.passingScores[g.groupId];
    if (score !== undefined) for (const grade of g.grades) passingScores[grade] = score;
  }
  const thisYearRows = previous
    ? await finalRows(
        d,
        (await feederStages(d, stage, previous, stage.academicYear)).map((s) => s._id),
      )
    : [];
  const lastYearRows = [
    ...(await finalRows(
      d,
      (await feederStages(d, stage, stage.level, previousYear(stage.academicYear))).map((s) => s._id),
    )),
    ...(await recordedWinners(d, stage, previousYear(stage.academicYear))),
  ];
  const ids = [...new Set([...thisYearRows, ...lastYearRows].map((r) => r.studentId))];
  const students = new Map((await d.tables.students.getMany(ids)).map((s) => [s._id, s]));
  const studying = (studentId: string) => students.get(studentId)?.status === 'ACTIVE';
  const best = new Map<string, AdmissionCandidate>();
  for (const r of thisYearRows) {
    const c: AdmissionCandidate = {
      studentId: r.studentId,
      schoolId: students.get(r.studentId)?.schoolId ?? r.schoolId,
      grade: r.grade,
      score: r.score,
      stillAtSchool: studying(r.studentId),
    };
    const was = best.get(r.studentId);
    if (!was || was.score < c.score) best.set(r.studentId, c);
  }
  const winners = new Map<string, LastYearResult>();
  for (const r of lastYearRows) {
    if (r.status === 'PARTICIPANT') continue;
    winners.set(r.studentId, {
      studentId: r.studentId,
      schoolId: students.get(r.studentId)?.schoolId ?? r.schoolId,
      grade: r.grade,
      status: r.status,
      stillAtSchool: studying(r.studentId) && r.grade < 11,
    });
  }
  return admissionList({ candidates: [...best.values()], passingScores, previousWinners: [...winners.values()], nextLevelGrades: LEVEL_GRADES[stage.level] });
};

/** Is the student on the stage's admission list (the school stage admits everyone)? */
export const isAdmitted = async (d: ContestsDeps, stage: StageRow, studentId: string): Promise<boolean | null> => {
  if (stage.level === 'SCHOOL') return null;
  return (await admissionOf(d, stage)).admitted.some((a) => a.studentId === studentId);
};
