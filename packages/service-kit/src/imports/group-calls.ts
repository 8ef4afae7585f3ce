import { Hold, pool } from './hold';
import type { StagedRow } from './import-store';

/** A group with its rows, in line order. */
export type Group<D> = readonly [string, StagedRow<D>[]];

/** Lists of groups in flight at once: each is already many streams (a kind's `handleMany` reads 16 at a time). */
const LISTS_AT_ONCE = 2;

/**
 * A bucket's groups through one of the kind's hooks, each group's answer handed to `take` as
 * it comes. When the kind takes lists (`many`), the groups go in lists of `perCall`, so a
 * thousand educators' results are a handful of bulk commands (few round trips) instead of a
 * thousand commands; otherwise each group alone, `parallel` at a time. A failure (the
 * database) stops the bucket after the calls in flight: the run is resumed from its
 * checkpoint, and redoing a list writes nothing, as redoing a group does.
 */
export const throughGroups = async <D, A>(
  groups: Group<D>[],
  hooks: { one: (group: string, rows: StagedRow<D>[]) => Promise<A>; many?: ((groups: Group<D>[]) => Promise<A[]>) | undefined },
  o: { parallel: number; perCall: number },
  hold: Hold,
  take: (group: Group<D>, answer: A) => void | Promise<void>,
): Promise<void> => {
  const { many } = hooks;
  if (!many || o.perCall <= 1) return pool(groups, o.parallel, async (g) => take(g, await hooks.one(g[0], g[1])), hold);
  const lists: Group<D>[][] = [];
  for (let i = 0; i < groups.length; i += o.perCall) lists.push(groups.slice(i, i + o.perCall));
  await pool(
    lists,
    LISTS_AT_ONCE,
    async (list) => {
      const answers = await many(list);
      if (answers.length !== list.length) throw new Error(`an import kind answered ${answers.length} of ${list.length} groups`);
      for (let k = 0; k < list.length; k++) await take(list[k]!, answers[k]!);
    },
    hold,
  );
};
