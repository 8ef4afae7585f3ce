/**
 * What the contests stage seeds, decided from the region plan alone: a year of the
 * all-Russian school olympiad (ВсОШ) in the demo region (contracts/subgraphs/contests.graphql).
 *
 *  - every municipality holds the school stage in its subjects (mathematics and Russian
 *    everywhere, 2–8 more by size), its schools' students registered as one class list each,
 *    with the parents' consents (a few without any: registered, never entered; a quarter
 *    without consent to publish the name);
 *  - a municipal stage in 2–4 of them, admitting by passing scores per grade group, and the
 *    regional stage in mathematics, Russian and the next most common subject;
 *  - each stage's jury (teachers of the subject from several schools, a chair, an appeal
 *    commission), its scoring (single, or double with third checks: most in the score file,
 *    two by the third juror's own hand), every participant's marks (a few absent), a few
 *    appeals with their decisions, and so the totals the next level is admitted by.
 *
 * Pure and deterministic: the same region plan and options give the same contests plan, byte
 * for byte; nothing here reads the clock. Students are referred to by plan keys (stu-…),
 * schools, educators and municipalities by the region plan's ids; the seeder maps them to the
 * platform's ids, and the participant codes and jurors' assignments (the service's, random or
 * its own rule) to score-file lines. Dates are relative to asOf (contests-plan/rules.ts:
 * `calendarOf`): the school stage is held on asOf, the municipal stage two days later, the
 * regional four.
 */
import { RegionPlan } from '../../region/region-model';
import { ContestSubject } from './contests-dictionaries';
import { planContext } from './contests-plan/context';
import { planStages } from './contests-plan/stages';
import { planStudents } from './contests-plan/students';
import { planSubjects } from './contests-plan/subjects';
import { planTotals } from './contests-plan/totals';

export { calendarOf, DEFAULT_CONTESTS_OPTIONS, LEVEL_GRADES, LEVELS, PREVIOUS_LEVEL, round2, taskFinal, workingDaysBefore } from './contests-plan/rules';
export { groupsOf, passingScoreOf } from './contests-plan/stages';
export { protocolsOf, schoolsEnteringOf, scoreRowsOf } from './contests-plan/totals';
export { taskFinals, totalOf } from './contests-plan/works';

// ---- the contests service's inputs (contracts/subgraphs/contests.graphql) ----

export type ContestLevel = 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';
export type ScoringMode = 'SINGLE' | 'DOUBLE';
export type AppealDecision = 'KEEP' | 'RAISE' | 'LOWER';
export type AppealKind = 'TECHNICAL_ERROR' | 'DISAGREEMENT';

export interface TaskInput {
  taskId: string;
  maxPoints: number;
  thirdCheckThreshold: number;
}

export interface GroupInput {
  groupId: string;
  grades: number[];
  tasks: TaskInput[];
}

/** `scheduleOlympiadStage(input:)` */
export interface ScheduleOlympiadStageInput {
  kind: 'VSOSH';
  title: string;
  academicYear: string;
  subject: ContestSubject;
  level: ContestLevel;
  startsOn: string;
  endsOn: string;
  registrationFrom: string;
  registrationTo: string;
  groups: GroupInput[];
  /** Only what differs from the service's defaults (services/contests/DESIGN.md). */
  settings: { scoringMode: ScoringMode } | null;
}

export interface ConsentInput {
  signedOn: string;
  participation: boolean;
  publishResults: boolean;
  publishWork: boolean;
}

/** One line of `registerStudents(input: { students })`: the class list with the parent's consent handed in with it. */
export interface RegisterStudentInput {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  grade: number;
  consent: ConsentInput | null;
}

// ---- the plan ----

export interface StageDates {
  registrationFrom: string;
  registrationTo: string;
  startsOn: string;
  endsOn: string;
  /** The last day a participation consent may be dated (10 working days before the stage, the service's default). */
  consentDeadline: string;
}

export interface StudentPlan {
  /** `stu-001-003-0042`; the platform knows a student by the school and the full name (unique within the school). */
  key: string;
  municipalityId: string;
  organizationPlanId: string;
  input: RegisterStudentInput;
}

export interface SchoolStudentsPlan {
  organizationPlanId: string;
  municipalityId: string;
  /** In registration order: one `registerStudents` class list. */
  students: StudentPlan[];
}

