import { Collection } from 'mongodb';
import type { OwnCommits } from '../relay/own-commits';
import { CommitDocument, fromStored, placeholder, StoredCommit, toStored } from './commit';
import type { LaneWriter, OpenLane } from './lane-writer';
import type { PageDigests } from './page-digests';

/** A duplicate key, from a single insert (MongoServerError) or one document of a batch (WriteError). */
export const isDuplicateKey = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

/** Outcome of an insert that failed, once the slot it took is settled. */
export type AfterFailure = 'written' | 'retry' | 'conflict' | 'failed';

/** What keeps account of a store's slots: its commits, its lane, the relay's copy, the page digests. */
export interface SlotKeepers {
  commits: Collection<StoredCommit>;
  writer: LaneWriter;
  own: OwnCommits;
  digests: PageDigests;
  /** Tests only: the writer stopped dead at this step. */
  fault(step: 'insert-failed'): Promise<void>;
}

/** A slot settled empty: by this store's placeholder (`mine`), or by someone else's. */
const settledEmpty = (k: SlotKeepers, lane: OpenLane, seq: number, mine: StoredCommit | undefined): void => {
  k.writer.settle(lane, seq);
  k.own.add(lane.id, seq, 'empty');
  if (mine) k.digests.known(lane.id, seq, mine);
  else k.digests.unknown(lane.id, seq);
};

/**
 * Settles the slot of an insert that failed and says what became of the commit.
 * Duplicate key: either the stream moved (a version conflict: the slot is recorded as
 * void) or a relay closed the slot with a placeholder (the commit did not land: take a
 * new slot in a new lane). Any other error leaves the outcome unknown: a placeholder
 * decides it (it lands → the commit never will; it is refused → look at who holds the slot).
 */
export const settleFailedInsert = async (k: SlotKeepers, lane: OpenLane, seq: number, doc: CommitDocument, err: unknown): Promise<AfterFailure> => {
  try {
    if (isDuplicateKey(err)) {
      const holder = await k.commits.findOne({ page: doc.page!, seq });
      if (holder && holder._id === doc._id) return 'written'; // a driver retry of an insert that had landed
      if (holder) {
        k.writer.abandon(lane);
        settledEmpty(k, lane, seq, undefined);
        return 'retry';
      }
      await k.fault('insert-failed');
      // The slot is free: the stream moved. A placeholder settles it for the relay. An insert,
      // not a `$push` to the lane's voids: concurrent pushes to one lane document lost entries
      // on FerretDB (each one lost stalled the relay a gap's 5 s). Refused, someone settled it first.
      const conflict = toStored(placeholder(lane.id, seq, 'conflict'));
      const mine = await k.commits.insertOne(conflict).then(
        () => conflict,
        (e: unknown) => {
          if (!isDuplicateKey(e)) throw e;
          return undefined;
        },
      );
      settledEmpty(k, lane, seq, mine);
      return 'conflict';
    }
    try {
      const unknown = toStored(placeholder(lane.id, seq, 'unknown'));
      await k.commits.insertOne(unknown);
      k.writer.abandon(lane);
      settledEmpty(k, lane, seq, unknown);
      return 'failed';
    } catch (placeholderErr) {
      if (!isDuplicateKey(placeholderErr)) throw placeholderErr;
      const holder = await k.commits.findOne({ page: doc.page!, seq });
      if (holder && holder._id === doc._id && fromStored(holder).events[0]?.eventId === doc.events[0]?.eventId) return 'written';
      k.writer.abandon(lane);
      if (holder) k.writer.settle(lane, seq);
      k.digests.unknown(lane.id, seq);
      return 'failed';
    }
  } catch (settling) {
    if (k.writer.halted) throw settling;
    // The slot's fate is unknown to us: never close the lane; the relay fences it.
    k.writer.breakLane(lane);
    k.own.lost(lane.id);
    k.digests.unknown(lane.id, seq);
    return isDuplicateKey(err) ? 'conflict' : 'failed';
  }
};
