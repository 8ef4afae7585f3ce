import { Collection } from 'mongodb';
import { inParallel } from '../core/in-parallel';
import { CommitDocument, fromStored, OUTBOX_PAGE, outboxPage, StoredCommit } from '../event-store/commit';
import { LaneDocument } from '../event-store/outbox-lanes';
import type { LaneState } from './lane-state';
import type { OwnCommits } from './own-commits';
import { streamKey } from './stream-order';

/* One round of the relay on one lane: what it reads from the checkpoint (README, relay step 2) and what of it may go (step 3). */

/** Slots probed one by one when a lane is live. */
const PROBES = 4;

/** The pages a round read of a lane (to keep or read ahead after the walk). */
export interface ReadWindow {
  first: number;
  n: number;
  pages: Map<number, CommitDocument[]>;
}

/**
 * What a round of the relay reads of a lane from its checkpoint (README, relay step 2): this
 * process's own commits from memory when it has them; nothing when its own lane has nothing
 * settled past the checkpoint; pages when behind; else the next slots probed one by one, and
 * pages when the probes may not have seen everything. Voids met in memory are added to `voids`.
 */
export const readFromCheckpoint = async (
  x: { commits: Collection<StoredCommit>; own: OwnCommits; batchSize: number; pageRecheckMs: number },
  lane: LaneDocument,
  st: LaneState,
  voids: Set<number>,
  maxPages: number,
): Promise<{ read: CommitDocument[]; readWindow: ReadWindow | undefined }> => {
  const cp = st.cp;
  // Equality on the page is served from an index by every backend; a range on seq only for the
  // checkpoint's own page (FerretDB applies it itself, decoding the page's every commit).
  let readWindow: ReadWindow | undefined;
  const readPages = async () => {
    const first = Math.floor((cp + 1) / OUTBOX_PAGE);
    const n = Math.min(st.pagesAhead, maxPages);
    st.pagesReadAt = Date.now();
    readWindow = { first, n, pages: await st.pages.take(first, n, cp) };
    return [...readWindow.pages.values()].flat();
  };
  let read: CommitDocument[];
  // What this process wrote from the checkpoint on, as its writer saw it land: nothing to read.
  const own = x.own.run(lane._id, cp + 1, x.batchSize);
  if (own.length) {
    st.pages.clear();
    read = [];
    for (const x of own)
      if (x.slot === 'empty') voids.add(x.seq);
      else read.push(x.slot);
  } else if (x.own.knows(lane._id))
    read = []; // nothing of this process's lane settled past the checkpoint yet
  else if (st.pagesAhead > 2) read = await readPages();
  else {
    // Live: the next slots one by one, page and seq both equalities (served from the slot index,
    // one document decoded per hit), not whole pages that hold earlier commits, some large, sent
    // long ago. Pages are read when the probes may not have seen everything: all of them hit
    // (more may follow), a hole before a hit (a gap), or nothing found for pageRecheckMs (a
    // gap wider than the probes).
    const slots = Array.from({ length: PROBES }, (_, i) => cp + 1 + i);
    const hits = await inParallel(slots, PROBES, async (seq) => {
      const hit = await x.commits.findOne({ page: outboxPage(lane._id, seq), seq });
      return hit && fromStored(hit);
    });
    const filled = hits.map((h, i) => h !== null || voids.has(slots[i]!));
    const prefix = filled.indexOf(false) === -1 ? PROBES : filled.indexOf(false);
    const holeBeforeHit = filled.slice(prefix).some(Boolean);
    // A gap being closed is followed by pages until it is (its later slots are beyond the probes).
    const stale = prefix === 0 && (st.gapSince.size > 0 || Date.now() - st.pagesReadAt >= x.pageRecheckMs);
    read = prefix === PROBES || holeBeforeHit || stale ? await readPages() : hits.filter((h): h is CommitDocument => h !== null);
  }
  return { read, readWindow };
};

/**
 * In slot order from the checkpoint up to `end`, at most `cap` commits: a commit whose
 * predecessor is not out yet is held, with every later version of its stream, and the
 * checkpoint (`settled`) stops before it; `blocked` says something was held. (An earlier version
 * in a later slot is judged on its own: no writer does that, but order must not depend on it.)
 */
export const walkLane = async (
  bySeq: ReadonlyMap<number, CommitDocument>,
  st: LaneState,
  end: number,
  cap: number,
  mayGo: (d: CommitDocument, queuedVersion: number | undefined) => Promise<boolean>,
): Promise<{ batch: CommitDocument[]; settled: number; blocked: boolean }> => {
  const held = new Map<string, number>();
  const queued = new Map<string, number>();
  const batch: CommitDocument[] = [];
  let settled = st.cp;
  let blocked = false;
  for (let s = st.cp + 1; s <= end && batch.length < cap; s++) {
    const d = bySeq.get(s);
    let goes = !d || d.void !== undefined || st.sentAbove.has(s);
    if (!goes) {
      const k = streamKey(d!);
      const heldFrom = held.get(k);
      if ((heldFrom === undefined || d!.expectedVersion < heldFrom) && (d!.prevInLane || (await mayGo(d!, queued.get(k))))) {
        batch.push(d!);
        queued.set(k, d!.lastVersion);
        goes = true;
      } else held.set(k, Math.min(d!.expectedVersion, heldFrom ?? Infinity));
    }
    if (!goes) blocked = true;
    else if (!blocked) settled = s;
  }
  return { batch, settled, blocked };
};
