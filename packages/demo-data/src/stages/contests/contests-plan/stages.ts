/**
 * Part 6 of the contests plan: the olympiad year's stages. Each municipality's school stage in
 * each of its subjects takes the students who chose it; its municipal stages admit, by passing
 * scores set per grade group, about a third of the school stage's participants of grades
 * 7–11; the regional stage admits by its own passing scores from every municipal stage of its
 * subject. Each stage has its jury, its scoring mode, every participant's marks and its appeals.
 */
import { Random } from '../../../region/random';
import { MunicipalityPlan } from '../../../region/region-model';
import { ContestSubject, SUBJECT_BY_CODE, stageTitle } from '../contests-dictionaries';
import type { ContestLevel, GroupInput, OlympiadStagePlan, ParticipantPlan, ScoringMode } from '../contests-plan';
import { planAppeals } from './appeals';
import { ContestsPlanContext, schoolsOf } from './context';
import { JuryCandidate, juryCandidates, planJury } from './juries';
import { LEVEL_GRADES, thirdCheckThresholdOf } from './rules';
import type { StudentsPart } from './students';
import { planMarks, taskFinals, totalOf } from './works';

const REGION = 'region';

/** The subject's grade groups the level admits, with their tasks. */
export const groupsOf = (subject: ContestSubject, level: ContestLevel): GroupInput[] => {
  const def = SUBJECT_BY_CODE.get(subject)!;
  const [lo, hi] = LEVEL_GRADES[level];
  return def.groups
    .filter((g) => g.every((grade) => grade >= Math.max(lo, def.grades[0]) && grade <= Math.min(hi, def.grades[1])))
    .map((grades) => ({
      groupId: grades.length === 1 ? String(grades[0]) : `${grades[0]}-${grades[grades.length - 1]}`,
      grades: [...grades],
      tasks: def.points.map((maxPoints, i) => ({ taskId: `t${i + 1}`, maxPoints, thirdCheckThreshold: thirdCheckThresholdOf(maxPoints) })),
    }));
};

/** Someone entered for a stage, before the stage decides their marks. */
interface Entrant {
  studentKey: string;
  municipalityId: string;
  organizationPlanId: string;
  grade: number;
  aptitude: number;
}

interface StageDraft {
  key: string;
  level: ContestLevel;
  subject: ContestSubject;
  organiser: string;
  entrants: Entrant[];
  candidates: JuryCandidate[];
  feeders: string[];
  passingScores: { groupId: string; score: number }[];
}

const JURY_SIZE: Record<ContestLevel, { perWorks: number; min: number; max: number }> = {
  SCHOOL: { perWorks: 50, min: 3, max: 14 },
  MUNICIPAL: { perWorks: 30, min: 3, max: 12 },
  REGIONAL: { perWorks: 30, min: 5, max: 14 },
};

const desiredMode = (ctx: ContestsPlanContext, d: StageDraft, rng: Random): ScoringMode => {
  if (d.level === 'REGIONAL' || (d.level === 'SCHOOL' && d.subject === 'MATHEMATICS')) return 'DOUBLE';
  return rng.chance(d.level === 'MUNICIPAL' ? 0.6 : ctx.opt.doubleScoringShare) ? 'DOUBLE' : 'SINGLE';
};

