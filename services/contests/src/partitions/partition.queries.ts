import type { RequestContext } from '@mms/auth';
import { isRegionalOperator } from '@mms/auth';
import { ForbiddenError } from '@mms/eventsourcing/core';
import * as access from '../access/policy';
import { admissionOf } from '../admission/admission.queries';
import type { ContestsDeps } from '../contests.deps';
import { partitionIdParts } from '../contests.streams';
import { loadStage } from '../entries/entries.handlers';
import { publicResultsOf } from '../publication/public-results';
import { keptReads, partitionRevisionId, stampOf } from '../publication/public-revisions';
import { PREVIOUS_LEVEL } from '../stages/grades';
import { REGION_TENANT } from '../stages/stage.decider';
import type { StageRow } from '../stages/stage.rows';
import { stageView } from '../stages/stage.views';
import { currentFinal, partitionDecider, protocolOf } from './partition.decider';
import { juryOf, loadPartition, rulesOf } from './partition.handlers';
import type { PartitionRow } from './partition.rows';
import { partitionRowView, PartitionView } from './partition.views';
import type { ProtocolRow } from './protocol';
import { asAwarded } from './protocol';
import { jurorAgreement, taskResult } from './scoring';
import { previewPassingScore, previewQuotas, QuotaSettings, rankChanges } from './ranking';
import { thirdCheckJurors } from './third-checks';

/**
 * A partition as the caller may see it: the organiser and the operator whole; a methodologist
 * the rows of their municipality's participants; a coordinator their school's; nobody else.
 */
export const scopedPartition = (req: RequestContext, row: PartitionRow): PartitionView | null => {
  const scope = access.stageReadScope(req.user, row.tenantId);
  if (!scope) return null;
  const view = partitionRowView(row);
  if ('all' in scope) return view;
  const mine = (r: ProtocolRow) => r.municipalityId === scope.municipalityId && (!scope.schoolId || r.schoolId === scope.schoolId);
  const codes = new Set(view.rows.filter(mine).map((r) => r.code));
  return { ...view, rows: view.rows.filter(mine), appeals: view.appeals.filter((a) => codes.has(a.code)), assignments: [] };
};

/** Partition rows this replica read, reused while the partition's revision stands (publication/public-revisions.ts). */
const keptRows = keptReads<PartitionRow | null>(256);

export const olympiadPartition = async (d: ContestsDeps, req: RequestContext, id: string) => {
  // The revision before the row: the projection bumps it after, so a row is never kept under a newer one.
  const stamp = await stampOf(d.tables.publicRevisions, [partitionRevisionId(id)]);
  let row = keptRows.get(d.tables.publicRevisions, id, stamp);
  if (row === undefined) {
    row = await d.tables.partitions.get(id);
    keptRows.set(d.tables.publicRevisions, id, stamp, row);
  }
  return row ? scopedPartition(req, row) : null;
};

export const partitionsOfStage = async (d: ContestsDeps, req: RequestContext, stageId: string) =>
  (await d.tables.partitions.find({ stageId }, { sort: { groupId: 1 } })).flatMap((r) => scopedPartition(req, r) ?? []);

/** The organiser (or the jury's chair) reads the live protocol before publication. */
const draftReader = async (d: ContestsDeps, req: RequestContext, partitionId: string) => {
  const { stageId, groupId } = partitionIdParts(partitionId);
  const stage = await loadStage(d, stageId, 'partitionId');
  const chair = stage.jury.find((j) => j.chair && j.jurorId === access.jurorIdOf(req.user));
  if (!chair && !access.isOrganiserOf(req.user, stage.tenantId) && !isRegionalOperator(req.user))
    throw new ForbiddenError('only the organiser or the jury’s chair reads the draft protocol');
  const rules = rulesOf(stage, groupId);
  const { state } = await loadPartition(d, stage, groupId);
  return { stage, groupId, rules, state };
};

export const partitionDraft = async (d: ContestsDeps, req: RequestContext, partitionId: string) => {
  const { rules, state } = await draftReader(d, req, partitionId);
  const p = protocolOf(state, rules);
  return {
    partitionId,
    rows: p.rows,
    incomplete: p.incomplete,
    maxScore: p.maxScore,
    agreement: jurorAgreement(rules.tasks, state.marks, rules.scoringMode, rules.agreeingFinal),
  };
};

