import { Decider, DomainEvent, notFound, refuse } from '@mms/eventsourcing/core';
import type { StageLabel } from '../entries/entries.decider';
import { assignWorks, Assignment, Juror, WorkAssignment } from './assignment';
import { markKey, marksByTask, mergeMarks, markProblem, roundOf } from './marks';
import { computeProtocol, overrideKey, Overrides, PartitionRules, PartitionWork, ProtocolRow } from './protocol';
import { round2, ScoreMark, taskResult } from './scoring';
import { designateThirdChecks, ThirdCheck } from './third-checks';

export { markProblem, marksByTask };

export type ProtocolStatus = 'SCORING' | 'PRELIMINARY' | 'FINAL';
export type AppealKind = 'TECHNICAL_ERROR' | 'DISAGREEMENT';
export type AppealDecision = 'KEEP' | 'RAISE' | 'LOWER';

export interface Appeal {
  appealId: string;
  code: string;
  taskId: string;
  kind: AppealKind;
  statement: string;
  filedAt: string;
  status: 'FILED' | 'DECIDED';
  decision?: AppealDecision;
  from?: number;
  to?: number;
  reason?: string;
  decidedBy?: string;
}

export interface PartitionState {
  stageId?: string;
  groupId?: string;
  works: Record<string, PartitionWork>;
  assignment: Assignment;
  marks: ScoreMark[];
  /** Who makes each third check (`<code>|<taskId>` → juror), fixed when the marks call for it. */
  thirdChecks: Record<string, string>;
  batches: string[];
  overrides: Overrides;
  disqualified: Record<string, string>;
  appeals: Appeal[];
  status: ProtocolStatus;
  version: number;
  appealsUntil: string | null;
  /** The protocol as last published (PRELIMINARY or FINAL). */
  published: ProtocolRow[];
}

type Id = { stageId: string; groupId: string };
export type PartitionEvent =
  | DomainEvent<'WorksAssigned', Id & { works: PartitionWork[]; assignments: WorkAssignment[]; unassigned: Assignment['unassigned'] }>
  | DomainEvent<'ScoresRecorded', Id & { batchId: string; works: PartitionWork[]; marks: ScoreMark[]; thirdChecks?: ThirdCheck[] }>
  | DomainEvent<'ProtocolPublished', Id & { version: number; appealsUntil: string; maxScore: number; rows: ProtocolRow[] }>
  | DomainEvent<'AppealFiled', Id & Omit<Appeal, 'status' | 'decision' | 'from' | 'to' | 'reason' | 'decidedBy'>>
  | DomainEvent<
      'AppealDecided',
      Id & { appealId: string; code: string; taskId: string; decision: AppealDecision; from: number; to: number; reason: string; decidedBy: string }
    >
  | DomainEvent<'WorkDisqualified', Id & { code: string; reason: string }>
  | DomainEvent<'ProtocolRevised', Id & { version: number; cause: string; maxScore: number; rows: ProtocolRow[] }>
  | DomainEvent<'ProtocolApproved', Id & { version: number; stage: StageLabel; maxScore: number; rows: ProtocolRow[] }>;

type Ids = { stageId: string; groupId: string };
export type PartitionCommand =
  | ({ type: 'AssignWorks'; works: PartitionWork[]; jury: Juror[]; perWork: 1 | 2 } & Ids)
  | ({ type: 'RecordScores'; batchId: string; rules: PartitionRules; jury: Juror[]; works: PartitionWork[]; marks: Omit<ScoreMark, 'round'>[] } & Ids)
  | ({ type: 'PublishPreliminary'; rules: PartitionRules; appealsUntil: string } & Ids)
  | ({ type: 'FileAppeal'; appealId: string; code: string; taskId: string; kind: AppealKind; statement: string; now: string } & Ids)
  | ({ type: 'DecideAppeal'; appealId: string; decision: AppealDecision; score: number | null; reason: string; decidedBy: string; rules: PartitionRules } & Ids)
  | ({ type: 'DisqualifyWork'; code: string; reason: string; rules: PartitionRules } & Ids)
  | ({ type: 'ApproveFinal'; rules: PartitionRules; stage: StageLabel; now: string } & Ids);

export const initialPartition = (): PartitionState => ({
  works: {},
  assignment: { assignments: [], load: {}, unassigned: [] },
  marks: [],
  thirdChecks: {},
  batches: [],
  overrides: {},
  disqualified: {},
  appeals: [],
  status: 'SCORING',
  version: 0,
  appealsUntil: null,
  published: [],
});

