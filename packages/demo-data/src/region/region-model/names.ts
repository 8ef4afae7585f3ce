/** Names and numbers the sketches share: distinct settlement names, zero-padded codes and plan ids. */
import { SETTLEMENT_PREFIXES, withPrefix } from '../dictionaries';
import { Random } from '../random';

/** `7` → `007`: plan ids (`mun-001`), ОКТМО blocks and ИНН parts. */
export const pad = (n: number, width = 3) => String(n).padStart(width, '0');

/** `count` distinct names: the base list shuffled, then prefixed variants if it runs out. */
export const uniqueNames = (rng: Random, base: readonly string[], count: number, exclude: ReadonlySet<string> = new Set()): string[] => {
  const out: string[] = [];
  const seen = new Set(exclude);
  const take = (list: readonly string[]) => {
    for (const s of rng.shuffle(list)) {
      if (out.length >= count) return;
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
      }
    }
  };
  take(base);
  for (const prefix of SETTLEMENT_PREFIXES) {
    if (out.length >= count) break;
    take(base.filter((b) => !b.includes('-')).map((b) => withPrefix(prefix, b)));
  }
  if (out.length < count) throw new Error(`not enough distinct names (${count} needed): scale too large`);
  return out;
};
