import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { ForbiddenError, invalid, PlatformError } from '@mms/eventsourcing/core';
import { actorContext, checked, EntryError, entryError, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import { partitionIdParts, streams } from '../contests.streams';
import { codedWorks } from '../entries/coded-works';
import { loadStage } from '../entries/entries.handlers';
import type { StageRow } from '../stages/stage.rows';
import type { Juror } from './assignment';
import { appealDeadline } from './appeal-deadline';
import { normalizeCode } from '../entries/code-format';
import { PartitionCommand, partitionDecider, PartitionState } from './partition.decider';
import { partitionRowId } from './partition.rows';
import type { PartitionRules } from './protocol';
import { partitionAfter, PartitionView } from './partition.views';
import { thirdCheckJurors } from './third-checks';

/** A grade group's rules as its stage says. */
export const rulesOf = (stage: StageRow, groupId: string): PartitionRules => {
  const group = stage.groups.find((g) => g.groupId === groupId);
  if (!group) return invalid('partitionId', `stage ${stage._id} has no grade group ${groupId}`);
  return { tasks: group.tasks, scoringMode: stage.settings.scoringMode, agreeingFinal: stage.settings.agreeingFinal, quotas: stage.settings.quotas };
};

export const juryOf = (stage: StageRow): Juror[] => stage.jury.map((j) => ({ jurorId: j.jurorId, organizationId: j.organizationId }));

export const loadPartition = (d: ContestsDeps, stage: StageRow, groupId: string) =>
  d.commands.load(partitionDecider, stage.tenantId, streams.partition(stage._id, groupId));

const onPartition = async (
  d: ContestsDeps,
  req: RequestContext,
  stage: StageRow,
  groupId: string,
  user: ReturnType<typeof requireUser>,
  command: PartitionCommand | ((s: PartitionState) => PartitionCommand),
): Promise<PartitionView> => {
  const { state } = await d.commands.handle(partitionDecider, streams.partition(stage._id, groupId), command, {
    tenantId: stage.tenantId,
    ...actorContext(req, user),
  });
  return partitionAfter(stage, groupId, state);
};

/** Every grade group's coded works to the jury: new works only, never a juror of the work's school. */
export const assignWorks = async (d: ContestsDeps, req: RequestContext, stageId: string): Promise<PartitionView[]> => {
  checked('assignment', (c) => c.id('stageId', stageId));
  const stage = await loadStage(d, stageId);
  const user = access.organiser(req.user, stage.tenantId, 'assign works to the jury');
  if (!stage.jury.length) return invalid('stageId', 'appoint the jury first');
  const jury = juryOf(stage);
  const perWork = stage.settings.scoringMode === 'DOUBLE' ? 2 : 1;
  const views: PartitionView[] = [];
  const coded = await codedWorks(d, stageId);
  for (const g of stage.groups) {
    const works = coded.get(g.groupId) ?? [];
    if (!works.length) continue;
    views.push(await onPartition(d, req, stage, g.groupId, user, { type: 'AssignWorks', stageId, groupId: g.groupId, works, jury, perWork }));
  }
  return views;
};

/** Finds the stage and grade group of a code among the stages whose jury lists the caller. */
const jurorWork = async (d: ContestsDeps, req: RequestContext, code: string) => {
  const jurorId = access.jurorIdOf(req.user);
  if (!jurorId) throw new ForbiddenError('only a juror enters scores');
  const stages = await d.tables.stages.find({ jurorIds: jurorId });
  const entry = stages.length ? (await d.tables.entries.find({ stageId: { $in: stages.map((s) => s._id) }, code }))[0] : undefined;
  if (!entry) return invalid('code', 'is not a work of a stage whose jury lists you');
  return { jurorId, stage: await loadStage(d, entry.stageId), groupId: entry.groupId };
};

/**
 * A juror's score of one task of one work: only of a work assigned to them, or a task whose
 * third check is theirs (both re-checked on the partition's fresh state); the points and
 * conflicts are the decider's. A new score of the same task replaces the juror's earlier one.
 */
export const recordScore = async (d: ContestsDeps, req: RequestContext, typed: { code: string; taskId: string; score: number }) => {
  const input = { ...typed, code: normalizeCode(typed.code ?? '') };
  checked('score', (c) => {
    c.pattern('code', input.code, /^[A-Za-z0-9-]{3,40}$/, 'is not a participant code');
    c.id('taskId', input.taskId);
    c.number('score', input.score, 0, 1000);
  });
  const { jurorId, stage, groupId } = await jurorWork(d, req, input.code);
  const { user } = access.jurorOn(req.user, stage.jury, 'score works');
  const rules = rulesOf(stage, groupId);
  const jury = juryOf(stage);
  const view = await onPartition(d, req, stage, groupId, user, (s) => {
    const assigned = s.assignment.assignments.find((a) => a.code === input.code)?.jurorIds.includes(jurorId);
    const third = thirdCheckJurors(s, rules, jury).get(`${input.code}|${input.taskId}`) === jurorId;
    if (!assigned && !third) throw new ForbiddenError('this work is not assigned to you');
    return {
      type: 'RecordScores',
      stageId: stage._id,
      groupId,
      batchId: newEntityId(req, 'score'),
      rules,
      jury,
      works: [],
      marks: [{ code: input.code, taskId: input.taskId, jurorId, score: input.score }],
    };
  });
  return { view, stage, groupId, jurorId };
};

const organiserPartition = async (d: ContestsDeps, req: RequestContext, partitionId: string, what: string) => {
  const { stageId, groupId } = partitionIdParts(partitionId);
  const stage = await loadStage(d, stageId, 'partitionId');
  const user = access.organiser(req.user, stage.tenantId, what);
  return { stage, groupId, user, rules: rulesOf(stage, groupId) };
};

/** A grade group's preliminary protocol published today: appeals run to the stage's deadline from now. */
const publishCommand = (d: ContestsDeps, stage: StageRow, groupId: string): PartitionCommand => ({
  type: 'PublishPreliminary',
  stageId: stage._id,
  groupId,
  rules: rulesOf(stage, groupId),
  appealsUntil: appealDeadline(d.clock.today(), stage.settings.appealDays, d.clock.timeZone),
});

export const publishPreliminary = async (d: ContestsDeps, req: RequestContext, partitionId: string) => {
  const { stage, groupId, user } = await organiserPartition(d, req, partitionId, 'publish the protocol');
  return onPartition(d, req, stage, groupId, user, publishCommand(d, stage, groupId));
};

/** A grade group the stage-wide publication could not publish, and why (what the single command would have answered). */
export interface PartitionRefusal {
  partitionId: string;
  groupId: string;
  error: EntryError;
}

/**
 * Every grade group's preliminary protocol of the stage in one call (the organiser's "publish
 * all" once the scores are in): the groups with coded works, each decided as
 * `publishPreliminary` decides it, appended together. A group still waiting for scores is
 * refused with its reason and the others are published; one published before stays as it is.
 */
export const publishStagePreliminary = async (
  d: ContestsDeps,
  req: RequestContext,
  stageId: string,
): Promise<{ partitions: PartitionView[]; refused: PartitionRefusal[] }> => {
  checked('publication', (c) => c.id('stageId', stageId));
  const stage = await loadStage(d, stageId);
  const user = access.organiser(req.user, stage.tenantId, 'publish the protocols');
  const coded = await codedWorks(d, stageId);
  const groups = stage.groups.filter((g) => coded.get(g.groupId)?.length).map((g) => g.groupId);
  const results = await d.commands.handleMany(
    partitionDecider,
    groups.map((groupId) => ({ streamId: streams.partition(stage._id, groupId), command: publishCommand(d, stage, groupId) })),
    { tenantId: stage.tenantId, ...actorContext(req, user) },
  );
  const partitions: PartitionView[] = [];
  const refused: PartitionRefusal[] = [];
  results.forEach((r, k) => {
    const groupId = groups[k]!;
    if (!(r instanceof Error)) return void partitions.push(partitionAfter(stage, groupId, r.state));
    if (!(r instanceof PlatformError)) throw r;
    refused.push({ partitionId: partitionRowId(stage._id, groupId), groupId, error: entryError(r) });
  });
  return { partitions, refused };
};

export const disqualifyWork = async (d: ContestsDeps, req: RequestContext, input: { partitionId: string; code: string; reason: string }) => {
  const { stage, groupId, user, rules } = await organiserPartition(d, req, input.partitionId, 'disqualify works');
  const reason = checked('disqualification', (c) => c.text('reason', input.reason, { max: 2000, required: true, multiline: true })!);
  return onPartition(d, req, stage, groupId, user, { type: 'DisqualifyWork', stageId: stage._id, groupId, code: input.code, reason, rules });
};

export const approveFinal = async (d: ContestsDeps, req: RequestContext, partitionId: string) => {
  const { stage, groupId, user, rules } = await organiserPartition(d, req, partitionId, 'approve the final protocol');
  return onPartition(d, req, stage, groupId, user, {
    type: 'ApproveFinal',
    stageId: stage._id,
    groupId,
    rules,
    stage: { academicYear: stage.academicYear, subject: stage.subject, level: stage.level },
    now: d.clock.now().toISOString(),
  });
};

/** The coordinator files an appeal for their school's participant (by the student; the code stays hidden from the commission's list until decided). */
export const fileAppeal = async (
  d: ContestsDeps,
  req: RequestContext,
  input: { stageId: string; studentId: string; taskId: string; kind: 'TECHNICAL_ERROR' | 'DISAGREEMENT'; statement: string },
) => {
  const statement = checked('appeal', (c) => {
    c.id('stageId', input.stageId);
    c.id('studentId', input.studentId);
    c.id('taskId', input.taskId);
    return c.text('statement', input.statement, { max: 4000, required: true, multiline: true })!;
  });
  const entry = await d.tables.entries.get(`${input.stageId}~${input.studentId}`);
  if (!entry || !entry.code) return invalid('studentId', 'is not a participant of this stage');
  const user = access.schoolCoordinator(
    req.user,
    { municipalityId: entry.municipalityId, organizationId: entry.schoolId },
    'file appeals for this participant',
  );
  const stage = await loadStage(d, input.stageId);
  return onPartition(d, req, stage, entry.groupId, user, {
    type: 'FileAppeal',
    stageId: stage._id,
    groupId: entry.groupId,
    appealId: newEntityId(req, 'appeal'),
    code: entry.code,
    taskId: input.taskId,
    kind: input.kind,
    statement,
    now: d.clock.now().toISOString(),
  });
};

export const decideAppeal = async (
  d: ContestsDeps,
  req: RequestContext,
  input: { partitionId: string; appealId: string; decision: 'KEEP' | 'RAISE' | 'LOWER'; score?: number | null; reason: string },
) => {
  const { stageId, groupId } = partitionIdParts(input.partitionId);
  const reason = checked('decision', (c) => {
    c.id('appealId', input.appealId);
    if (input.score != null) c.number('score', input.score, 0, 1000);
    return c.text('reason', input.reason, { max: 4000, required: true, multiline: true })!;
  });
  const stage = await loadStage(d, stageId, 'partitionId');
  const { user, member } = access.appealCommission(req.user, stage.jury);
  return onPartition(d, req, stage, groupId, user, {
    type: 'DecideAppeal',
    stageId,
    groupId,
    appealId: input.appealId,
    decision: input.decision,
    score: input.score ?? null,
    reason,
    decidedBy: member.jurorId,
    rules: rulesOf(stage, groupId),
  });
};

export { partitionRowId };
