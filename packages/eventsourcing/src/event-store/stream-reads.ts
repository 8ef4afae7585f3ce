import { Collection } from 'mongodb';
import { EventEnvelope, LocatedStream, ReadOptions, ReadStreamResult } from '../core';
import { CommitDocument, commitId, fromStored, keyedCommits, StoredCommit } from './commit';
import { StreamCache } from './stream-cache';

/** The cache key of a stream located by its id alone (its tenant is the one its latest commit is in). */
const locatedKey = (streamId: string) => `*|${streamId}`;

/**
 * How a store reads a stream for a command: by tenant (`readStream`) or by its id alone
 * (`locateStream`: the tenant its latest commit is in), the streams it read or wrote kept in
 * memory (`StreamCache`) and what followed them read by the next commit's `_id` (README,
 * "Reading a stream for a command"). A commit is never changed or removed, so what is cached
 * stays true; only its end may be behind.
 */
export class StreamReads {
  /** Streams whose memory an append found stale: the next read looks for what followed (bounded: forgetting only costs a refused append). */
  private readonly stale = new Set<string>();

  constructor(
    private readonly commits: Collection<StoredCommit>,
    private readonly cache: StreamCache | undefined,
    private readonly upcast: (e: EventEnvelope) => EventEnvelope,
    /** Told the lane and last version of every stream read (the writer's `prevInLane`). */
    private readonly remember: (tenantId: string, streamId: string, lane: string | undefined, lastVersion: number) => void,
  ) {}

  async readStream(tenantId: string, streamId: string, opts: ReadOptions = {}): Promise<ReadStreamResult> {
    const cached = opts.cached && !this.stale.delete(`${tenantId}|${streamId}`) ? this.cache?.get(`${tenantId}|${streamId}`) : undefined;
    if (cached) {
      const last = cached.commits[cached.commits.length - 1]!;
      this.remember(tenantId, streamId, last.lane, last.lastVersion);
      return { ...this.resultOf(cached.commits), fromCache: true };
    }
    const commits = await this.streamCommits(tenantId, streamId);
    const events: EventEnvelope[] = [];
    for (const c of commits) for (const e of c.events) events.push(this.upcast(e));
    const keyed = keyedCommits(commits);
    const last = commits[commits.length - 1];
    if (last) this.remember(tenantId, streamId, last.lane, last.lastVersion);
    return { events, version: last ? last.lastVersion : 0, ...(keyed ? { keyed } : {}) };
  }

  /**
   * A stream's commits: from the cache and what followed it (read by the next commit's `_id`,
   * an equality every backend serves from its index: nothing decoded when nothing followed),
   * else all of them. A commit is never changed or removed, so what is cached stays true.
   */
  private async streamCommits(tenantId: string, streamId: string): Promise<CommitDocument[]> {
    const key = `${tenantId}|${streamId}`;
    const cached = this.cache?.get(key);
    if (cached) {
      const found = await this.followed(tenantId, streamId, cached.commits);
      if (found) {
        if (found.length > cached.commits.length) this.cache!.set(key, found);
        return found;
      }
      // Far behind (another process wrote much): read it whole.
    }
    const commits = await this.commits
      .find({ tenantId, streamId }, { sort: { expectedVersion: 1 } })
      .map(fromStored)
      .toArray();
    if (commits.length) this.cache?.set(key, commits);
    return commits;
  }

  async locateStream(streamId: string, opts: { fixed?: boolean } & ReadOptions = {}): Promise<LocatedStream> {
    const cached = opts.cached && !this.stale.delete(locatedKey(streamId)) ? await this.locatedCached(streamId, opts.fixed === true) : undefined;
    if (cached) {
      const last = cached[cached.length - 1]!;
      this.remember(last.tenantId, streamId, last.lane, last.lastVersion);
      return { ...this.resultOf(cached), tenantId: last.tenantId, fromCache: true };
    }
    const commits = (await this.locatedCommits(streamId, opts.fixed === true)) ?? (await this.readLocated(streamId));
    if (commits.length === 0) return { events: [], version: 0, tenantId: null };
    const events: EventEnvelope[] = [];
    for (const c of commits) for (const e of c.events) events.push(this.upcast(e));
    const keyed = keyedCommits(commits);
    const last = commits[commits.length - 1]!;
    this.remember(last.tenantId, streamId, last.lane, last.lastVersion);
    return { events, version: last.lastVersion, tenantId: last.tenantId, ...(keyed ? { keyed } : {}) };
  }