export interface JurorPlan {
  educatorPlanId: string;
  municipalityId: string;
  /** The juror's school: no work from it is theirs to score. */
  organizationPlanId: string;
  chair: boolean;
  /** The chair is always on the appeal commission (as the service records it). */
  appealCommission: boolean;
}

/** One task of one work: the first juror's score, the second's (double scoring), and the third check's where they differ by the threshold. */
export interface TaskMarks {
  taskId: string;
  scores: number[];
  /** Who records the third check: a line of the score file (with the juror column), or the third juror in the juror's own page. */
  thirdBy: 'FILE' | 'JUROR' | null;
}

export interface ParticipantPlan {
  studentKey: string;
  municipalityId: string;
  organizationPlanId: string;
  /** The grade competed for: the student's own. */
  grade: number;
  groupId: string;
  /** Entered and coded, but did not sit the olympiad: no scores, no line in the protocol. */
  absent: boolean;
  /** Per task of the group, in its order; empty when absent. */
  marks: TaskMarks[];
  /** The final total with the appeals' decisions: what the protocol says and the next level admits by. */
  total: number;
}

export interface AppealPlan {
  key: string;
  studentKey: string;
  municipalityId: string;
  organizationPlanId: string;
  groupId: string;
  taskId: string;
  kind: AppealKind;
  statement: string;
  decision: AppealDecision;
  /** The task's final before the decision, and after it (RAISE, LOWER). */
  from: number;
  to: number | null;
  reason: string;
  /** The member of the appeal commission who decides it. */
  decidedBy: string;
}

export interface OlympiadStagePlan {
  /** `school/mun-001/MATHEMATICS`, `municipal/mun-001/MATHEMATICS`, `regional/MATHEMATICS`. */
  key: string;
  level: ContestLevel;
  subject: ContestSubject;
  /** The organiser: a municipality's plan id, or `region`. */
  organiser: string;
  scoringMode: ScoringMode;
  input: ScheduleOlympiadStageInput;
  consentDeadline: string;
  jury: JurorPlan[];
  /** Keys of the stages whose final protocols admit to this one (none for the school stage). */
  feeders: string[];
  /** Into this stage from the feeders' protocols, per grade group (set by this stage's organiser). */
  passingScores: { groupId: string; score: number }[];
  /** Every entrant, grouped by school (plan order). */
  participants: ParticipantPlan[];
  appeals: AppealPlan[];
}

export interface ContestsPlanTotals {
  students: { schools: number; total: number; withoutConsent: number; publishResults: number; noPublication: number };
  stages: Record<ContestLevel, number>;
  doubleScored: Record<ContestLevel, number>;
  /** Grade groups with a protocol. */
  protocols: Record<ContestLevel, number>;
  entries: Record<ContestLevel, number>;
  absent: Record<ContestLevel, number>;
  /** Lines of the score files (first scores of every juror, and the third checks the files carry). */
  scoreRows: Record<ContestLevel, number>;
  jurors: Record<ContestLevel, number>;
  thirdChecks: { inFile: number; byJuror: number };
  appeals: { total: number } & Record<AppealDecision, number>;
  /** Mutations (and score files: `uploadScores`) a seeding of an empty platform sends over the olympiad year. */
  commands: Record<string, number>;
  commandsTotal: number;
}

export interface ContestsPlan {
  version: 1;
  seed: string;
  scale: number;
  asOf: string;
  /** "2026/2027": the academic year asOf falls in. */
  academicYear: string;
  /** Stable tag of seed, scale and asOf (idempotency keys, score import ids). */
  planTag: string;
  calendar: Record<ContestLevel, StageDates>;
  schools: SchoolStudentsPlan[];
  /** School stages, then municipal ones (per municipality), then the regional ones. */
  stages: OlympiadStagePlan[];
  totals: ContestsPlanTotals;
}

