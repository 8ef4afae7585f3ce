import { invalid } from '@mms/eventsourcing/core';

// Olympiad protocols by the ВсОШ procedure (order 678): ranks, statuses by quota, the what-if
// previews and who changes between two rankings (the admission list: admission/admission-list.ts).
// Pure: deciders, read models, views and exports all call these, so a protocol looks the same everywhere.

export interface Scored {
  participantId: string;
  score: number;
}

export type Ranked<T extends Scored = Scored> = T & { rank: number };

export type ParticipantStatus = 'WINNER' | 'PRIZE_WINNER' | 'PARTICIPANT';

export type AwardStatus = Exclude<ParticipantStatus, 'PARTICIPANT'>;

export type Awarded<T extends Scored = Scored> = Ranked<T> & { status: ParticipantStatus };

export interface QuotaSettings {
  /** Winners + prize-winners ≤ this share of the partition's participants. */
  awardedShare: number;
  /** Winners ≤ this share of the partition's participants. */
  winnerShare: number;
  /** Either status needs a score strictly above this share of the partition's maximum. */
  minScoreShare: number;
  /** A tied group across a quota boundary: WITHIN_QUOTA gets the lower status (the quota holds), ALL_TIED gets the status (the quota gives). */
  tieRule: 'WITHIN_QUOTA' | 'ALL_TIED';
}

export const DEFAULT_QUOTAS: QuotaSettings = { awardedShare: 0.45, winnerShare: 0.08, minScoreShare: 0.5, tieRule: 'WITHIN_QUOTA' };

/** Drops binary noise from a product of decimals (0.29 × 100 is 29, not 28.999999999999996). */
const exact = (x: number) => Number(x.toPrecision(12));

/** A score as whole hundredths, half up: scores compare exactly after rounding to 2 decimals (means of jurors are x.5). */
export const hundredths = (score: number) => Math.round(exact(score * 100));

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const checkScored = (entries: readonly Scored[]) => {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.participantId)) invalid('participantId', `'${e.participantId}' is listed twice`);
    seen.add(e.participantId);
    if (!(Number.isFinite(e.score) && e.score >= 0)) invalid('score', `must be a number ≥ 0, got ${e.score} for '${e.participantId}'`);
  }
};

/**
 * Highest score first, equal scores (to 2 decimals) share a rank: 1, 2, 2, 4. Ties list by
 * participantId so the same scores always print in the same order. The score returned is
 * the rounded one the rank was decided on.
 */
export const rankParticipants = <T extends Scored>(entries: readonly T[]): Ranked<T>[] => {
  checkScored(entries);
  const sorted = entries.map((e) => ({ e, h: hundredths(e.score) })).sort((a, b) => b.h - a.h || byText(a.e.participantId, b.e.participantId));
  let rank = 0;
  return sorted.map(({ e, h }, i) => {
    if (i === 0 || sorted[i - 1]?.h !== h) rank = i + 1;
    return { ...e, score: h / 100, rank };
  });
};

export interface Quotas {
  winners: number;
  /** Winners and prize-winners together. */
  awarded: number;
}

/**
 * Seats are floor(share × participants): a quota is a ceiling, so 45 % of 21 is 9. The winner
 * quota is at least 1 when someone scores above the minimum (ВсОШ names a winner whenever
 * someone passes it; 8 % floors to 0 below 13 participants), unless the winner share is 0.
 * The awarded seats include the winners', so they are never fewer.
 */
export const quotasFor = (participants: number, settings: QuotaSettings, someoneAboveMinimum: boolean): Quotas => {
  const seats = (share: number) => Math.floor(exact(share * participants));
  const floored = seats(settings.winnerShare);
  const winners = floored === 0 && settings.winnerShare > 0 && someoneAboveMinimum ? 1 : floored;
  return { winners, awarded: Math.max(seats(settings.awardedShare), winners) };
};

export interface QuotaCut {
  boundary: 'WINNER' | 'AWARDED';
  /** The tied group's score. */
  score: number;
  quota: number;
  /** Seats of the quota still free when the tied group was reached. */
  seatsLeft: number;
  tiedAtBoundary: number;
  participantIds: string[];
  /** WITHIN_QUOTA: the whole tied group, which got the lower status. */
  leftOut: number;
  /** ALL_TIED: how far the tied group took the quota over. */
  letInBeyondQuota: number;
}

