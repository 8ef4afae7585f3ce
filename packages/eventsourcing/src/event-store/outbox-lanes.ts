import { Collection, Db } from 'mongodb';

export const LANES_COLLECTION = 'outbox_lanes';

/**
 * In-flight appends per lane: a writer takes slot n only when every slot up to n - LANE_WINDOW
 * is settled (a commit, a placeholder or a recorded void). The relay relies on it to fence
 * a silent lane: placeholders on the LANE_WINDOW slots after the last one it saw leave no
 * slot a late insert could still land in.
 */
export const LANE_WINDOW = 64;

/**
 * One writer's lane. The writer inserts it before its first commit in the lane and closes
 * it (closedAt, last) when idle; the relay keeps its checkpoint in it and deletes it once
 * everything up to `last` is published.
 */
export interface LaneDocument {
  _id: string;
  openedAt: Date;
  /** The relay's checkpoint: every slot up to this one is published, void or a placeholder. */
  published: number;
  /** Slots whose insert failed for sure (the loser of a concurrency conflict): nothing comes there. */
  voids: number[];
  /** Set by the writer: nothing of the lane is in flight and `last` is its final slot. */
  closedAt?: Date;
  /** The final slot (the writer's on close, the fence's end when the relay fenced the lane). */
  last?: number;
  /** Set by the relay before it fences a silent lane: its placeholders must stay. */
  fenced?: true;
}

export const lanesOf = (db: Db): Collection<LaneDocument> => db.collection<LaneDocument>(LANES_COLLECTION);
