import { dayToIso, isoToDay, minusYears, Random } from './random';

describe('Random', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const seq = (seed: number | string) => {
      const r = Random.from(seed);
      return Array.from({ length: 50 }, () => r.nextUint32());
    };
    expect(seq(42)).toEqual(seq(42));
    expect(seq('42')).toEqual(seq(42));
    expect(seq(43)).not.toEqual(seq(42));
  });

  it('is pinned: the first draws of seed 42 never change (plans stay reproducible across versions)', () => {
    const r = Random.from(42);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([4173207953, 4235263245, 2843327879]);
  });

  it('forks streams by label, independent of how much the parent has drawn', () => {
    const a = Random.from(7);
    const b = Random.from(7);
    for (let i = 0; i < 100; i++) b.next();
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('keeps helpers within their ranges', () => {
    const r = Random.from(1);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
      const t = r.intTri(0, 4);
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThanOrEqual(4);
      const d = r.dateBetween('2024-02-27', '2024-03-02');
      expect(d >= '2024-02-27' && d <= '2024-03-02').toBe(true);
    }
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('picks by weight', () => {
    const r = Random.from(5);
    let a = 0;
    for (let i = 0; i < 10000; i++)
      if (
        r.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        a++;
    expect(a / 10000).toBeGreaterThan(0.87);
    expect(a / 10000).toBeLessThan(0.93);
    expect(
      r.weighted([
        ['only', 0],
        ['this', 1],
      ] as const),
    ).toBe('this');
  });

  it('shuffles without losing or duplicating items, and chance() follows p', () => {
    const r = Random.from(9);
    const items = Array.from({ length: 100 }, (_, i) => i);
    const s = r.shuffle(items);
    expect(s).not.toEqual(items);
    expect([...s].sort((x, y) => x - y)).toEqual(items);
    expect(r.sample(items, 10)).toHaveLength(10);
    let hits = 0;
    for (let i = 0; i < 10000; i++) if (r.chance(0.12)) hits++;
    expect(Math.abs(hits / 10000 - 0.12)).toBeLessThan(0.015);
  });

  it('converts dates without the local time zone', () => {
    expect(dayToIso(isoToDay('2026-11-22'))).toBe('2026-11-22');
    expect(isoToDay('1970-01-02')).toBe(1);
    expect(() => isoToDay('2026-02-30')).toThrow();
    expect(minusYears('2026-11-22', 3)).toBe('2023-11-22');
  });
});
