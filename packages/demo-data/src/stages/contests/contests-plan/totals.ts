/** The contests plan's totals: what it holds per level, and the mutations (and score files) a seeding of an empty platform sends over the year. */
import type { AppealDecision, ContestLevel, ContestsPlanTotals, OlympiadStagePlan, SchoolStudentsPlan } from '../contests-plan';
import { LEVELS } from './rules';

const perLevel = (f: (level: ContestLevel) => number) => Object.fromEntries(LEVELS.map((l) => [l, f(l)])) as Record<ContestLevel, number>;
const sum = <T>(items: readonly T[], f: (x: T) => number) => items.reduce((a, x) => a + f(x), 0);

/** Lines of a stage's score file: one per task and juror of every present work, and the third checks the file carries. */
export const scoreRowsOf = (s: OlympiadStagePlan) =>
  sum(s.participants, (p) => sum(p.marks, (m) => Math.min(m.scores.length, 2) + (m.thirdBy === 'FILE' ? 1 : 0)));

/** Grade groups with someone who sat the olympiad: each gets a protocol. */
export const protocolsOf = (s: OlympiadStagePlan) => new Set(s.participants.filter((p) => !p.absent).map((p) => p.groupId)).size;

export const schoolsEnteringOf = (s: OlympiadStagePlan) => new Set(s.participants.map((p) => p.organizationPlanId)).size;

export const planTotals = (schools: readonly SchoolStudentsPlan[], stages: readonly OlympiadStagePlan[]): ContestsPlanTotals => {
  const students = schools.flatMap((s) => s.students);
  const at = (level: ContestLevel) => stages.filter((s) => s.level === level);
  const appeals = stages.flatMap((s) => s.appeals);
  const decisions = (d: AppealDecision) => appeals.filter((a) => a.decision === d).length;
  const marks = stages.flatMap((s) => s.participants.flatMap((p) => p.marks));
  const commands: Record<string, number> = {
    registerStudents: schools.filter((s) => s.students.length).reduce((a, s) => a + Math.ceil(s.students.length / 1000), 0),
    scheduleOlympiadStage: stages.length,
    appointOlympiadJury: stages.length,
    setOlympiadPassingScores: stages.filter((s) => s.passingScores.length).length,
    enterStudentsForStage: sum(stages, schoolsEnteringOf),
    issueParticipantCodes: sum(stages, schoolsEnteringOf),
    assignOlympiadWorks: stages.length,
    uploadScores: stages.filter((s) => s.participants.some((p) => !p.absent)).length,
    recordOlympiadScore: marks.filter((m) => m.thirdBy === 'JUROR').length,
    // The organiser publishes a stage's protocols at once.
    publishPreliminaryProtocols: stages.filter((s) => protocolsOf(s) > 0).length,
    fileOlympiadAppeal: appeals.length,
    decideOlympiadAppeal: appeals.length,
    approveFinalProtocol: sum(stages, protocolsOf),
  };
  return {
    students: {
      schools: schools.length,
      total: students.length,
      withoutConsent: students.filter((s) => !s.input.consent).length,
      publishResults: students.filter((s) => s.input.consent?.publishResults).length,
      noPublication: students.filter((s) => s.input.consent && !s.input.consent.publishResults).length,
    },
    stages: perLevel((l) => at(l).length),
    doubleScored: perLevel((l) => at(l).filter((s) => s.scoringMode === 'DOUBLE').length),
    protocols: perLevel((l) => sum(at(l), protocolsOf)),
    entries: perLevel((l) => sum(at(l), (s) => s.participants.length)),
    absent: perLevel((l) => sum(at(l), (s) => s.participants.filter((p) => p.absent).length)),
    scoreRows: perLevel((l) => sum(at(l), scoreRowsOf)),
    jurors: perLevel((l) => sum(at(l), (s) => s.jury.length)),
    thirdChecks: { inFile: marks.filter((m) => m.thirdBy === 'FILE').length, byJuror: marks.filter((m) => m.thirdBy === 'JUROR').length },
    appeals: { total: appeals.length, KEEP: decisions('KEEP'), RAISE: decisions('RAISE'), LOWER: decisions('LOWER') },
    commands,
    commandsTotal: Object.values(commands).reduce((a, b) => a + b, 0),
  };
};
