/**
 * A point in one stream: the version a command's commit brought it to. A client that made a
 * change holds its position and may ask a later query to wait until the read models have it.
 */
export interface StreamPosition {
  streamId: string;
  version: number;
}

/** How many streams each projection remembers: the most recently applied ones. */
export const DEFAULT_REMEMBERED_STREAMS = 100_000;

/**
 * Read-your-writes inside one service process: which stream versions each of its projections
 * (those fed by the service's own internal topic) has applied. A position is reached when
 * every registered projection has applied that version of the stream or a later one.
 *
 * In memory on purpose: recording costs a map write per event, nothing on the database.
 * What it cannot know is said by a bounded wait, never by a wrong answer: a stream applied
 * before this process started, forgotten past the limit, parked as a dead letter or consumed
 * by another instance of the service reads as "not yet", and the query waits until its bound
 * and answers with what the read model has.
 */
export class AppliedPositions {
  private readonly applied = new Map<string, Map<string, number>>();
  private readonly waiters = new Set<{ positions: readonly StreamPosition[]; done: () => void }>();

  constructor(private readonly remembered = DEFAULT_REMEMBERED_STREAMS) {}

  /** A projection whose applied events count (every one registered must have applied a position). */
  register(projection: string) {
    if (!this.applied.has(projection)) this.applied.set(projection, new Map());
  }

  get projections(): string[] {
    return [...this.applied.keys()];
  }

  /** After a projection applied these events (a batch, or one). */
  record(projection: string, events: readonly { streamId: string; streamVersion: number }[]) {
    const seen = this.applied.get(projection);
    if (!seen || events.length === 0) return;
    for (const e of events) {
      const had = seen.get(e.streamId);
      if (had !== undefined && had >= e.streamVersion) continue;
      // Re-inserted so the map's order is the order of last use: the oldest go first.
      seen.delete(e.streamId);
      seen.set(e.streamId, e.streamVersion);
    }
    while (seen.size > this.remembered) seen.delete(seen.keys().next().value!);
    for (const w of this.waiters) if (this.reachedAll(w.positions)) w.done();
  }

  reached(p: StreamPosition): boolean {
    if (this.applied.size === 0) return true;
    for (const seen of this.applied.values()) if ((seen.get(p.streamId) ?? 0) < p.version) return false;
    return true;
  }

  reachedAll(positions: readonly StreamPosition[]): boolean {
    return positions.every((p) => this.reached(p));
  }

  /**
   * Resolves true once every position is reached, false when `timeoutMs` passed or `signal`
   * aborted first (the caller then reads what there is). A position waited out is taken as
   * reached from then on: one bounded wait per position and process, not one per query (after
   * a restart, a client's positions from before it would otherwise cost every query its bound).
   */
  waitFor(positions: readonly StreamPosition[], timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.reachedAll(positions)) return Promise.resolve(true);
    if (timeoutMs <= 0 || signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const finish = (reached: boolean) => {
        this.waiters.delete(waiter);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(reached);
      };
      const waiter = { positions, done: () => finish(true) };
      const onAbort = () => finish(false);
      const timer = setTimeout(() => {
        finish(false);
        const taken = positions.map((p) => ({ streamId: p.streamId, streamVersion: p.version }));
        for (const projection of this.applied.keys()) this.record(projection, taken);
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** Queries waiting now (a gauge for operators). */
  get waiting(): number {
    return this.waiters.size;
  }
}

/**
 * The wire form of positions (@mms/auth's POSITIONS_HEADER and AFTER_HEADER): comma-separated
 * `<service>~<stream id, base64url>~<version>`. Opaque to clients; a service reads only its own.
 */
/** At most this many positions are taken from one header (the rest are ignored). */
export const MAX_POSITIONS = 32;

export const encodePosition = (service: string, p: StreamPosition): string =>
  `${service}~${Buffer.from(p.streamId, 'utf8').toString('base64url')}~${p.version}`;

/** The positions of `service` in a header value; malformed entries are skipped (a client's typo never fails its query). */
export const decodePositions = (service: string, header: string | undefined | null): StreamPosition[] => {
  if (!header || header.length > 16_384) return [];
  const out: StreamPosition[] = [];
  for (const entry of header.split(',')) {
    const [who, id, v] = entry.trim().split('~');
    if (who !== service || !id || !v || !/^[A-Za-z0-9_-]{1,512}$/.test(id) || !/^\d{1,9}$/.test(v)) continue;
    const version = Number(v);
    if (version < 1) continue;
    out.push({ streamId: Buffer.from(id, 'base64url').toString('utf8'), version });
    if (out.length >= MAX_POSITIONS) break;
  }
  return out;
};