export const quotaPreview = async (d: ContestsDeps, req: RequestContext, partitionId: string, quotas: QuotaSettings) => {
  const { rules, state } = await draftReader(d, req, partitionId);
  const p = protocolOf(state, rules);
  const preview = previewQuotas(
    p.rows.map((r) => ({ participantId: r.code, score: r.score, schoolId: r.schoolId, municipalityId: r.municipalityId })),
    p.maxScore,
    quotas,
  );
  return {
    ...preview,
    byMunicipality: preview.byMunicipality.map((m) => ({ id: m.municipalityId, municipality: { id: m.municipalityId }, ...m })),
    bySchool: preview.bySchool.map((s) => ({ id: s.schoolId, school: { id: s.schoolId }, ...s })),
  };
};

/** Who of the previous level this year would reach a passing score into a grade group of `stageId`. */
export const passingScorePreview = async (d: ContestsDeps, req: RequestContext, stageId: string, groupId: string, score: number) => {
  const stage = await loadStage(d, stageId);
  if (!access.isOrganiserOf(req.user, stage.tenantId)) throw new ForbiddenError('only the stage’s organiser previews its passing scores');
  const group = stage.groups.find((g) => g.groupId === groupId);
  const previous = PREVIOUS_LEVEL[stage.level];
  const rows = group && previous ? await previousLevelRows(d, stage, previous) : [];
  const mine = rows.filter((r) => group!.grades.includes(r.grade));
  const preview = previewPassingScore(
    mine.map((r) => ({ participantId: r.studentId, score: r.score, schoolId: r.schoolId, municipalityId: r.municipalityId })),
    score,
  );
  return {
    ...preview,
    byMunicipality: preview.byMunicipality.map((m) => ({ id: m.municipalityId, municipality: { id: m.municipalityId }, ...m })),
    bySchool: preview.bySchool.map((s) => ({ id: s.schoolId, school: { id: s.schoolId }, ...s })),
  };
};

const previousLevelRows = async (d: ContestsDeps, stage: StageRow, level: StageRow['level']) => {
  const feeders = await d.tables.stages.find({
    academicYear: stage.academicYear,
    subject: stage.subject,
    level,
    ...(stage.tenantId === REGION_TENANT ? {} : { tenantId: stage.tenantId }),
  });
  const ids = feeders.map((s) => s._id);
  return ids.length ? (await d.tables.partitions.find({ stageId: { $in: ids }, status: 'FINAL' })).flatMap((p) => p.rows) : [];
};

/** Before an appeal decision: who would change rank or status (the decider's own re-ranking, not applied). */
export const appealPreview = async (
  d: ContestsDeps,
  req: RequestContext,
  input: { partitionId: string; appealId: string; decision: 'KEEP' | 'RAISE' | 'LOWER'; score?: number | null },
) => {
  const { stageId, groupId } = partitionIdParts(input.partitionId);
  const stage = await loadStage(d, stageId, 'partitionId');
  const commission = stage.jury.some((j) => (j.appealCommission || j.chair) && j.jurorId === access.jurorIdOf(req.user));
  if (!commission && !access.isOrganiserOf(req.user, stage.tenantId))
    throw new ForbiddenError('only the appeal commission or the organiser previews decisions');
  const rules = rulesOf(stage, groupId);
  const { state } = await loadPartition(d, stage, groupId);
  const events = partitionDecider.decide(
    {
      type: 'DecideAppeal',
      stageId,
      groupId,
      appealId: input.appealId,
      decision: input.decision,
      score: input.score ?? null,
      reason: 'preview',
      decidedBy: 'preview',
      rules,
    },
    state,
    { tenantId: stage.tenantId, streamId: '', version: 0 },
  );
  const after = events.reduce(partitionDecider.evolve, state);
  return rankChanges(asAwarded(protocolOf(state, rules).rows), asAwarded(protocolOf(after, rules).rows)).map((c) => ({
    code: c.participantId,
    before: c.before,
    after: c.after,
  }));
};

/** The admission list: the organiser and the operator whole; a methodologist their municipality's; a coordinator their school's. */
export const admissionList = async (d: ContestsDeps, req: RequestContext, stageId: string) => {
  const stage = await d.tables.stages.get(stageId);
  if (!stage) return [];
  const scope = access.stageReadScope(req.user, stage.tenantId);
  if (!scope) return [];
  const { admitted } = await admissionOf(d, stage);
  if ('all' in scope) return admitted;
  const students = new Map((await d.tables.students.find({ _id: { $in: admitted.map((a) => a.studentId) } })).map((s) => [s._id, s]));
  return admitted.filter((a) => {
    const s = students.get(a.studentId);
    return s && s.tenantId === scope.municipalityId && (!scope.schoolId || s.schoolId === scope.schoolId);
  });
};

