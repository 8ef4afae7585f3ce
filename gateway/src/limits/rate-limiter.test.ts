import { RateLimiter } from './rate-limiter';

describe('RateLimiter (token bucket per caller)', () => {
  let t = 0;
  const limiter = (maxKeys?: number) => new RateLimiter(maxKeys, () => t);
  beforeEach(() => (t = 0));

  it('lets a burst through, then one request per 1/rate seconds, saying how long to wait', () => {
    const l = limiter();
    expect([l.take('a', 2, 3), l.take('a', 2, 3), l.take('a', 2, 3)]).toEqual([0, 0, 0]);
    expect(l.take('a', 2, 3)).toBeCloseTo(0.5);
    t += 250;
    expect(l.take('a', 2, 3)).toBeCloseTo(0.25);
    t += 250;
    expect(l.take('a', 2, 3)).toBe(0);
    expect(l.take('b', 2, 3)).toBe(0); // another caller, another bucket
  });

  it('never holds more than the burst, and a rate of 0 means no limit', () => {
    const l = limiter();
    l.take('a', 1, 2);
    t += 60_000;
    expect([l.take('a', 1, 2), l.take('a', 1, 2), l.take('a', 1, 2) > 0]).toEqual([0, 0, true]);
    for (let i = 0; i < 100; i++) expect(l.take('z', 0, 0)).toBe(0);
  });

  it('forgets callers whose bucket refilled once it holds too many, and stays bounded', () => {
    const l = limiter(100);
    for (let i = 0; i < 100; i++) l.take(`k${i}`, 10, 5);
    t += 1000; // every bucket is full again
    l.take('new', 10, 5);
    expect(l.size).toBe(1);
    for (let i = 0; i < 1000; i++) l.take(`busy${i}`, 1, 5); // none refills: the oldest go
    expect(l.size).toBeLessThanOrEqual(100);
  });
});