const withWorks = (s: PartitionState, works: PartitionWork[]) =>
  works.length ? { ...s.works, ...Object.fromEntries(works.map((w) => [w.code, w])) } : s.works;

/** The current protocol of the partition (every work ranked), as its rules make it. */
export const protocolOf = (s: PartitionState, rules: PartitionRules) =>
  computeProtocol(rules, Object.values(s.works), s.marks, s.overrides, new Set(Object.keys(s.disqualified)));

/** A task's final right now (an appeal decision overrides the jurors'). */
export const currentFinal = (s: PartitionState, rules: PartitionRules, code: string, taskId: string): number | null => {
  const o = s.overrides[overrideKey(code, taskId)];
  if (o !== undefined) return o;
  const rule = rules.tasks.find((t) => t.taskId === taskId);
  if (!rule) return null;
  return taskResult(
    rule,
    s.marks.filter((m) => m.code === code && m.taskId === taskId),
    rules.scoringMode,
    rules.agreeingFinal,
  ).final;
};

const sameMark = (a: ScoreMark, b: ScoreMark) => a.score === b.score;

const requireStatus = (s: PartitionState, status: ProtocolStatus, code: string, message: string) => {
  if (s.status !== status) refuse(code, message);
};

export const partitionDecider: Decider<PartitionState, PartitionCommand, PartitionEvent> = {
  streamType: 'partition',
  initialState: initialPartition,
  evolve: (s, e) => {
    const base = { ...s, stageId: e.data.stageId, groupId: e.data.groupId };
    switch (e.type) {
      case 'WorksAssigned':
        return {
          ...base,
          works: withWorks(s, e.data.works),
          assignment: {
            assignments: [...s.assignment.assignments, ...e.data.assignments],
            load: loadOf([...s.assignment.assignments, ...e.data.assignments]),
            unassigned: e.data.unassigned,
          },
        };
      case 'ScoresRecorded':
        return {
          ...base,
          works: withWorks(s, e.data.works),
          marks: mergeMarks(s.marks, e.data.marks),
          thirdChecks: e.data.thirdChecks?.length
            ? { ...s.thirdChecks, ...Object.fromEntries(e.data.thirdChecks.map((t) => [`${t.code}|${t.taskId}`, t.jurorId])) }
            : s.thirdChecks,
          batches: [...s.batches, e.data.batchId],
        };
      case 'ProtocolPublished':
        return { ...base, status: 'PRELIMINARY', version: e.data.version, appealsUntil: e.data.appealsUntil, published: e.data.rows };
      case 'AppealFiled': {
        const { stageId: _s, groupId: _g, ...appeal } = e.data;
        return { ...base, appeals: [...s.appeals, { ...appeal, status: 'FILED' }] };
      }
      case 'AppealDecided': {
        const { appealId, code, taskId, decision, from, to, reason, decidedBy } = e.data;
        return {
          ...base,
          overrides: decision === 'KEEP' ? s.overrides : { ...s.overrides, [overrideKey(code, taskId)]: to },
          appeals: s.appeals.map((a) => (a.appealId === appealId ? { ...a, status: 'DECIDED', decision, from, to, reason, decidedBy } : a)),
        };
      }
      case 'WorkDisqualified':
        return { ...base, disqualified: { ...s.disqualified, [e.data.code]: e.data.reason } };
      case 'ProtocolRevised':
        return { ...base, version: e.data.version, published: e.data.rows };
      case 'ProtocolApproved':
        return { ...base, status: 'FINAL', version: e.data.version, published: e.data.rows };
    }
  },
  decide: (c, s) => {
    const ids = { stageId: c.stageId, groupId: c.groupId };
    switch (c.type) {
      case 'AssignWorks': {
        if (s.status === 'FINAL') refuse('PROTOCOL_FINAL', 'the protocol is final');
        const fresh = c.works.filter((w) => !s.assignment.assignments.some((a) => a.code === w.code));
        if (!fresh.length && !s.assignment.unassigned.length) return [];
        const next = assignWorks(
          c.works.map((w) => ({ code: w.code, schoolId: w.schoolId })),
          c.jury,
          c.perWork,
          s.assignment,
        );
        const known = new Set(s.assignment.assignments.map((a) => a.code));
        const assignments = next.assignments.filter((a) => !known.has(a.code));
        if (!assignments.length && JSON.stringify(next.unassigned) === JSON.stringify(s.assignment.unassigned)) return [];
        const works = c.works.filter((w) => !s.works[w.code]);
        return [{ type: 'WorksAssigned', data: { ...ids, works, assignments, unassigned: next.unassigned } }];
      }
      case 'RecordScores': {
        if (s.batches.includes(c.batchId)) return [];
        requireStatus(s, 'SCORING', 'SCORES_LOCKED', 'the preliminary protocol is published: scores change only by appeal');
        const works = new Map(c.works.map((w) => [w.code, w]));
        const index = marksByTask(s.marks);
        const marks: ScoreMark[] = [];
        for (const m of c.marks) {
          const work = s.works[m.code] ?? works.get(m.code);
          if (!work) return refuse('UNKNOWN_CODE', `code ${m.code} is not a participant of this grade group`, { field: 'code' });
          const k = `${m.code}|${m.taskId}`;
          const taskMarks = index.get(k) ?? [];
          const problem = markProblem(taskMarks, c.rules, c.jury, work, m);
          if (problem) refuse(problem.code, `${m.code} ${m.taskId}: ${problem.message}`, { field: 'score' });
          const mark: ScoreMark = { ...m, round: roundOf(taskMarks, c.rules, m) };
          const before = taskMarks.find((x) => markKey(x) === markKey(mark));
          if (before && sameMark(before, mark)) continue; // the same score again (a re-run of a file): nothing new
          marks.push(mark);
          index.set(k, [...taskMarks.filter((x) => markKey(x) !== markKey(mark)), mark]);
        }
        if (!marks.length) return [];
        const newWorks = [...new Set(marks.map((m) => m.code))].filter((code) => !s.works[code]).map((code) => works.get(code)!);
        const event: PartitionEvent = { type: 'ScoresRecorded', data: { ...ids, batchId: c.batchId, works: newWorks, marks } };
        // The third checks these marks call for get their juror now, so the designation never moves.
        const thirdChecks = designateThirdChecks(partitionDecider.evolve(s, event), c.rules, c.jury);
        return [thirdChecks.length ? { ...event, data: { ...event.data, thirdChecks } } : event];
      }
      case 'PublishPreliminary': {
        if (s.status !== 'SCORING') return [];
        const p = protocolOf(s, c.rules);
        if (p.incomplete.length)
          refuse('SCORING_INCOMPLETE', `${p.incomplete.length} work(s) still wait for scores (e.g. ${p.incomplete.slice(0, 3).join(', ')})`);
        if (!p.rows.length) refuse('NO_SCORES', 'nothing is scored in this grade group yet');
        return [{ type: 'ProtocolPublished', data: { ...ids, version: s.version + 1, appealsUntil: c.appealsUntil, maxScore: p.maxScore, rows: p.rows } }];
      }
      case 'FileAppeal': {
        const repeat = s.appeals.find((a) => a.appealId === c.appealId);
        if (repeat) {
          if (repeat.code === c.code && repeat.taskId === c.taskId && repeat.kind === c.kind) return [];
          return refuse('APPEAL_EXISTS', `appeal ${c.appealId} exists with other data`);
        }
        requireStatus(s, 'PRELIMINARY', 'APPEALS_CLOSED', 'appeals are heard on a published preliminary protocol only');
        if (c.now > s.appealsUntil!) refuse('APPEALS_CLOSED', `appeals closed at ${s.appealsUntil}`);
        if (!s.published.some((r) => r.code === c.code)) notFound(`participant ${c.code} in this protocol`, 'studentId');
        if (!s.published.length || !s.works[c.code]) notFound('work', 'studentId');
        if (s.appeals.some((a) => a.code === c.code && a.taskId === c.taskId && a.status === 'FILED'))
          refuse('APPEAL_PENDING', 'an appeal on this task is already waiting for the commission', { field: 'taskId' });
        if (!c.statement.trim()) refuse('STATEMENT_REQUIRED', 'an appeal says what is disputed', { field: 'statement' });
        return [
          {
            type: 'AppealFiled',
            data: { ...ids, appealId: c.appealId, code: c.code, taskId: c.taskId, kind: c.kind, statement: c.statement.trim(), filedAt: c.now },
          },
        ];
      }
      case 'DecideAppeal':
        return decideAppeal(c, s);
      case 'DisqualifyWork': {
        if (s.disqualified[c.code]) return [];
        if (s.status === 'FINAL') refuse('PROTOCOL_FINAL', 'the final protocol is immutable');
        if (!s.works[c.code]) notFound(`work ${c.code}`, 'code');
        if (!c.reason.trim()) refuse('REASON_REQUIRED', 'a disqualification needs a reason', { field: 'reason' });
        const events: PartitionEvent[] = [{ type: 'WorkDisqualified', data: { ...ids, code: c.code, reason: c.reason.trim() } }];
        return s.status === 'PRELIMINARY' ? [...events, revised(c.rules, s, events, `disqualified ${c.code}`)] : events;
      }
      case 'ApproveFinal': {
        if (s.status === 'FINAL') return [];
        requireStatus(s, 'PRELIMINARY', 'NOT_PUBLISHED', 'publish the preliminary protocol first');
        if (c.now <= s.appealsUntil!) refuse('APPEALS_OPEN', `appeals are open until ${s.appealsUntil}`);
        const pending = s.appeals.filter((a) => a.status === 'FILED').length;
        if (pending) refuse('APPEALS_PENDING', `${pending} appeal(s) still wait for the commission`);
        const p = protocolOf(s, c.rules);
        return [{ type: 'ProtocolApproved', data: { ...ids, version: s.version + 1, stage: c.stage, maxScore: p.maxScore, rows: p.rows } }];
      }
    }
  },
};

