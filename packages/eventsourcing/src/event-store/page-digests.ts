import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { Binary, Collection, Db } from 'mongodb';
import { CommitDocument, fromStored, OUTBOX_PAGE, outboxPage, StoredCommit } from './commit';

export const DIGESTS_COLLECTION = 'outbox_page_digests';

/** A digest is skipped beyond this size (a document holds at most 16 MiB): the relay reads the page's commits instead. */
const MAX_DIGEST_BYTES = 8 * 1024 * 1024;
const deflate = promisify(deflateRaw);
/** Pages of this store's lanes being filled at once: a lane's window spans at most two; a broken lane's last page never fills. */
const OPEN_PAGES = 8;

/**
 * A full page of a lane as one compressed value: what the relay reads of each of its slots
 * (README, "Page digests"). FerretDB decodes a document field by field, ≈ 150 µs a commit,
 * while a binary comes in one piece: a backlog read as digests is one small document per 64
 * commits (a page of one-event commits: 45 KB of JSON, 4.5 KB deflated; read in 0.6 ms
 * against 1.7 ms as text, four reads at a time).
 */
export interface PageDigestDocument {
  /** The page, `${lane}/${n}`. */
  _id: string;
  lane: string;
  n: number;
  /** The page's slots, each as the relay reads a commit (`DigestEntry`), as deflated JSON. */
  slots: Binary;
}

/** What the relay reads of a slot (its page read leaves out the rest). */
type DigestEntry = Pick<StoredCommit, '_id' | 'tenantId' | 'streamId' | 'expectedVersion' | 'lastVersion' | 'seq' | 'prevInLane' | 'void' | 'body'>;

export const digestsOf = (db: Db): Collection<PageDigestDocument> => db.collection<PageDigestDocument>(DIGESTS_COLLECTION);

/** The slots of page `n` (slot 0 is never taken: a lane's first slot is 1). */
const slotsIn = (n: number) => (n === 0 ? OUTBOX_PAGE - 1 : OUTBOX_PAGE);

/** The commits of a page as its digest holds them, shaped as the relay's page read returns them. */
export const digestCommits = (d: PageDigestDocument): CommitDocument[] =>
  (JSON.parse(inflateRawSync(d.slots.buffer).toString('utf8')) as DigestEntry[]).map((e) => fromStored({ ...e, streamType: '', committedAt: new Date(0) }));

const entryOf = (s: StoredCommit): DigestEntry => ({
  _id: s._id,
  tenantId: s.tenantId,
  streamId: s.streamId,
  expectedVersion: s.expectedVersion,
  lastVersion: s.lastVersion,
  seq: s.seq,
  ...(s.prevInLane ? { prevInLane: true } : {}),
  ...(s.void ? { void: s.void } : {}),
  body: s.body ?? '[]',
});

/**
 * The writer's side: the slots of this store's pages as they settle, and a page's digest
 * written once every slot of it is known to hold exactly what this store put there (its commit,
 * or a placeholder it inserted). A slot settled any other way (someone else's placeholder, an
 * outcome not known) leaves its page without a digest, and so does a failed digest insert: the
 * relay then reads the page's commits, as without digests. `wanted` says whether a digest can
 * still be of use (not when this process's relay is already past the page).
 */
export class PageDigests {
  private readonly open = new Map<string, { n: number; lane: string; slots: Map<number, DigestEntry> | undefined }>();
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly digests: Collection<PageDigestDocument>,
    private readonly wanted: (lane: string, n: number) => boolean,
  ) {}

  /** Slot (lane, seq) holds `stored`, written by this store. */
  known(lane: string, seq: number, stored: StoredCommit): void {
    const page = this.pageOf(lane, seq);
    if (!page.slots || page.slots.has(seq)) return;
    page.slots.set(seq, entryOf(stored));
    if (page.slots.size === slotsIn(page.n)) this.complete(outboxPage(lane, seq), page.lane, page.n, page.slots);
  }

  /** Slot (lane, seq) settled in a way this store cannot vouch for: no digest for its page. */
  unknown(lane: string, seq: number): void {
    this.pageOf(lane, seq).slots = undefined;
  }

  private pageOf(lane: string, seq: number) {
    const id = outboxPage(lane, seq);
    let page = this.open.get(id);
    if (!page) {
      if (this.open.size >= OPEN_PAGES) this.open.delete(this.open.keys().next().value!);
      page = { n: Math.floor(seq / OUTBOX_PAGE), lane, slots: new Map() };
      this.open.set(id, page);
    }
    return page;
  }

  private complete(id: string, lane: string, n: number, slots: Map<number, DigestEntry>): void {
    this.open.delete(id);
    if (!this.wanted(lane, n)) return;
    const text = JSON.stringify([...slots.values()].sort((a, b) => a.seq! - b.seq!));
    // Only ever saves the relay a read: a lost digest costs it the page's commits.
    const write = deflate(text, { level: 1 })
      .then(async (z) => {
        if (z.length <= MAX_DIGEST_BYTES) await this.digests.insertOne({ _id: id, lane, n, slots: new Binary(z) });
      })
      .catch(() => undefined)
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  /** Once the digests on their way are written (or failed). */
  async written(): Promise<void> {
    await Promise.all([...this.writing]);
  }
}