  /**
   * A located stream this store read or wrote before: its cached commits and what followed them
   * in the same tenant (the next commit's `_id`, as `streamCommits` follows), provided the stream
   * still begins in one tenant only: a first commit in another one (an educator transferred on,
   * whose record continues there) sends the stream to be read whole. Both are equalities served
   * from indexes. Without this every command on a cohort, an event or a community decoded its
   * whole stream (a cohort's hundreds of enrolment events: most of professional development's
   * database time in the region benchmark). A `fixed` stream is not checked for a move.
   */
  private async locatedCommits(streamId: string, fixed: boolean): Promise<CommitDocument[] | undefined> {
    const cached = this.cache?.get(locatedKey(streamId));
    if (!cached) return undefined;
    const commits = [...cached.commits];
    const tenantId = commits[0]!.tenantId;
    const [firsts, found] = await Promise.all([
      fixed ? [{ tenantId }] : this.commits.find({ streamId, expectedVersion: 0 }, { projection: { tenantId: 1 } }).toArray(),
      this.followed(tenantId, streamId, commits),
    ]);
    if (firsts.length !== 1 || firsts[0]!.tenantId !== tenantId || !found) return undefined;
    if (found.length > commits.length) this.cache!.set(locatedKey(streamId), found);
    return found;
  }

  /**
   * A located stream as cached, for a caller that appends on it (`cached`): only a stream that
   * may move is checked for a first commit in another tenant (an append would not notice that).
   */
  private async locatedCached(streamId: string, fixed: boolean): Promise<CommitDocument[] | undefined> {
    const cached = this.cache?.get(locatedKey(streamId));
    if (!cached) return undefined;
    const tenantId = cached.commits[0]!.tenantId;
    if (fixed) return cached.commits;
    const firsts = await this.commits.find({ streamId, expectedVersion: 0 }, { projection: { tenantId: 1 } }).toArray();
    return firsts.length === 1 && firsts[0]!.tenantId === tenantId ? cached.commits : undefined;
  }

  /** What a read answers: the events (upcast), the version, the keyed commits. */
  private resultOf(commits: readonly CommitDocument[]): ReadStreamResult {
    const events: EventEnvelope[] = [];
    for (const c of commits) for (const e of c.events) events.push(this.upcast(e));
    const keyed = keyedCommits([...commits]);
    return { events, version: commits.length ? commits[commits.length - 1]!.lastVersion : 0, ...(keyed ? { keyed } : {}) };
  }

  /** The commits after `commits` in the same tenant (up to 8 more), or undefined when more followed. */
  private async followed(tenantId: string, streamId: string, commits: CommitDocument[]): Promise<CommitDocument[] | undefined> {
    const out = [...commits];
    for (let follow = 0; follow < 8; follow++) {
      const next = await this.commits.findOne({ _id: commitId(tenantId, streamId, out[out.length - 1]!.lastVersion) });
      if (!next) return out;
      out.push(fromStored(next));
    }
    return undefined;
  }

  /** Every commit of the stream, in every tenant: a stream that moved (an educator transferred on) continues where its latest commit is. */
  private async readLocated(streamId: string): Promise<CommitDocument[]> {
    const commits = await this.commits
      .find({ streamId }, { sort: { expectedVersion: 1 } })
      .map(fromStored)
      .toArray();
    if (commits.length === 0) return [];
    let holder = commits[0]!;
    for (const c of commits) if (c.committedAt.getTime() > holder.committedAt.getTime()) holder = c;
    const own = commits.filter((c) => c.tenantId === holder.tenantId);
    this.cache?.set(locatedKey(streamId), own);
    return own;
  }

  /**
   * A stream that moved on without this store: its memory is no answer by itself any more; the
   * next read asks what followed it (a few point reads, not the whole stream again).
   */
  moved(doc: CommitDocument): void {
    if (this.stale.size >= 10_000) this.stale.clear();
    this.stale.add(`${doc.tenantId}|${doc.streamId}`);
    this.stale.add(locatedKey(doc.streamId));
  }

  /**
   * After a commit of this store landed: the cached stream grows by it; a stream it began
   * (version 0 landed, so nothing was before it in this tenant) is that commit; another one it
   * never read stays uncached.
   */
  wrote(doc: CommitDocument): void {
    const key = `${doc.tenantId}|${doc.streamId}`;
    const cached = this.cache?.get(key);
    if (cached && cached.commits[cached.commits.length - 1]!.lastVersion === doc.expectedVersion) this.cache!.set(key, [...cached.commits, doc]);
    else if (doc.expectedVersion === 0) this.cache?.set(key, [doc]);
    else this.cache?.drop(key);
    const located = this.cache?.get(locatedKey(doc.streamId));
    const tail = located?.commits[located.commits.length - 1];
    // Still a true prefix when commits of another process came between: the next read follows them.
    if (tail && tail.tenantId === doc.tenantId && tail.lastVersion === doc.expectedVersion)
      this.cache!.set(locatedKey(doc.streamId), [...located!.commits, doc]);
    else if (tail && tail.tenantId !== doc.tenantId) this.cache!.drop(locatedKey(doc.streamId));
  }
}
