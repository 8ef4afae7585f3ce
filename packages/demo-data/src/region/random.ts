/**
 * A small seeded PRNG (sfc32, seeded through xmur3) with the helpers the region model
 * needs. Only integer arithmetic and `Math.imul`, no transcendental functions, so the
 * same seed gives the same sequence, bit for bit, on every platform and Node version.
 */

/** xmur3 string hash: turns any seed label into a stream of 32-bit seeds. */
const xmur3 = (str: string): (() => number) => {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
};

const DAY_MS = 86_400_000;

/** ISO date (YYYY-MM-DD) → days since 1970-01-01 (UTC). */
export const isoToDay = (iso: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms).toISOString().slice(0, 10);
  if (back !== iso) throw new Error(`not a valid date: ${iso}`);
  return Math.round(ms / DAY_MS);
};

/** Days since 1970-01-01 (UTC) → ISO date. */
export const dayToIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The same calendar day `years` years earlier (29 Feb → 1 Mar, as Date does). */
export const minusYears = (iso: string, years: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(readonly seedKey: string) {
    const h = xmur3(seedKey);
    this.a = h();
    this.b = h();
    this.c = h();
    this.d = h();
    // Warm up: the first outputs of sfc32 are weakly mixed.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A generator for a seed (number or string). */
  static from(seed: number | string): Random {
    return new Random(`mms-demo/${String(seed)}`);
  }

  /**
   * An independent stream derived from this one's seed and a label (not from its
   * current state): adding draws in one part of the model leaves other parts unchanged.
   */
  fork(label: string): Random {
    return new Random(`${this.seedKey}/${label}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new Error(`bad int range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Integer in [min, max] with a triangular distribution peaking in the middle. */
  intTri(min: number, max: number): number {
    const u = (this.next() + this.next()) / 2;
    return Math.min(max, min + Math.floor(u * (max - min + 1)));
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[value, weight], ...]`; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += Math.max(0, w);
    if (total <= 0) throw new Error('weighted pick needs a positive weight');
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= Math.max(0, w);
      if (r < 0) return v;
    }
    return items[items.length - 1]![0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** `n` distinct items in random order (all of them if n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n));
  }

  /** A uniform date between two ISO dates, both inclusive. */
  dateBetween(fromIso: string, toIso: string): string {
    const from = isoToDay(fromIso);
    const to = isoToDay(toIso);
    if (to < from) throw new Error(`empty date range ${fromIso}..${toIso}`);
    return dayToIso(this.int(from, to));
  }
}
