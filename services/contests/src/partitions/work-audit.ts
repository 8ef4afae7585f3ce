import type { EventEnvelope } from '@mms/eventsourcing/core';
import type { PartitionEvent } from './partition.decider';

export type WorkAuditAction = 'ASSIGNED' | 'THIRD_CHECK_DESIGNATED' | 'SCORED' | 'THIRD_CHECK_SCORED' | 'APPEAL_DECIDED';

/** One fact of the audit trail of blind scoring: which juror got or scored which code, when, and on whose command. */
export interface WorkAuditEntry {
  code: string;
  action: WorkAuditAction;
  /** The juror concerned; null for a score from a file without a juror column (SINGLE scoring). */
  jurorId: string | null;
  taskId: string | null;
  score: number | null;
  at: string;
  /** Who gave the command: the juror at their screen, or the organiser whose file it was. */
  by: string;
  byRole: string;
}

type Envelope = Pick<EventEnvelope, 'occurredAt' | 'actor'> & PartitionEvent;

/**
 * The partition's audit trail of blind scoring (issue 11 §3: "who saw which code, when"), from
 * its own events in order: a juror sees a code from the moment it is assigned to them or its
 * third check is designated to them. Only the events that name a juror and a code count.
 */
export const workAudit = (events: readonly Envelope[], code?: string): WorkAuditEntry[] => {
  const out: WorkAuditEntry[] = [];
  const wanted = (c: string) => code === undefined || c === code;
  for (const e of events) {
    const when = { at: e.occurredAt, by: e.actor.subject, byRole: e.actor.role };
    switch (e.type) {
      case 'WorksAssigned':
        for (const a of e.data.assignments.filter((x) => wanted(x.code)))
          for (const jurorId of a.jurorIds) out.push({ code: a.code, action: 'ASSIGNED', jurorId, taskId: null, score: null, ...when });
        break;
      case 'ScoresRecorded':
        for (const m of e.data.marks.filter((x) => wanted(x.code)))
          out.push({
            code: m.code,
            action: m.round === 'THIRD' ? 'THIRD_CHECK_SCORED' : 'SCORED',
            jurorId: m.jurorId,
            taskId: m.taskId,
            score: m.score,
            ...when,
          });
        for (const t of (e.data.thirdChecks ?? []).filter((x) => wanted(x.code)))
          out.push({ code: t.code, action: 'THIRD_CHECK_DESIGNATED', jurorId: t.jurorId, taskId: t.taskId, score: null, ...when });
        break;
      case 'AppealDecided':
        if (wanted(e.data.code))
          out.push({ code: e.data.code, action: 'APPEAL_DECIDED', jurorId: e.data.decidedBy, taskId: e.data.taskId, score: e.data.to, ...when });
        break;
      default:
        break;
    }
  }
  return out;
};
