import type { CommitDocument } from './commit';
import { StreamCache } from './stream-cache';

const commits = (n: number, events = 1) => Array.from({ length: n }, (_, i) => ({ _id: `c${i}`, events: Array(events).fill({}) }) as unknown as CommitDocument);

describe('stream cache', () => {
  it('keeps the most recently used streams within its bound of events; a stream too long is not kept', () => {
    const cache = new StreamCache(10, 6);
    cache.set('a', commits(4));
    cache.set('b', commits(4));
    cache.get('a'); // a used last: b is the oldest
    cache.set('c', commits(4)); // 12 > 10: b goes
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    cache.set('long', commits(7));
    expect(cache.get('long')).toBeUndefined();
    cache.set('a', commits(1, 2)); // replaced, counted anew
    cache.drop('c');
    expect(cache.size).toBe(1);
  });
});
