import { OffsetCommits, TopicOffset } from './offset-commits';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OffsetCommits (handled offsets committed together)', () => {
  const recorder = () => {
    const commits: TopicOffset[][] = [];
    return { commits, commit: async (o: TopicOffset[]) => void commits.push(o) };
  };

  it('commits the next offset to read, one per partition, at the latest after the interval', async () => {
    const r = recorder();
    const c = new OffsetCommits(r.commit, () => undefined, 50);
    await c.handled('t', 0, '4', 1);
    await c.handled('t', 0, '5', 1);
    await c.handled('t', 1, '9', 1);
    expect(r.commits).toEqual([]);
    await sleep(80);
    expect(r.commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '6' },
        { topic: 't', partition: 1, offset: '10' },
      ],
    ]);
  });

  it('commits at once after enough messages, and whatever is pending when flushed', async () => {
    const r = recorder();
    const c = new OffsetCommits(r.commit, () => undefined, 10_000, 3);
    await c.handled('t', 0, '1', 2);
    expect(r.commits).toHaveLength(0);
    await c.handled('t', 0, '2', 1);
    expect(r.commits).toEqual([[{ topic: 't', partition: 0, offset: '3' }]]);
    await c.handled('t', 0, '3', 1);
    await c.flush();
    expect(r.commits.at(-1)).toEqual([{ topic: 't', partition: 0, offset: '4' }]);
    await c.flush(); // nothing pending: nothing sent
    expect(r.commits).toHaveLength(2);
  });

  it('one commit at a time, in order; a failed one is reported and the next still goes', async () => {
    const order: string[] = [];
    let fail = true;
    const errors: unknown[] = [];
    const c = new OffsetCommits(
      async (o) => {
        order.push(`start ${o[0]!.offset}`);
        await sleep(20);
        order.push(`end ${o[0]!.offset}`);
        if (fail) {
          fail = false;
          throw new Error('rebalance in progress');
        }
      },
      (e) => errors.push(e),
      10_000,
    );
    await c.handled('t', 0, '1', 1);
    const first = c.flush();
    await c.handled('t', 0, '2', 1);
    const second = c.flush();
    await expect(first).rejects.toThrow('rebalance in progress');
    await second;
    expect(order).toEqual(['start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('drop forgets what is pending (a relaunched consumer reads it again)', async () => {
    const r = recorder();
    const c = new OffsetCommits(r.commit, () => undefined, 30);
    await c.handled('t', 0, '7', 1);
    c.drop();
    await sleep(50);
    await c.flush();
    expect(r.commits).toEqual([]);
  });
});
