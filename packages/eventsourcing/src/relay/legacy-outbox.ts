import { Collection } from 'mongodb';
import { CommitDocument, fromStored, StoredCommit } from '../event-store/commit';
import { inParallel } from '../core/in-parallel';
import type { RelayLogger, RelayStep } from './relay-options';

interface LegacyOptions {
  batchSize: number;
  logger?: RelayLogger;
  /** Whether the stream's previous commit (of either protocol) is out. */
  mayFollow: (c: CommitDocument) => Promise<boolean>;
  sentUpTo: (streamKey: string) => number | undefined;
  send: (commits: CommitDocument[]) => Promise<number>;
  remember: (streamKey: string, version: number) => void;
  fault: (step: RelayStep) => Promise<void>;
  onPublished?: (events: number, commits: number) => void;
}

/**
 * Commits written before the lanes (`published: false`): drained the old way, marked one by
 * one. Nothing writes them any more once every writer runs the lane protocol, so this is a
 * migration path: slow (a mark per commit) but only ever as long as the old backlog.
 */
export class LegacyOutbox {
  constructor(
    private readonly commits: Collection<StoredCommit>,
    private readonly o: LegacyOptions,
  ) {}

  /** One batch: select, order per stream, send, then mark. `found`: old commits seen at all. */
  async publishBatch(): Promise<{ events: number; found: number }> {
    // No server-side sort: FerretDB cannot push a sort down and would decode the whole
    // backlog to sort it. Order comes from stream versions below, not from the query.
    const batch = await this.commits.find({ published: false }, { limit: this.o.batchSize }).map(fromStored).toArray();
    if (batch.length === 0) return { events: 0, found: 0 };

    // Per stream, commits in version order; streams by their first commit time.
    const byStream = new Map<string, CommitDocument[]>();
    for (const c of batch.sort((a, b) => a.committedAt.getTime() - b.committedAt.getTime())) {
      const k = key(c);
      const list = byStream.get(k) ?? [];
      list.push(c);
      byStream.set(k, list);
    }
    const ready = new Map<string, CommitDocument[]>();
    const unsure: string[] = [];
    for (const [k, list] of byStream) {
      list.sort(byVersion);
      if (this.follows(k, list[0]!) && unbroken(list).length === list.length) ready.set(k, list);
      else unsure.push(k);
    }
    // A commit whose predecessor this relay has not published itself may have one still
    // unpublished outside the batch: the query above is no snapshot of the backlog (a
    // cursor reads page by page while writers append), so look at the stream itself.
    await inParallel(unsure, 8, async (k) => {
      const complete = await this.unpublishedOf(byStream.get(k)![0]!);
      if (complete.length) ready.set(k, complete);
    });
    const ordered: CommitDocument[] = [];
    for (const k of byStream.keys()) ordered.push(...(ready.get(k) ?? []));
    if (ordered.length === 0) return { events: 0, found: batch.length };

    const events = await this.o.send(ordered);
    for (const c of ordered) this.o.remember(key(c), c.lastVersion);
    await this.o.fault('legacy-sent');
    // Each statement is an equality on _id, which every backend serves from an index
    // (an `$in` is not pushed down by FerretDB). Chunked: FerretDB v1 keeps one pooled
    // PostgreSQL connection per statement of an update command until the command ends,
    // so one command with more statements than its pool deadlocks it.
    const publishedAt = new Date();
    for (let i = 0; i < ordered.length; i += MARK_CHUNK) {
      await this.commits.bulkWrite(
        ordered.slice(i, i + MARK_CHUNK).map((c) => ({
          updateOne: { filter: { _id: c._id, published: false }, update: { $set: { published: true, publishedAt } } },
        })),
        { ordered: false },
      );
      if (i === 0) await this.o.fault('legacy-marked-some');
    }
    this.o.onPublished?.(events, ordered.length);
    return { events, found: batch.length };
  }

  /** Whether everything before `c` is known to be sent: a stream's first commit, or the next after what was sent. */
  private follows(k: string, c: CommitDocument): boolean {
    const sent = this.o.sentUpTo(k);
    // At or below what was sent: a redelivery (a crash between send and mark), harmless.
    return c.expectedVersion === 0 || (sent !== undefined && c.expectedVersion <= sent);
  }

  /**
   * Every unpublished old commit of `c`'s stream, in order, up to the first gap; empty when
   * the first of them may not go yet. A commit is only stored after its predecessor (the
   * writer read it), so what this query sees is complete up to the newest it returns; the
   * earliest may go if nothing precedes it or its predecessor is out (an old commit already
   * marked, or a lane commit past its lane's checkpoint: a writer of the old version may
   * run beside a new one while a deployment rolls).
   */
  private async unpublishedOf(c: CommitDocument): Promise<CommitDocument[]> {
    // the tenant is checked here, not in the filter: every commit of a tenant matches it,
    // so as an index term it only costs the server work (equality-only: index-served)
    const pending = (await this.commits.find({ streamId: c.streamId, published: false }).map(fromStored).toArray())
      .filter((p) => p.tenantId === c.tenantId)
      .sort(byVersion);
    const first = pending[0];
    if (!first) return [];
    if (!this.follows(key(first), first) && !(await this.o.mayFollow(first))) return [];
    return unbroken(pending);
  }
}

const key = (c: Pick<CommitDocument, 'tenantId' | 'streamId'>) => `${c.tenantId}|${c.streamId}`;
const byVersion = (a: CommitDocument, b: CommitDocument) => a.expectedVersion - b.expectedVersion;

/** The leading commits that follow one another without a gap (each starts where the previous ended). */
const unbroken = (sorted: CommitDocument[]): CommitDocument[] => {
  let n = 1;
  while (n < sorted.length && sorted[n]!.expectedVersion === sorted[n - 1]!.lastVersion) n++;
  return sorted.slice(0, n);
};

const MARK_CHUNK = 50;