export interface ContestsPlanOptions {
  /** Registered students per educator of a school (more in cities, fewer in villages); default 0.6. */
  participantsPerEducator?: number;
  /** Students registered without any consent (never entered); default 0.02. */
  withoutConsentShare?: number;
  /** Entrants who do not sit the olympiad; default 0.04. */
  absentShare?: number;
  /** Consents that allow the name in published results; default 0.75. */
  publishResultsShare?: number;
  /** School stages scored twice (besides mathematics, always); default 0.25. The municipal stage: 0.6; the regional: always. */
  doubleScoringShare?: number;
  /** Share of the previous level's participants a passing score admits; default 0.3 (municipal), 0.35 (regional). */
  municipalPassShare?: number;
  regionalPassShare?: number;
  /** Days after asOf the municipal and regional stages are held; default 2 and 4 (finals need two days after publication). */
  municipalDayOffset?: number;
  regionalDayOffset?: number;
}

/** Decides everything the contests stage seeds. Pure: same region plan and options → same contests plan. */
export const buildContestsPlan = (region: RegionPlan, options: ContestsPlanOptions = {}): ContestsPlan => {
  const ctx = planContext(region, options);
  const subjects = planSubjects(ctx);
  const students = planStudents(ctx, subjects);
  const stages = planStages(ctx, subjects, students);
  return {
    version: 1,
    seed: region.seed,
    scale: region.scale,
    asOf: region.asOf,
    academicYear: ctx.academicYear,
    planTag: ctx.planTag,
    calendar: ctx.calendar,
    schools: students.schools,
    stages,
    totals: planTotals(students.schools, stages),
  };
};

// ---- score files (the seeder fills in the platform's codes and juror ids) ----

/** A work as the platform has it: its code and the jurors it was assigned to (sorted, as the service stores them). */
export interface AssignedWork {
  code: string;
  jurorIds: readonly string[];
}

export interface ScoreLine {
  code: string;
  taskId: string;
  score: number;
  juror: string | null;
}

/**
 * The lines of a stage's score file: every present work's first scores (double scoring: the
 * first of the plan's two to the first assigned juror, the second to the other, with the
 * juror column), then the third checks the file carries, each by a juror of the jury who is
 * neither of the two nor of the work's school (the least loaded so far, then by id). Works the
 * platform does not have coded and assigned are counted as missing. `jury`: the directory's
 * educator id and school id of each member.
 */
export const scoreFileLines = (
  stage: OlympiadStagePlan,
  workOf: (p: ParticipantPlan) => (AssignedWork & { schoolId: string }) | null,
  jury: readonly { jurorId: string; schoolId: string }[],
): { lines: ScoreLine[]; missing: number } => {
  const double = stage.scoringMode === 'DOUBLE';
  const first: ScoreLine[] = [];
  const thirds: ScoreLine[] = [];
  const load = new Map<string, number>();
  let missing = 0;
  for (const p of stage.participants) {
    if (p.absent) continue;
    const w = workOf(p);
    if (!w || (double && w.jurorIds.length < 2)) {
      missing++;
      continue;
    }
    for (const m of p.marks) {
      if (!double) {
        first.push({ code: w.code, taskId: m.taskId, score: m.scores[0]!, juror: null });
        continue;
      }
      first.push({ code: w.code, taskId: m.taskId, score: m.scores[0]!, juror: w.jurorIds[0]! });
      first.push({ code: w.code, taskId: m.taskId, score: m.scores[1]!, juror: w.jurorIds[1]! });
      if (m.thirdBy !== 'FILE') continue;
      const third = jury
        .filter((j) => j.schoolId !== w.schoolId && !w.jurorIds.includes(j.jurorId))
        .sort((a, b) => (load.get(a.jurorId) ?? 0) - (load.get(b.jurorId) ?? 0) || (a.jurorId < b.jurorId ? -1 : a.jurorId > b.jurorId ? 1 : 0))[0];
      if (!third) {
        missing++;
        continue;
      }
      load.set(third.jurorId, (load.get(third.jurorId) ?? 0) + 1);
      thirds.push({ code: w.code, taskId: m.taskId, score: m.scores[2]!, juror: third.jurorId });
    }
  }
  return { lines: [...first, ...thirds], missing };
};

/** The file as the service reads it (services/contests/src/scores-import/score-file.ts): `code;task;score[;juror]`. */
export const scoreFileCsv = (lines: readonly ScoreLine[], withJuror: boolean): string => {
  const head = withJuror ? 'code;task;score;juror' : 'code;task;score';
  return `${[head, ...lines.map((l) => (withJuror ? `${l.code};${l.taskId};${l.score};${l.juror}` : `${l.code};${l.taskId};${l.score}`))].join('\n')}\n`;
};
