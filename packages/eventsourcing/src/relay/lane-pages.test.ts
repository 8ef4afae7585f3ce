import type { CommitDocument } from '../event-store/commit';
import { Gate, LanePages } from './lane-pages';

const commit = (seq: number) => ({ _id: `c${seq}`, seq }) as unknown as CommitDocument;
/** Slots 1 … `filled` of lane L exist; every read is recorded as "page>above". */
const lane = (filled: number) => {
  const reads: string[] = [];
  let upTo = filled;
  const read = async (page: string, above: number | undefined) => {
    reads.push(`${page.split('/')[1]}>${above ?? '-'}`);
    const n = Number(page.split('/')[1]);
    const out: CommitDocument[] = [];
    for (let s = Math.max(1, n * 64); s < n * 64 + 64 && s <= upTo; s++) if (above === undefined || s > above) out.push(commit(s));
    return out;
  };
  return { reads, read, fill: (n: number) => (upTo = n) };
};
const seqs = (pages: Map<number, CommitDocument[]>) => [...pages.values()].flat().map((d) => d.seq);

describe('LanePages (a lane read page by page while the relay is behind)', () => {
  it('reads the checkpoint’s page above it, the pages wholly above it by equality alone', async () => {
    const l = lane(300);
    const pages = await new LanePages('L', l.read).take(1, 3, 70);
    expect(l.reads).toEqual(['1>70', '2>-', '3>-']);
    expect(seqs(pages)[0]).toBe(71);
    expect(seqs(pages)).toHaveLength(255 - 70);
  });

  it('reads ahead once and does not read a page taken from there again', async () => {
    const l = lane(1000);
    const p = new LanePages('L', l.read);
    await p.take(0, 2, 0);
    p.readAhead(2, 2);
    expect(l.reads).toEqual(['0>0', '1>-', '2>-', '3>-']);
    const next = await p.take(2, 3, 127);
    expect(l.reads).toEqual(['0>0', '1>-', '2>-', '3>-', '4>-']);
    expect(seqs(next)).toEqual(Array.from({ length: 192 }, (_, i) => 128 + i));
  });

  it('keeps a page whose every slot was there and not all sent; never one read while it filled', async () => {
    const l = lane(150); // page 2 (128 … 191) half filled
    const p = new LanePages('L', l.read);
    const first = await p.take(0, 3, 0);
    // The batch ended at 100: page 1 was complete and is kept; page 2 was filling and is not.
    p.keep(first, 150, 100);
    l.fill(191);
    const again = await p.take(1, 2, 100);
    expect(l.reads.slice(3)).toEqual(['2>-']);
    expect(seqs(again)).toEqual(Array.from({ length: 91 }, (_, i) => 101 + i));
  });

  it('a page wholly sent is not kept; pages below the checkpoint are dropped', async () => {
    const l = lane(400);
    const p = new LanePages('L', l.read);
    const pages = await p.take(0, 2, 0);
    p.keep(pages, 127, 127);
    await p.take(1, 1, 100); // (a relay restarted at an older checkpoint)
    expect(l.reads.at(-1)).toBe('1>100');
    p.readAhead(2, 1);
    await p.take(3, 1, 200); // another relay moved the checkpoint past page 2
    expect(l.reads.slice(3)).toEqual(['2>-', '3>200']);
    await p.take(2, 1, 127);
    expect(l.reads.slice(5)).toEqual(['2>-']);
  });

  it('a read ahead that failed is read again by the round that needs it', async () => {
    let fail = true;
    const l = lane(200);
    const p = new LanePages('L', async (page, above) => {
      if (fail && page === 'L/2') throw new Error('server gone');
      return l.read(page, above);
    });
    p.readAhead(2, 1);
    await new Promise((r) => setImmediate(r));
    fail = false;
    expect(seqs(await p.take(2, 1, 127))).toHaveLength(64);
  });
});

describe('Gate', () => {
  it('runs at most its limit at once, the rest in order', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gate.run(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
