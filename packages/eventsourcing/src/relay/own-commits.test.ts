import type { CommitDocument } from '../event-store/commit';
import { OwnCommits } from './own-commits';

const commit = (seq: number) => ({ _id: `c${seq}`, seq }) as unknown as CommitDocument;

describe('OwnCommits (the live path from an append to the relay)', () => {
  it('keeps nothing until a relay of this process holds the lease, and drops everything when it stops', () => {
    const own = new OwnCommits();
    own.add('L', 1, commit(1));
    expect(own.run('L', 1, 10)).toEqual([]);
    own.enable(true);
    own.add('L', 1, commit(1));
    expect(own.run('L', 1, 10)).toHaveLength(1);
    own.enable(false);
    expect(own.run('L', 1, 10)).toEqual([]);
    expect(own.size).toBe(0);
  });

  it('answers the unbroken run from a slot: a hole ends it, an empty slot is part of it', () => {
    const own = new OwnCommits();
    own.enable(true);
    for (const s of [1, 2, 4]) own.add('L', s, commit(s));
    own.add('L', 3, 'empty');
    own.add('L', 6, commit(6));
    expect(own.run('L', 1, 10).map((x) => x.seq)).toEqual([1, 2, 3, 4]);
    expect(own.run('L', 1, 2).map((x) => x.seq)).toEqual([1, 2]);
    expect(own.run('L', 5, 10)).toEqual([]);
    expect(own.run('other', 1, 10)).toEqual([]);
  });

  it('forgets what the checkpoint passed, and holds no more than its bound', () => {
    const own = new OwnCommits(250);
    own.enable(true);
    for (const s of [1, 2, 3]) own.add('L', s, commit(s), 100);
    expect(own.run('L', 1, 10).map((x) => x.seq)).toEqual([1, 2]); // the third did not fit
    own.forget('L', 1);
    own.add('L', 3, commit(3), 100);
    expect(own.run('L', 2, 10).map((x) => x.seq)).toEqual([2, 3]);
    own.forget('L', Infinity);
    expect(own.size).toBe(0);
  });

  it('knows a lane whole only if it was opened while on and lost nothing since', () => {
    const own = new OwnCommits(150);
    own.opened('before');
    own.enable(true);
    expect(own.knows('before')).toBe(false);
    own.opened('L');
    own.add('L', 1, commit(1), 100);
    expect(own.knows('L')).toBe(true);
    own.add('L', 2, commit(2), 100); // no room: the database must be read for this lane
    expect(own.knows('L')).toBe(false);
    own.opened('M');
    own.lost('M'); // a slot whose fate its writer could not tell
    expect(own.knows('M')).toBe(false);
    own.opened('N');
    own.forget('N', Infinity);
    expect(own.knows('N')).toBe(false);
  });

  it('says how far the relay has sent a lane, only while on and never backwards', () => {
    const own = new OwnCommits();
    own.forget('L', 5);
    expect(own.passed('L')).toBe(0); // off: nothing is kept
    own.enable(true);
    own.forget('L', 5);
    own.forget('L', 3);
    expect(own.passed('L')).toBe(5);
    own.forget('L', Infinity);
    expect(own.passed('L')).toBe(0);
    own.forget('M', 7);
    own.enable(false);
    expect(own.passed('M')).toBe(0);
  });
});