/** The protocol after `events`, as a new version: every rank and status recomputed. */
const revised = (rules: PartitionRules, s: PartitionState, events: PartitionEvent[], cause: string): PartitionEvent => {
  const after = events.reduce(partitionDecider.evolve, s);
  const p = protocolOf(after, rules);
  return {
    type: 'ProtocolRevised',
    data: { stageId: after.stageId!, groupId: after.groupId!, version: s.version + 1, cause, maxScore: p.maxScore, rows: p.rows },
  };
};

const decideAppeal = (c: Extract<PartitionCommand, { type: 'DecideAppeal' }>, s: PartitionState): PartitionEvent[] => {
  const appeal = s.appeals.find((a) => a.appealId === c.appealId);
  if (!appeal) return notFound(`appeal ${c.appealId}`, 'appealId');
  if (appeal.status === 'DECIDED') {
    if (appeal.decision === c.decision && (c.decision === 'KEEP' || appeal.to === c.score)) return [];
    return refuse('APPEAL_DECIDED', `appeal ${c.appealId} was decided already`);
  }
  requireStatus(s, 'PRELIMINARY', 'PROTOCOL_FINAL', 'the protocol is not open to appeals');
  if (!c.reason.trim()) refuse('REASON_REQUIRED', 'an appeal decision gives its reason', { field: 'reason' });
  const from = currentFinal(s, c.rules, appeal.code, appeal.taskId) ?? 0;
  const task = c.rules.tasks.find((t) => t.taskId === appeal.taskId)!;
  let to = from;
  if (c.decision !== 'KEEP') {
    if (c.score === null || !(c.score >= 0 && c.score <= task.maxPoints) || round2(c.score) !== c.score)
      refuse('SCORE_OUT_OF_RANGE', `the new score must be 0–${task.maxPoints} with at most two decimals`, { field: 'score' });
    if (c.decision === 'RAISE' && !(c.score! > from)) refuse('NOT_A_RAISE', `a raise gives more than ${from}`, { field: 'score' });
    if (c.decision === 'LOWER' && !(c.score! < from)) refuse('NOT_A_LOWERING', `a lowering gives less than ${from}`, { field: 'score' });
    to = c.score!;
  }
  const ids = { stageId: s.stageId!, groupId: s.groupId! };
  const decided: PartitionEvent = {
    type: 'AppealDecided',
    data: {
      ...ids,
      appealId: appeal.appealId,
      code: appeal.code,
      taskId: appeal.taskId,
      decision: c.decision,
      from,
      to,
      reason: c.reason.trim(),
      decidedBy: c.decidedBy,
    },
  };
  return c.decision === 'KEEP' ? [decided] : [decided, revised(c.rules, s, [decided], `appeal ${appeal.appealId}`)];
};

const loadOf = (assignments: WorkAssignment[]) => {
  const load: Record<string, number> = {};
  for (const a of assignments) for (const j of a.jurorIds) load[j] = (load[j] ?? 0) + 1;
  return load;
};
