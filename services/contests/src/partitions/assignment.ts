/**
 * Works → jurors for one partition's blind scoring (DESIGN.md). Pure and deterministic: the
 * same works and jury give the same assignment whatever their order, and a stored assignment
 * is never reshuffled (it is part of the protocol's audit trail).
 */
export interface Juror {
  jurorId: string;
  /** The juror's school, or null for an external expert. */
  organizationId: string | null;
}

export interface Work {
  code: string;
  schoolId: string;
}

export interface WorkAssignment {
  code: string;
  jurorIds: string[];
}

/** NOT_ENOUGH_JURORS: the jury itself is smaller than a work needs; CONFLICT_OF_INTEREST: too many of them are from the work's school. */
export type UnassignedReason = 'NOT_ENOUGH_JURORS' | 'CONFLICT_OF_INTEREST';

export interface Assignment {
  assignments: WorkAssignment[];
  load: Record<string, number>;
  unassigned: { code: string; reason: UnassignedReason }[];
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byCode = (a: { code: string }, b: { code: string }): number => byId(a.code, b.code);

const uniqueBy = <T>(items: readonly T[], key: (t: T) => string): T[] => {
  const seen = new Map<string, T>();
  for (const t of items) if (!seen.has(key(t))) seen.set(key(t), t);
  return [...seen.values()];
};

/** The conflict-of-interest rule: nobody scores a work from their own school. */
export const mayScore = (juror: Juror, work: Work): boolean => juror.organizationId !== work.schoolId;

/** A work assigned in this call: only these may move while balancing. */
interface Slot {
  code: string;
  eligible: string[];
  jurorIds: Set<string>;
}

interface Move {
  slot: Slot;
  from: string;
  to: string;
}

/**
 * A chain J1 → J2 → … → Jk (each step: a work of Ji that Ji+1 may score and does not yet
 * score goes to Ji+1) changes only the loads of its two ends. While a chain runs from a juror
 * to one at least two works lighter, the loads can be evened out; once none does they are as
 * even as the conflicts allow (the optimality condition of a min-cost flow). Searched
 * breadth-first in id / code order, so the result stays deterministic.
 */
const evenerChain = (slots: readonly Slot[], jury: readonly string[], loadOf: (id: string) => number): Move[] | null => {
  const lightest = Math.min(...jury.map(loadOf));
  const sources = [...jury].sort((a, b) => loadOf(b) - loadOf(a) || byId(a, b)).filter((j) => loadOf(j) >= lightest + 2);
  for (const source of sources) {
    const via = new Map<string, Move | null>([[source, null]]);
    const reached = [source];
    for (let i = 0; i < reached.length; i++) {
      const from = reached[i] as string;
      for (const slot of slots) {
        if (!slot.jurorIds.has(from)) continue;
        for (const to of slot.eligible) {
          if (via.has(to) || slot.jurorIds.has(to)) continue;
          via.set(to, { slot, from, to });
          reached.push(to);
        }
      }
    }
    const target = reached.reduce((best, j) => (loadOf(j) < loadOf(best) || (loadOf(j) === loadOf(best) && byId(j, best) < 0) ? j : best));
    if (loadOf(target) > loadOf(source) - 2) continue;
    const chain: Move[] = [];
    for (let move = via.get(target); move; move = via.get(move.from)) chain.unshift(move);
    return chain;
  }
  return null;
};

/**
 * Greedy least-loaded assignment (ties by jurorId), then evened out along chains of moves
 * (greedy alone leaves loads two apart when conflicts narrow the choice: three schools with one
 * juror each). Works with the fewest eligible jurors go first, then by code. With `previous`,
 * its assignments are kept as they are (even for a juror who has since left the jury), its
 * loads are the starting loads and only the other works, its unassigned ones included, are
 * assigned and moved.
 */
export const assignWorks = (works: readonly Work[], jurors: readonly Juror[], perWork: 1 | 2, previous?: Assignment): Assignment => {
  const jury = uniqueBy(jurors, (j) => j.jurorId).sort((a, b) => byId(a.jurorId, b.jurorId));
  const load = new Map<string, number>(jury.map((j) => [j.jurorId, 0]));
  for (const [id, n] of Object.entries(previous?.load ?? {})) load.set(id, n);
  const loadOf = (id: string): number => load.get(id) ?? 0;

  const kept = (previous?.assignments ?? []).map((a) => ({ code: a.code, jurorIds: [...a.jurorIds] }));
  const keptCodes = new Set(kept.map((a) => a.code));
  const fresh = uniqueBy(works, (w) => w.code)
    .filter((w) => !keptCodes.has(w.code))
    .map((work) => ({ code: work.code, eligible: jury.filter((j) => mayScore(j, work)).map((j) => j.jurorId) }))
    .sort((a, b) => a.eligible.length - b.eligible.length || byCode(a, b));

  const slots: Slot[] = [];
  const unassigned: Assignment['unassigned'] = [];
  for (const { code, eligible } of fresh) {
    if (eligible.length < perWork) {
      unassigned.push({ code, reason: jury.length < perWork ? 'NOT_ENOUGH_JURORS' : 'CONFLICT_OF_INTEREST' });
      continue;
    }
    const chosen = [...eligible].sort((a, b) => loadOf(a) - loadOf(b) || byId(a, b)).slice(0, perWork);
    for (const id of chosen) load.set(id, loadOf(id) + 1);
    slots.push({ code, eligible, jurorIds: new Set(chosen) });
  }
  const ids = jury.map((j) => j.jurorId);
  for (let chain = evenerChain(slots, ids, loadOf); chain; chain = evenerChain(slots, ids, loadOf)) {
    for (const { slot, from, to } of chain) {
      slot.jurorIds.delete(from);
      slot.jurorIds.add(to);
    }
    const [first, last] = [chain[0], chain[chain.length - 1]];
    if (first) load.set(first.from, loadOf(first.from) - 1);
    if (last) load.set(last.to, loadOf(last.to) + 1);
  }
  return {
    assignments: [...kept, ...slots.map((s) => ({ code: s.code, jurorIds: [...s.jurorIds].sort(byId) }))].sort(byCode),
    load: Object.fromEntries([...load].sort(([a], [b]) => byId(a, b))),
    unassigned: unassigned.sort(byCode),
  };
};

/** Per juror, how many of the works they may not score (their own school's), for the portal's conflict view. */
export const conflictsOf = (jurors: readonly Juror[], works: readonly Work[]): Record<string, number> => {
  const unique = uniqueBy(works, (w) => w.code);
  return Object.fromEntries(
    uniqueBy(jurors, (j) => j.jurorId)
      .sort((a, b) => byId(a.jurorId, b.jurorId))
      .map((j) => [j.jurorId, unique.filter((w) => !mayScore(j, w)).length]),
  );
};