/** Marks for everyone (a few absent: entered and coded, no work), at most two third checks left to the juror's own hand. */
const participantsOf = (ctx: ContestsPlanContext, d: StageDraft, groups: GroupInput[], mode: ScoringMode, rng: Random) => {
  const groupOfGrade = new Map(groups.flatMap((g) => g.grades.map((grade) => [grade, g] as const)));
  const participants: ParticipantPlan[] = d.entrants.map(({ aptitude, ...who }) => {
    const group = groupOfGrade.get(who.grade)!;
    const absent = rng.chance(ctx.opt.absentShare);
    return { ...who, groupId: group.groupId, absent, marks: absent ? [] : planMarks(rng, aptitude, d.level, group, mode), total: 0 };
  });
  // A grade group of absentees only would have no protocol: its first participant sits the olympiad after all.
  for (const g of groups) {
    const mine = participants.filter((p) => p.groupId === g.groupId);
    if (mine.length && mine.every((p) => p.absent)) {
      mine[0]!.absent = false;
      mine[0]!.marks = planMarks(rng, d.entrants.find((e) => e.studentKey === mine[0]!.studentKey)!.aptitude, d.level, g, mode);
    }
  }
  const thirds = participants.flatMap((p) => p.marks.filter((m) => m.thirdBy === 'FILE'));
  for (const m of rng.sample(thirds, Math.min(2, thirds.length))) m.thirdBy = 'JUROR';
  for (const p of participants) if (!p.absent) p.total = totalOf(taskFinals(p, groupOfGrade.get(p.grade)!));
  return participants;
};

/** The stage as planned, or null when no jury can score its works (or nobody takes part). */
const buildStage = (ctx: ContestsPlanContext, d: StageDraft): OlympiadStagePlan | null => {
  if (!d.entrants.length) return null;
  const rng = ctx.root.fork(`stage/${d.key}`);
  const groups = groupsOf(d.subject, d.level);
  const wanted = desiredMode(ctx, d, rng);
  const size = JURY_SIZE[d.level];
  const perWork = wanted === 'DOUBLE' ? 2 : 1;
  const jury = planJury(rng, {
    candidates: d.candidates,
    size: Math.min(size.max, Math.max(size.min + (perWork - 1), Math.ceil((d.entrants.length * perWork) / size.perWorks) + 2)),
    mode: wanted,
    workSchools: new Set(d.entrants.map((e) => e.organizationPlanId)),
    spreadBy: d.level === 'REGIONAL' ? 'municipality' : 'school',
  });
  if (!jury) return null;
  const participants = participantsOf(ctx, d, groups, jury.mode, rng);
  const appeals = planAppeals(rng, d.key, d.level, groups, jury.jury, participants);
  const dates = ctx.calendar[d.level];
  const def = SUBJECT_BY_CODE.get(d.subject)!;
  return {
    key: d.key,
    level: d.level,
    subject: d.subject,
    organiser: d.organiser,
    scoringMode: jury.mode,
    input: {
      kind: 'VSOSH',
      title: stageTitle(def, d.level),
      academicYear: ctx.academicYear,
      subject: d.subject,
      level: d.level,
      startsOn: dates.startsOn,
      endsOn: dates.endsOn,
      registrationFrom: dates.registrationFrom,
      registrationTo: dates.registrationTo,
      groups,
      settings: jury.mode === 'DOUBLE' ? { scoringMode: 'DOUBLE' } : null,
    },
    consentDeadline: dates.consentDeadline,
    jury: jury.jury,
    feeders: d.feeders,
    passingScores: d.passingScores,
    participants,
    appeals,
  };
};

/** A passing score that admits about `share` of the candidates: the score of the last of them, in whole points (at least 1). */
export const passingScoreOf = (totals: readonly number[], share: number): number => {
  const sorted = [...totals].sort((a, b) => b - a);
  const k = Math.max(1, Math.round(sorted.length * share));
  return Math.max(1, Math.floor(sorted[k - 1]!));
};

