import { Collection } from 'mongodb';
import { CommitDocument, StoredCommit } from '../event-store/commit';
import { LaneDocument } from '../event-store/outbox-lanes';
import type { LaneState } from './lane-state';
import type { RelayLogger } from './relay-options';

export const streamKey = (c: Pick<CommitDocument, 'tenantId' | 'streamId'>) => `${c.tenantId}|${c.streamId}`;

const MAX_REMEMBERED_STREAMS = 200_000;

/**
 * Per-stream order across lanes: a commit goes only once its stream's previous commit is out
 * (sent by this relay, or stored at or below a checkpoint, or in a lane already forgotten).
 */
export class StreamOrder {
  /** Last version of each stream this relay has sent (bounded: forgetting only costs a lookup). */
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly commits: Collection<StoredCommit>,
    private readonly lanes: Collection<LaneDocument>,
    /** The registry as this round read it, and this relay's lanes. */
    private readonly laneDocs: () => Map<string, LaneDocument>,
    private readonly laneStates: () => Map<string, LaneState>,
    private readonly logger?: RelayLogger,
  ) {}

  sentUpTo(k: string): number | undefined {
    return this.sent.get(k);
  }

  remember(k: string, version: number): void {
    if (this.sent.size >= MAX_REMEMBERED_STREAMS && !this.sent.has(k)) this.sent.clear();
    this.sent.set(k, Math.max(version, this.sent.get(k) ?? 0));
  }

  /** Whether `c` may go now: its stream's previous commit is out (or queued before it in this batch). */
  async mayGo(c: CommitDocument, queuedUpTo: number | undefined): Promise<boolean> {
    if (c.expectedVersion === 0) return true;
    if (queuedUpTo !== undefined && c.expectedVersion <= queuedUpTo) return true;
    const sent = this.sent.get(streamKey(c));
    // At or below what was sent: the predecessor is out (a redelivery is harmless).
    if (sent !== undefined && c.expectedVersion <= sent) return true;
    return this.predecessorPublished(c);
  }

  /**
   * Looks the stream's previous commit up and tells whether it is out. A commit is only
   * stored after its predecessor (the writer read it), so the predecessor exists unless a
   * writer skipped a version: then the stream is held back rather than sent out of order.
   */
  async predecessorPublished(c: CommitDocument): Promise<boolean> {
    const p = await this.commits.findOne({ tenantId: c.tenantId, streamId: c.streamId, lastVersion: c.expectedVersion });
    if (!p) {
      this.logger?.warn('relay holds a stream back: a version before its oldest unpublished commit is not stored', {
        tenantId: c.tenantId,
        streamId: c.streamId,
        expectedVersion: c.expectedVersion,
      });
      return false;
    }
    const sent = this.sent.get(streamKey(p));
    if (sent !== undefined && sent >= p.lastVersion) return true;
    if (p.lane === undefined) return p.published === true;
    // A lane opened after this round's registry read may hold it: read its entry then.
    const lane = this.laneDocs().get(p.lane) ?? (await this.lanes.findOne({ _id: p.lane })) ?? undefined;
    if (!lane) return true; // forgotten: every slot of it was out
    const st = this.laneStates().get(p.lane);
    return p.seq! <= Math.max(lane.published, st?.cp ?? 0) || (st?.sentAbove.has(p.seq!) ?? false);
  }
}
