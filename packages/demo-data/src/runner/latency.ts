/** What every stage reports the same way: outcome counts per phase and command latency percentiles. */

export interface OutcomeCounts {
  planned: number;
  created: number;
  existing: number;
  failed: number;
  /** Not attempted because something it depends on failed (its municipality or organisation). */
  skipped: number;
  /** Resolve mode only: not in the directory. */
  missing: number;
}

/** What `latencySummary` reads of a sample (every stage's samples have at least this). */
export interface LatencySample {
  command: string;
  outcome: string;
  latencyMs: number;
}

/** Latency percentiles of samples, per command (ms); only commands the platform carried out (`created`). */
export const latencySummary = (samples: readonly LatencySample[]) => {
  const by = new Map<string, number[]>();
  for (const s of samples) {
    if (s.outcome !== 'created') continue;
    const list = by.get(s.command) ?? [];
    list.push(s.latencyMs);
    by.set(s.command, list);
  }
  const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  const out: Record<string, { count: number; p50: number; p90: number; p99: number; max: number; mean: number }> = {};
  for (const [command, list] of by) {
    const sorted = [...list].sort((a, b) => a - b);
    out[command] = {
      count: sorted.length,
      p50: r(q(sorted, 0.5)),
      p90: r(q(sorted, 0.9)),
      p99: r(q(sorted, 0.99)),
      max: r(sorted[sorted.length - 1]!),
      mean: r(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    };
  }
  return out;
};
