import { LanePages } from './lane-pages';

/** What this relay remembers of a lane (all of it may be lost: the registry has what counts). */
export interface LaneState {
  /** Checkpoint as far as this relay knows (the registry's may be behind when its update failed). */
  cp: number;
  /** Slots above the checkpoint already sent (a stream held back below them stops the checkpoint). */
  sentAbove: Set<number>;
  /** When each missing slot with later slots present was first seen. */
  gapSince: Map<number, number>;
  /** Last time the lane moved (or this relay first saw it). */
  movedAt: number;
  pagesAhead: number;
  /** When this relay last read the lane's pages (probing reads single slots). */
  pagesReadAt: number;
  /** Pages read ahead or kept while behind. */
  pages: LanePages;
  /** The checkpoint write in flight: the next round goes on meanwhile (it is progress only, see `settle`). */
  checkpoint?: Promise<void>;
}
