import { EventEnvelope } from './envelope';

/** One decision as a person reads it: who, when, what, and why. */
export interface HistoryEntry {
  /** ISO timestamp of the event. */
  at: string;
  actor: { subject: string; role: string };
  /** The stored event type, for tooling. */
  eventType: string;
  /** The event in words (Russian, for the portal). */
  what: string;
  /** Fields the event set, as text; personal data only while it is not erased. */
  changes: { field: string; value: string | null }[];
  /** The reason the command carried, if any. */
  reason: string | null;
  streamVersion: number;
}

/** Personal data inside an event (duck-typed so the core needs no vault). */
const isSealed = (v: unknown): v is { subjectId: string; sealed: string } =>
  !!v && typeof v === 'object' && typeof (v as { sealed?: unknown }).sealed === 'string' && typeof (v as { subjectId?: unknown }).subjectId === 'string';

export interface HistoryOptions {
  /** Event type → words. Types not listed are shown by their type name. */
  describe: Record<string, string>;
  /** Only the events about this entity (several entities share a stream: enrolments in a cohort). */
  filter?: (event: EventEnvelope) => boolean;
  /** Fields never shown (ids the entity already is, internal bookkeeping). */
  hiddenFields?: string[];
  /** Opens sealed personal data; null once erased. Without it sealed fields show as null. */
  open?: (sealed: { subjectId: string; sealed: string }) => Promise<unknown>;
}

const REASON_FIELDS = ['reason', 'closingReason'];

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** Flattens opened personal data into its own fields (`personal.fullName` → `fullName`). */
const flatten = async (data: Record<string, unknown>, opts: HistoryOptions, hidden: Set<string>) => {
  const changes: { field: string; value: string | null }[] = [];
  for (const [field, value] of Object.entries(data)) {
    if (hidden.has(field) || REASON_FIELDS.includes(field)) continue;
    // `changes: { name, kind }` (an update that records only what changed): each is a field of its own.
    if (field === 'changes' && value && typeof value === 'object' && !Array.isArray(value)) {
      changes.push(...(await flatten(value as Record<string, unknown>, opts, hidden)));
      continue;
    }
    if (isSealed(value)) {
      const opened = opts.open ? await opts.open(value) : null;
      if (opened && typeof opened === 'object') {
        for (const [k, v] of Object.entries(opened as Record<string, unknown>)) changes.push({ field: k, value: text(v) });
      } else {
        changes.push({ field, value: null });
      }
      continue;
    }
    changes.push({ field, value: text(value) });
  }
  return changes;
};

/** The history of an entity from its stream's events, oldest first. */
export const historyOf = async (events: EventEnvelope[], opts: HistoryOptions): Promise<HistoryEntry[]> => {
  const hidden = new Set(opts.hiddenFields ?? []);
  const out: HistoryEntry[] = [];
  for (const e of events) {
    if (opts.filter && !opts.filter(e)) continue;
    const data = (e.data && typeof e.data === 'object' ? e.data : {}) as Record<string, unknown>;
    const reason = REASON_FIELDS.map((f) => data[f]).find((v) => typeof v === 'string') as string | undefined;
    out.push({
      at: e.occurredAt,
      actor: { subject: e.actor.subject, role: e.actor.role },
      eventType: e.type,
      what: opts.describe[e.type] ?? e.type,
      changes: await flatten(data, opts, hidden),
      reason: reason ?? null,
      streamVersion: e.streamVersion,
    });
  }
  return out;
};
