import { Collection } from 'mongodb';
import { OUTBOX_PAGE, outboxPage, placeholder, StoredCommit, toStored } from './commit';
import { digestCommits, PageDigestDocument, PageDigests } from './page-digests';

const commit = (lane: string, seq: number): StoredCommit =>
  toStored({
    _id: `m1|s${seq}|0`,
    tenantId: 'm1',
    streamType: 'thing',
    streamId: `s${seq}`,
    expectedVersion: 0,
    lastVersion: 1,
    committedAt: new Date(),
    events: [{ eventId: `e${seq}`, type: 'Happened', data: { seq } } as never],
    lane,
    seq,
    page: outboxPage(lane, seq),
    ...(seq % 2 ? { prevInLane: true as const } : {}),
  });

const setUp = (wanted: (lane: string, n: number) => boolean = () => true) => {
  const written: PageDigestDocument[] = [];
  const collection = { insertOne: async (d: PageDigestDocument) => void written.push(d) } as unknown as Collection<PageDigestDocument>;
  return { digests: new PageDigests(collection, wanted), written };
};

/** Slots `from` … `to` of `lane` settled with commits, in a shuffled order (appends land out of order). */
const fill = (d: PageDigests, lane: string, from: number, to: number, skip: number[] = []) => {
  const seqs = Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((s) => !skip.includes(s));
  seqs.sort((a, b) => ((a * 37) % 11) - ((b * 37) % 11));
  for (const s of seqs) d.known(lane, s, commit(lane, s));
};

describe('PageDigests: a page written as one document once every slot of it is known', () => {
  it('writes a page when its last slot settles, the slots in order, as the relay reads them', async () => {
    const { digests, written } = setUp();
    fill(digests, 'L', 1, OUTBOX_PAGE - 2); // page 0 (slots 1–63) one short
    expect(written).toHaveLength(0);
    digests.known('L', OUTBOX_PAGE - 1, toStored(placeholder('L', OUTBOX_PAGE - 1, 'conflict')));
    await digests.written();
    expect(written.map((w) => [w._id, w.lane, w.n])).toEqual([['L/0', 'L', 0]]);
    const commits = digestCommits(written[0]!);
    expect(commits.map((c) => c.seq)).toEqual(Array.from({ length: OUTBOX_PAGE - 1 }, (_, i) => i + 1));
    expect(commits[0]).toMatchObject({ _id: 'm1|s1|0', tenantId: 'm1', streamId: 's1', expectedVersion: 0, lastVersion: 1, prevInLane: true });
    expect(commits[0]!.events).toEqual([{ eventId: 'e1', type: 'Happened', data: { seq: 1 } }]);
    expect(commits[1]!.prevInLane).toBeUndefined();
    expect(commits.at(-1)).toMatchObject({ void: 'conflict', events: [] });
    // Page 1 holds 64 slots (64–127).
    fill(digests, 'L', OUTBOX_PAGE, 2 * OUTBOX_PAGE - 1);
    await digests.written();
    expect(written.map((w) => w._id)).toEqual(['L/0', 'L/1']);
    expect(digestCommits(written[1]!)).toHaveLength(OUTBOX_PAGE);
  });

  it('a slot settled by someone else (or with an unknown outcome) leaves its page without a digest, not the next', async () => {
    const { digests, written } = setUp();
    fill(digests, 'L', 1, 2 * OUTBOX_PAGE - 1, [40]);
    digests.unknown('L', 40);
    await digests.written();
    expect(written.map((w) => w._id)).toEqual(['L/1']);
  });

  it('writes nothing for a page its process’s relay no longer needs, and a slot seen twice counts once', async () => {
    const { digests, written } = setUp((_lane, n) => n !== 0);
    fill(digests, 'L', 1, OUTBOX_PAGE - 1);
    await digests.written();
    expect(written).toHaveLength(0);
    fill(digests, 'L', OUTBOX_PAGE, OUTBOX_PAGE + 10);
    fill(digests, 'L', OUTBOX_PAGE, OUTBOX_PAGE + 10);
    await digests.written();
    expect(written).toHaveLength(0);
    fill(digests, 'L', OUTBOX_PAGE + 11, 2 * OUTBOX_PAGE - 1);
    await digests.written();
    expect(written.map((w) => w._id)).toEqual(['L/1']);
  });

  it('keeps a bounded number of pages being filled: one left unfinished (a broken lane) is dropped, never written', async () => {
    const { digests, written } = setUp();
    fill(digests, 'broken', 1, 10);
    for (let l = 0; l < 10; l++) fill(digests, `L${l}`, 1, 5);
    fill(digests, 'broken', 11, OUTBOX_PAGE - 1);
    await digests.written();
    expect(written).toHaveLength(0);
  });
});