const checkQuotaInput = (entries: readonly Scored[], maxScore: number, s: QuotaSettings) => {
  if (!(Number.isFinite(maxScore) && maxScore > 0)) invalid('maxScore', `must be a number > 0, got ${maxScore}`);
  for (const key of ['awardedShare', 'winnerShare', 'minScoreShare'] as const) {
    if (!(s[key] >= 0 && s[key] <= 1)) invalid(`quotas.${key}`, `must be a share between 0 and 1, got ${s[key]}`);
  }
  if (s.winnerShare > s.awardedShare) invalid('quotas.winnerShare', 'cannot exceed the share of winners and prize-winners');
  const over = entries.find((e) => hundredths(e.score) > hundredths(maxScore));
  if (over) invalid('score', `${over.score} for '${over.participantId}' is above the maximum ${maxScore}`);
};

/** Groups of equal score, best first (input is ranked). */
const tiedGroups = <T extends { rank: number }>(ranked: readonly T[]): T[][] => {
  const groups: T[][] = [];
  for (const e of ranked) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.rank === e.rank) last.push(e);
    else groups.push([e]);
  }
  return groups;
};

/** The one place statuses are decided; statusesOf and previewQuotas both read it. */
const award = <T extends Scored>(entries: readonly T[], maxScore: number, settings: QuotaSettings) => {
  const ranked = rankParticipants(entries);
  checkQuotaInput(ranked, maxScore, settings);
  // Strictly above: a score exactly at the share of the maximum (half, by default) gets no status.
  const minimum = exact(settings.minScoreShare * maxScore * 100);
  const aboveMinimum = (score: number) => hundredths(score) > minimum;
  const quotas = quotasFor(
    ranked.length,
    settings,
    ranked.some((e) => aboveMinimum(e.score)),
  );
  const cuts: QuotaCut[] = [];

  // A group takes its seats if it fits; one that straddles the boundary is a cut, settled by the tie rule.
  const seat = (boundary: QuotaCut['boundary'], taken: number, group: readonly Scored[], quota: number) => {
    if (taken + group.length <= quota) return true;
    if (taken >= quota) return false;
    const allTied = settings.tieRule === 'ALL_TIED';
    cuts.push({
      boundary,
      score: group[0]?.score ?? 0,
      quota,
      seatsLeft: quota - taken,
      tiedAtBoundary: group.length,
      participantIds: group.map((e) => e.participantId),
      leftOut: allTied ? 0 : group.length,
      letInBeyondQuota: allTied ? taken + group.length - quota : 0,
    });
    return allTied;
  };

  let winners = 0;
  let awarded = 0;
  // Once a group misses a status, every lower score misses it too: a lower score never gets a better status.
  let winnersOpen = true;
  let awardedOpen = true;
  const result: Awarded<T>[] = [];
  for (const group of tiedGroups(ranked)) {
    let status: ParticipantStatus = 'PARTICIPANT';
    if (aboveMinimum(group[0]?.score ?? 0)) {
      if (winnersOpen && seat('WINNER', winners, group, quotas.winners)) status = 'WINNER';
      else winnersOpen = false;
      // A group that missed the winner seats competes for prize-winner as a whole.
      if (status === 'PARTICIPANT' && awardedOpen) {
        if (seat('AWARDED', awarded, group, quotas.awarded)) status = 'PRIZE_WINNER';
        else awardedOpen = false;
      }
    }
    if (status === 'WINNER') winners += group.length;
    if (status !== 'PARTICIPANT') awarded += group.length;
    for (const e of group) result.push({ ...e, status });
  }
  return { entries: result, quotas, cuts };
};

/**
 * WINNER / PRIZE_WINNER / PARTICIPANT of one partition (input in any order; it is ranked
 * first). Equal scores always get equal statuses; see QuotaSettings.tieRule for a tied group
 * at a quota boundary and quotasFor for the seat counts.
 */
export const statusesOf = <T extends Scored>(entries: readonly T[], maxScore: number, settings: QuotaSettings): Awarded<T>[] =>
  award(entries, maxScore, settings).entries;

export interface PreviewEntry extends Scored {
  schoolId: string;
  municipalityId: string;
}

export interface StatusCounts {
  winners: number;
  prizeWinners: number;
  /** Those left with the PARTICIPANT status. */
  participants: number;
  total: number;
}

export interface QuotaPreview extends StatusCounts {
  quotas: Quotas;
  entries: Awarded<PreviewEntry>[];
  bySchool: (StatusCounts & { schoolId: string })[];
  byMunicipality: (StatusCounts & { municipalityId: string })[];
  /** Tied groups that straddle a quota boundary: how many sit there and how many were left out or let in. */
  cuts: QuotaCut[];
}

