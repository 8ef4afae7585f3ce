import { performance } from 'node:perf_hooks';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, monotonic). */
  at: number;
  rate: number;
  burst: number;
}

/**
 * Token buckets per caller key, in this process's memory: each gateway instance limits on its
 * own, so N instances behind a balancer let a caller through at up to N times the rate. A
 * bucket holds `burst` requests and refills at `rate` per second; a caller idle long enough to
 * refill is forgotten, and the map never holds more than `maxKeys` callers.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request from the caller's bucket: 0 when allowed, else the seconds until the next one would be. */
  take(key: string, rate: number, burst: number): number {
    if (rate <= 0) return 0;
    const size = Math.max(1, burst);
    const t = this.now();
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(size, b.tokens + ((t - b.at) / 1000) * rate);
      b.at = t;
      b.rate = rate;
      b.burst = size;
    } else {
      if (this.buckets.size >= this.maxKeys) this.prune(t);
      b = { tokens: size, at: t, rate, burst: size };
      this.buckets.set(key, b);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / rate;
  }

  get size() {
    return this.buckets.size;
  }

  /** Forgets full buckets (a forgotten caller starts full: the same); the oldest tenth if none is full. */
  private prune(t: number) {
    for (const [key, b] of this.buckets) if (b.tokens + ((t - b.at) / 1000) * b.rate >= b.burst) this.buckets.delete(key);
    if (this.buckets.size < this.maxKeys) return;
    let drop = Math.ceil(this.maxKeys / 10);
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