/** Published protocols of a stage for everyone, masked line by line (publication/public-results.ts). */
export const publicResults = (d: ContestsDeps, stageId: string) => publicResultsOf(d.tables, stageId);

/** The works a juror scores: by code, tasks with their own scores, third checks that wait for them. */
export const myJuryWorks = async (d: ContestsDeps, req: RequestContext, stageId?: string | null) => {
  const jurorId = access.jurorIdOf(req.user);
  if (!jurorId) return [];
  const stages = (await d.tables.stages.find({ jurorIds: jurorId, ...(stageId ? { _id: stageId } : {}) })).filter((s) => s.status === 'SCHEDULED');
  const works = [];
  for (const stage of stages) {
    for (const g of stage.groups) {
      const rules = rulesOf(stage, g.groupId);
      const { state } = await loadPartition(d, stage, g.groupId);
      if (state.status !== 'SCORING') continue;
      const thirds = thirdCheckJurors(state, rules, juryOf(stage));
      const codes = new Set([
        ...state.assignment.assignments.filter((a) => a.jurorIds.includes(jurorId)).map((a) => a.code),
        ...[...thirds.entries()].filter(([, j]) => j === jurorId).map(([k]) => k.split('|')[0]!),
      ]);
      for (const code of [...codes].sort()) {
        works.push({
          partitionId: `${stage._id}~${g.groupId}`,
          stageId: stage._id,
          groupId: g.groupId,
          code,
          tasks: rules.tasks.map((t) => {
            const marks = state.marks.filter((m) => m.code === code && m.taskId === t.taskId);
            const mine = [...marks].reverse().find((m) => m.jurorId === jurorId);
            const third =
              thirds.get(`${code}|${t.taskId}`) === jurorId && taskResult(t, marks, rules.scoringMode, rules.agreeingFinal).status === 'AWAITING_THIRD';
            return { taskId: t.taskId, maxPoints: t.maxPoints, myScore: mine?.score ?? null, thirdCheck: third };
          }),
        });
      }
    }
  }
  return works;
};

/** The stages whose jury lists the caller, with their place on it. */
export const myJuryDuties = async (d: ContestsDeps, req: RequestContext) => {
  const jurorId = access.jurorIdOf(req.user);
  if (!jurorId) return [];
  const stages = await d.tables.stages.find({ jurorIds: jurorId }, { sort: { startsOn: 1, _id: 1 } });
  return stages.map((s) => {
    const me = s.jury.find((j) => j.jurorId === jurorId)!;
    return { stage: stageView(s), chair: me.chair, appealCommission: me.appealCommission || me.chair };
  });
};

/** Appeals on published protocols of the stages where the caller sits on the appeal commission (or chairs the jury). */
export const myJuryAppeals = async (d: ContestsDeps, req: RequestContext, stageId?: string | null) => {
  const jurorId = access.jurorIdOf(req.user);
  if (!jurorId) return [];
  const stages = (await d.tables.stages.find({ jurorIds: jurorId, ...(stageId ? { _id: stageId } : {}) })).filter((s) =>
    s.jury.some((j) => j.jurorId === jurorId && (j.appealCommission || j.chair)),
  );
  const out = [];
  for (const stage of stages) {
    for (const p of await d.tables.partitions.find({ stageId: stage._id, status: { $ne: 'SCORING' } }, { sort: { groupId: 1 } })) {
      if (!p.appeals.length) continue;
      const rules = rulesOf(stage, p.groupId);
      const { state } = await loadPartition(d, stage, p.groupId);
      for (const a of state.appeals) {
        out.push({
          partitionId: p._id,
          stageId: stage._id,
          groupId: p.groupId,
          protocolStatus: state.status,
          appeal: { ...a, id: a.appealId, decided: a.status === 'DECIDED' },
          maxPoints: rules.tasks.find((t) => t.taskId === a.taskId)?.maxPoints ?? 0,
          currentScore: currentFinal(state, rules, a.code, a.taskId),
        });
      }
    }
  }
  return out;
};
