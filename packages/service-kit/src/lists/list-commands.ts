import {
  CommandContext,
  CommandHandler,
  Decider,
  DomainEvent,
  EachResult,
  PlatformError,
  StreamInfo,
  StreamLocation,
  ValidationError,
} from '@mms/eventsourcing/core';

/** Why one entry of a list command was refused: what the single command would have answered. */
export interface EntryError {
  code: string;
  message: string;
  /** The fields at fault as `<list argument>.<index>.<field>`. */
  fields: string[];
}

/** A refused entry, by its place in the list (0-based). */
export interface ListEntryError {
  index: number;
  error: EntryError;
}

/**
 * An entry's refusal as the list answers it. `at` (`members.3.`) goes before a field a decider
 * named in its refusal (`educatorId`); input checks name the entry's fields themselves.
 */
export const entryError = (err: PlatformError, at = ''): EntryError => {
  const named = typeof err.details['field'] === 'string' ? [`${at}${err.details['field']}`] : [];
  return { code: err.code, message: err.message, fields: err instanceof ValidationError ? err.problems.map((p) => p.field) : named };
};

/** The list's size is checked before anything else: a call with no entries or too many is refused whole. */
export const checkListSize = (field: string, length: number, max: number) => {
  if (length === 0 || length > max) throw new ValidationError(`send 1 to ${max} entries per call`, [{ field, message: `has ${length} entries` }]);
};

/**
 * A list of commands on one stream (`CommandHandler.handleEach`, one commit) whose access
 * is the call's: `authorise` checks the caller against the stream's state on every attempt,
 * and a refusal there refuses the call whole (nothing appended). Each entry's own refusal by
 * the rules is answered by its index, together with `refused` (entries the caller turned away
 * before the stream: their input, an unknown educator); the others are taken. A list with
 * nothing left to take is still the caller's to make: it answers the stream as it is.
 */
export const listOnStream = async <S, C, E extends DomainEvent>(
  handler: CommandHandler,
  o: {
    decider: Decider<S, C, E>;
    streamId: string;
    where?: StreamLocation;
    ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string };
    authorise: (s: S, stream: StreamInfo) => void;
    entries: ReadonlyArray<{ index: number; command: C }>;
    /** Entries refused before the stream was read. */
    refused?: readonly ListEntryError[];
    /** The list's argument, to name an entry's field in its refusal (`members` → `members.3.educatorId`). */
    list: string;
  },
): Promise<{ state: S; tenantId: string; refused: ListEntryError[] }> => {
  const before = [...(o.refused ?? [])];
  const where = o.where ?? { tenantId: o.ctx.tenantId ?? '' };
  if (!o.entries.length) {
    const { state, version, tenantId } = await handler.load(o.decider, where, o.streamId);
    o.authorise(state, { tenantId: tenantId ?? '', streamId: o.streamId, version });
    return { state, tenantId: tenantId ?? '', refused: before };
  }
  const denied = new Set<unknown>();
  const plans = o.entries.map((e) => (s: S, stream: StreamInfo) => {
    try {
      o.authorise(s, stream);
    } catch (err) {
      denied.add(err);
      throw err;
    }
    return e.command;
  });
  const result: EachResult<S> = await handler.handleEach(o.decider, o.streamId, plans, o.ctx, where);
  const refusal = result.outcomes.find((r) => r && denied.has(r));
  if (refusal) throw refusal;
  const byRules = result.outcomes.flatMap((r, k) => {
    const index = o.entries[k]!.index;
    return r ? [{ index, error: entryError(r, `${o.list}.${index}.`) }] : [];
  });
  return { state: result.state, tenantId: result.tenantId, refused: [...before, ...byRules].sort((a, b) => a.index - b.index) };
};
