import { Collection } from 'mongodb';
import { inParallel } from '../core/in-parallel';
import { CommitDocument, fromStored, OUTBOX_PAGE, outboxPage, StoredCommit } from '../event-store/commit';
import { digestCommits, PageDigestDocument } from '../event-store/page-digests';
import { Gate, PageReader } from './lane-pages';

/** Fields of a commit the relay does not use: fewer to encode and send for every commit read. */
const PAGE_FIELDS_UNUSED = { committedAt: 0, request: 0, streamType: 0, lane: 0, page: 0 } as const;
/** Page reads in flight at once, read-ahead included: FerretDB serves about as many at once as it has cores. */
const PAGE_READS = 4;
/** Sent pages whose digests are deleted even while the relay is busy. */
const MAX_SENT_PAGES = 1024;

/**
 * Where the relay reads a lane's pages from (README, relay step 2, "Page digests"): a full page
 * as its writer's digest when there is one (one document, not 64), else its commits; and the
 * digests of pages sent, deleted once the relay has caught up.
 */
export class PageSource {
  private readonly reads = new Gate(PAGE_READS);
  /** Pages sent whose digests (if any) are still to delete. */
  private readonly sent: string[] = [];

  constructor(
    private readonly commits: Collection<StoredCommit>,
    private readonly digests: Collection<PageDigestDocument>,
  ) {}

  /** Reads the pages of one lane, at most PAGE_READS at once over all lanes. */
  readonly read: PageReader = (page, above) =>
    this.reads.run(async (): Promise<CommitDocument[]> => {
      const digest = await this.digests.findOne({ _id: page });
      if (digest) return digestCommits(digest);
      return this.commits
        .find(above === undefined ? { page } : { page, seq: { $gt: above } }, { projection: PAGE_FIELDS_UNUSED })
        .map(fromStored)
        .toArray();
    });

  /** The lane's checkpoint moved from `cp` to `settled`: the pages it passed are sent. */
  passed(lane: string, cp: number, settled: number): void {
    const [from, to] = [cp, settled].map((s) => Math.floor((s + 1) / OUTBOX_PAGE)) as [number, number];
    for (let n = from; n < to; n++) this.sent.push(outboxPage(lane, n * OUTBOX_PAGE));
  }

  /**
   * Deletes the digests of pages sent when a round found nothing to send (`idle`) or once many
   * are waiting, not while a backlog is being read: the deletes took FerretDB's time from the
   * reads. By `_id`, one each: a range on the page number would be applied by FerretDB itself,
   * after decoding every digest of the lane.
   */
  async tidy(idle: boolean): Promise<void> {
    if (!this.sent.length || (!idle && this.sent.length < MAX_SENT_PAGES)) return;
    const pages = this.sent.splice(0);
    await inParallel(pages, 4, (page) => this.digests.deleteOne({ _id: page })).catch(() => undefined);
  }

  /** A lane forgotten: what is left of its digests. */
  async forget(lane: string): Promise<void> {
    await this.digests.deleteMany({ lane });
  }
}
