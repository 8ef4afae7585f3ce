import { AppliedPositions, decodePositions, encodePosition } from './applied-positions';

const ev = (streamId: string, streamVersion: number) => ({ streamId, streamVersion });

describe('applied positions (read-your-writes in a service)', () => {
  it('a position is reached when every registered projection applied that version or a later one', () => {
    const p = new AppliedPositions();
    p.register('catalogue');
    p.register('development');
    p.record('catalogue', [ev('s1', 1), ev('s1', 2)]);
    expect(p.reached({ streamId: 's1', version: 2 })).toBe(false);
    p.record('development', [ev('s1', 3)]);
    expect(p.reached({ streamId: 's1', version: 2 })).toBe(true);
    expect(p.reached({ streamId: 's1', version: 3 })).toBe(false);
    // A redelivered older event does not move a stream back.
    p.record('catalogue', [ev('s1', 3), ev('s1', 1)]);
    expect(p.reached({ streamId: 's1', version: 3 })).toBe(true);
    expect(p.reached({ streamId: 'other', version: 1 })).toBe(false);
  });

  it('a waiting query is released by the batch that reaches it, or at its bound, or when its request is cancelled', async () => {
    const p = new AppliedPositions();
    p.register('rm');
    const released = p.waitFor([{ streamId: 's1', version: 2 }], 5_000);
    expect(p.waiting).toBe(1);
    p.record('rm', [ev('s1', 1)]);
    expect(p.waiting).toBe(1);
    p.record('rm', [ev('s1', 2)]);
    await expect(released).resolves.toBe(true);
    expect(p.waiting).toBe(0);

    const t0 = Date.now();
    await expect(p.waitFor([{ streamId: 's2', version: 1 }], 50)).resolves.toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    // Waited out once: the next query does not wait for it again.
    await expect(p.waitFor([{ streamId: 's2', version: 1 }], 5_000)).resolves.toBe(true);

    const abort = new AbortController();
    const cancelled = p.waitFor([{ streamId: 's3', version: 1 }], 5_000, abort.signal);
    abort.abort();
    await expect(cancelled).resolves.toBe(false);
    expect(p.waiting).toBe(0);
    expect(p.reached({ streamId: 's3', version: 1 })).toBe(false);
    await expect(p.waitFor([{ streamId: 's1', version: 2 }], 0)).resolves.toBe(true);
  });

  it('remembers only the most recently applied streams', () => {
    const p = new AppliedPositions(2);
    p.register('rm');
    p.record('rm', [ev('a', 1), ev('b', 1)]);
    p.record('rm', [ev('a', 2)]); // a used last: b is the oldest
    p.record('rm', [ev('c', 1)]);
    expect([p.reached({ streamId: 'a', version: 2 }), p.reached({ streamId: 'b', version: 1 }), p.reached({ streamId: 'c', version: 1 })]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('the wire form: a service reads only its own positions; malformed entries are skipped, at most 32 taken', () => {
    const mine = encodePosition('contests', { streamId: 'partition:st-1/9', version: 7 });
    const theirs = encodePosition('directory', { streamId: 'educator-1', version: 2 });
    expect(decodePositions('contests', `${theirs}, ${mine},contests~!!~3,contests~YQ~0,contests~YQ~x`)).toEqual([{ streamId: 'partition:st-1/9', version: 7 }]);
    expect(decodePositions('contests', undefined)).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => encodePosition('contests', { streamId: `s${i}`, version: 1 })).join(',');
    expect(decodePositions('contests', many)).toHaveLength(32);
  });
});