/** Present participants of the feeder stages, admitted to `level` by passing scores set per grade group. */
const admit = (feeders: readonly OlympiadStagePlan[], level: ContestLevel, subject: ContestSubject, share: number, pupils: StudentsPart['pupils']) => {
  const groups = groupsOf(subject, level);
  const candidates = feeders.flatMap((f) => f.participants.filter((p) => !p.absent));
  const passingScores: { groupId: string; score: number }[] = [];
  const entrants: Entrant[] = [];
  for (const g of groups) {
    const mine = candidates.filter((c) => g.grades.includes(c.grade));
    if (!mine.length) continue;
    const score = passingScoreOf(
      mine.map((c) => c.total),
      share,
    );
    passingScores.push({ groupId: g.groupId, score });
    for (const c of mine)
      if (c.total >= score) {
        const { studentKey, municipalityId, organizationPlanId, grade } = c;
        entrants.push({ studentKey, municipalityId, organizationPlanId, grade, aptitude: pupils.get(studentKey)!.subjects.get(subject)! });
      }
  }
  entrants.sort((a, b) =>
    a.organizationPlanId < b.organizationPlanId ? -1 : a.organizationPlanId > b.organizationPlanId ? 1 : a.studentKey < b.studentKey ? -1 : 1,
  );
  return { passingScores, entrants };
};

/** A municipality's school stages (one per subject) and municipal stages. */
const municipalityStages = (
  ctx: ContestsPlanContext,
  m: MunicipalityPlan,
  subjects: { school: ContestSubject[]; municipal: ContestSubject[] },
  students: StudentsPart,
) => {
  const schools = schoolsOf(m);
  const listOf = new Map(students.schools.map((x) => [x.organizationPlanId, x.students]));
  const out: OlympiadStagePlan[] = [];
  const bySubject = new Map<ContestSubject, OlympiadStagePlan>();
  for (const subject of subjects.school) {
    const entrants: Entrant[] = [];
    for (const o of schools)
      for (const s of listOf.get(o.id) ?? []) {
        const aptitude = students.pupils.get(s.key)!.subjects.get(subject);
        if (aptitude !== undefined) entrants.push({ studentKey: s.key, municipalityId: m.id, organizationPlanId: o.id, grade: s.input.grade, aptitude });
      }
    const key = `school/${m.id}/${subject}`;
    const stage = buildStage(ctx, {
      key,
      level: 'SCHOOL',
      subject,
      organiser: m.id,
      entrants,
      candidates: juryCandidates(schools, subject),
      feeders: [],
      passingScores: [],
    });
    if (stage) {
      out.push(stage);
      bySubject.set(subject, stage);
    }
  }
  for (const subject of subjects.municipal) {
    const feeder = bySubject.get(subject);
    if (!feeder) continue;
    const { passingScores, entrants } = admit([feeder], 'MUNICIPAL', subject, ctx.opt.municipalPassShare, students.pupils);
    const key = `municipal/${m.id}/${subject}`;
    const candidates = juryCandidates(schools, subject);
    const stage = buildStage(ctx, { key, level: 'MUNICIPAL', subject, organiser: m.id, entrants, candidates, feeders: [feeder.key], passingScores });
    if (stage) out.push(stage);
  }
  return out;
};

export const planStages = (
  ctx: ContestsPlanContext,
  subjects: { byMunicipality: Map<string, { school: ContestSubject[]; municipal: ContestSubject[] }>; regional: ContestSubject[] },
  students: StudentsPart,
): OlympiadStagePlan[] => {
  const stages = ctx.region.municipalities.flatMap((m) => municipalityStages(ctx, m, subjects.byMunicipality.get(m.id)!, students));
  const allSchools = ctx.region.municipalities.flatMap(schoolsOf);
  for (const subject of subjects.regional) {
    const feeders = stages.filter((s) => s.level === 'MUNICIPAL' && s.subject === subject);
    if (!feeders.length) continue;
    const { passingScores, entrants } = admit(feeders, 'REGIONAL', subject, ctx.opt.regionalPassShare, students.pupils);
    const stage = buildStage(ctx, {
      key: `regional/${subject}`,
      level: 'REGIONAL',
      subject,
      organiser: REGION,
      entrants,
      candidates: juryCandidates(allSchools, subject),
      feeders: feeders.map((f) => f.key),
      passingScores,
    });
    if (stage) stages.push(stage);
  }
  return stages;
};
