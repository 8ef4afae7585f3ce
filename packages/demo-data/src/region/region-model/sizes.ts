/** How many of each record the plan holds: the scaled counts, and integer shares of a total by weight. */
import type { RegionSizes } from '../region-model';

/** The full-size region (scale 1). */
export const DEFAULT_SIZES: RegionSizes = { municipalities: 60, organizations: 1500, educators: 40000 };

/** Counts after scaling: ≥ 1 municipality, ≥ 1 organisation per municipality, ≥ 1 educator per organisation and ≥ 3 overall. */
export const scaledSizes = (scale: number, base: RegionSizes = DEFAULT_SIZES): RegionSizes => {
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`scale must be a positive number, got ${scale}`);
  const municipalities = Math.max(1, Math.round(base.municipalities * scale));
  const organizations = Math.max(municipalities, Math.round(base.organizations * scale));
  const educators = Math.max(organizations, 3, Math.round(base.educators * scale));
  return { municipalities, organizations, educators };
};

/**
 * Splits `total` into integer parts proportional to `weights`, each at least `min`
 * (largest remainder; ties go to the earlier index). The parts sum to `total` exactly.
 */
export const allocate = (total: number, weights: readonly number[], min = 1): number[] => {
  const n = weights.length;
  if (n === 0) return [];
  if (total < n * min) throw new Error(`cannot split ${total} into ${n} parts of at least ${min}`);
  const rest = total - n * min;
  const sum = weights.reduce((a, w) => a + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((a, p) => a + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]![1]]! += 1;
  return parts.map((p) => p + min);
};
