import { Collection, MongoServerError } from 'mongodb';
import { placeholder, StoredCommit } from '../event-store/commit';
import { LANE_WINDOW, LaneDocument } from '../event-store/outbox-lanes';
import type { LaneState } from './lane-state';
import type { RelayLogger, RelayStep } from './relay-options';

/** What closing a gap and fencing a lane need of the relay. */
export interface LaneEndings {
  commits: Collection<StoredCommit>;
  lanes: Collection<LaneDocument>;
  gapMs: number;
  logger?: RelayLogger | undefined;
  fault: (step: RelayStep) => Promise<void>;
  /** Waits for the lane's checkpoint write in flight (see `fence`). */
  checkpointed: (st: LaneState) => Promise<void>;
}

const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === 11000;

/**
 * Slot `gap` is missing while later ones are there: an insert still on its way, or one
 * that will never come (its writer died). After `gapMs` a placeholder decides: if it
 * lands, no commit can take the slot any more; if the commit landed first, the
 * placeholder is refused and the commit is read next round.
 */
export const closeGap = async (x: LaneEndings, lane: LaneDocument, st: LaneState, gap: number): Promise<void> => {
  const since = st.gapSince.get(gap);
  if (since === undefined) {
    st.gapSince.set(gap, Date.now());
    return;
  }
  if (Date.now() - since < x.gapMs) return;
  try {
    await x.commits.insertOne(placeholder(lane._id, gap, 'gap'));
    x.logger?.warn('relay closed a gap in a lane (its commit never came)', { lane: lane._id, seq: gap });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  await x.fault('gap-closed');
  st.gapSince.delete(gap);
};

/**
 * A lane that has not moved for `silentLaneMs` and was never closed: its writer died (or
 * stalls). Placeholders on the LANE_WINDOW slots after the last one seen leave no slot
 * its inserts could still land in (the writer never runs that far ahead of a missing
 * slot); if one is refused, a commit came after all and the lane lives on.
 */
export const fence = async (x: LaneEndings, lane: LaneDocument, st: LaneState, end: number): Promise<void> => {
  // Not beside the checkpoint write: FerretDB applies two updates of one document at once by
  // rewriting it whole, so one can undo the other, and a lost `fenced` would let `forget`
  // delete the placeholders a late insert of the writer must still meet.
  await x.checkpointed(st);
  // Marked first: a fenced lane's placeholders are never deleted.
  await x.lanes.updateOne({ _id: lane._id }, { $set: { fenced: true } });
  await x.fault('fence-marked');
  const slots = Array.from({ length: LANE_WINDOW }, (_, i) => placeholder(lane._id, end + 1 + i, 'fence'));
  try {
    await x.commits.insertMany(slots, { ordered: false });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    st.movedAt = Date.now(); // something landed: the lane lives
    return;
  }
  await x.fault('fenced');
  await x.lanes.updateOne({ _id: lane._id }, { $max: { last: end + LANE_WINDOW } });
  x.logger?.warn('relay fenced a silent lane', { lane: lane._id, after: end });
};