/** Counts per key, keys in order. */
const tally = <E, C>(entries: readonly E[], keyOf: (e: E) => string, zero: () => C, add: (c: C, e: E) => void): [string, C][] => {
  const counts = new Map<string, C>();
  for (const e of entries) {
    const key = keyOf(e);
    const c = counts.get(key) ?? zero();
    add(c, e);
    counts.set(key, c);
  }
  return [...counts.entries()].sort(([a], [b]) => byText(a, b));
};

const noStatuses = (): StatusCounts => ({ winners: 0, prizeWinners: 0, participants: 0, total: 0 });
const countStatus = (c: StatusCounts, e: { status: ParticipantStatus }) => {
  c.total += 1;
  if (e.status === 'WINNER') c.winners += 1;
  else if (e.status === 'PRIZE_WINNER') c.prizeWinners += 1;
  else c.participants += 1;
};

/** What the protocol would be under these settings: totals, per school and municipality, and where ties cut. */
export const previewQuotas = (participants: readonly PreviewEntry[], maxScore: number, settings: QuotaSettings): QuotaPreview => {
  const { entries, quotas, cuts } = award(participants, maxScore, settings);
  const total = noStatuses();
  for (const e of entries) countStatus(total, e);
  return {
    ...total,
    quotas,
    entries,
    bySchool: tally(entries, (e) => e.schoolId, noStatuses, countStatus).map(([schoolId, c]) => ({ schoolId, ...c })),
    byMunicipality: tally(entries, (e) => e.municipalityId, noStatuses, countStatus).map(([municipalityId, c]) => ({ municipalityId, ...c })),
    cuts,
  };
};

export interface PassingCounts {
  /** Score ≥ the passing score. */
  reaching: number;
  /** Exactly at it (to 2 decimals): who a point up or down would move. */
  atPassingScore: number;
  total: number;
}

export interface PassingPreview extends PassingCounts {
  passingScore: number;
  bySchool: (PassingCounts & { schoolId: string })[];
  byMunicipality: (PassingCounts & { municipalityId: string })[];
}

/** How many would reach the next stage with this passing score, in total and per school and municipality. */
export const previewPassingScore = (participants: readonly PreviewEntry[], passingScore: number): PassingPreview => {
  checkScored(participants);
  if (!(Number.isFinite(passingScore) && passingScore >= 0)) invalid('passingScore', `must be a number ≥ 0, got ${passingScore}`);
  const bar = hundredths(passingScore);
  const none = (): PassingCounts => ({ reaching: 0, atPassingScore: 0, total: 0 });
  const count = (c: PassingCounts, e: PreviewEntry) => {
    const h = hundredths(e.score);
    c.total += 1;
    if (h >= bar) c.reaching += 1;
    if (h === bar) c.atPassingScore += 1;
  };
  const total = none();
  for (const e of participants) count(total, e);
  return {
    passingScore: bar / 100,
    ...total,
    bySchool: tally(participants, (e) => e.schoolId, none, count).map(([schoolId, c]) => ({ schoolId, ...c })),
    byMunicipality: tally(participants, (e) => e.municipalityId, none, count).map(([municipalityId, c]) => ({ municipalityId, ...c })),
  };
};

export interface Standing {
  rank: number;
  status: ParticipantStatus;
  score: number;
}

export interface RankChange {
  participantId: string;
  /** null: not in that protocol (a late score, a retraction). */
  before: Standing | null;
  after: Standing | null;
}

/**
 * Who an appeal decision (or any re-scoring) would move: everyone whose rank or status
 * differs, or who is in only one of the two protocols. A score change alone is the appeal's
 * own record, not a move. Ordered as the new protocol, then those who left it.
 */
export const rankChanges = (before: readonly Awarded[], after: readonly Awarded[]): RankChange[] => {
  checkScored(before);
  checkScored(after);
  const standing = (e: Awarded): Standing => ({ rank: e.rank, status: e.status, score: e.score });
  const old = new Map(before.map((e) => [e.participantId, e]));
  const now = new Set(after.map((e) => e.participantId));
  const byRank = (a: Awarded, b: Awarded) => a.rank - b.rank || byText(a.participantId, b.participantId);
  const changes: RankChange[] = [];
  for (const e of [...after].sort(byRank)) {
    const was = old.get(e.participantId);
    if (!was || was.rank !== e.rank || was.status !== e.status)
      changes.push({ participantId: e.participantId, before: was ? standing(was) : null, after: standing(e) });
  }
  for (const e of [...before].sort(byRank)) {
    if (!now.has(e.participantId)) changes.push({ participantId: e.participantId, before: standing(e), after: null });
  }
  return changes;
};
