import { refusedField } from '@mms/testing';
import {
  Awarded,
  DEFAULT_QUOTAS,
  ParticipantStatus,
  previewPassingScore,
  previewQuotas,
  QuotaSettings,
  quotasFor,
  rankChanges,
  rankParticipants,
  Scored,
  statusesOf,
} from './ranking';

/** Participants p01, p02, … with these scores, in this order. */
const field = (scores: number[]): Scored[] => scores.map((score, i) => ({ participantId: `p${String(i + 1).padStart(2, '0')}`, score }));

/** Ids by status, the way a protocol reads. */
const byStatus = (entries: Awarded[]) => {
  const of = (status: ParticipantStatus) => entries.filter((e) => e.status === status).map((e) => e.participantId);
  return { WINNER: of('WINNER'), PRIZE_WINNER: of('PRIZE_WINNER'), PARTICIPANT: of('PARTICIPANT') };
};

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `p${String(from + i).padStart(2, '0')}`);

const allTied: QuotaSettings = { ...DEFAULT_QUOTAS, tieRule: 'ALL_TIED' };

describe('ranks', () => {
  it('gives equal scores one rank, competition style: 1, 2, 2, 4', () => {
    const ranked = rankParticipants([
      { participantId: 'a', score: 10 },
      { participantId: 'b', score: 8 },
      { participantId: 'c', score: 8 },
      { participantId: 'd', score: 5 },
    ]);
    expect(ranked.map((e) => [e.participantId, e.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
    expect(rankParticipants(field([7, 7, 3])).map((e) => e.rank)).toEqual([1, 1, 3]);
  });

  it('sorts by score descending and lists ties by participantId, whatever the input order', () => {
    const entries = [
      { participantId: 'c', score: 8 },
      { participantId: 'a', score: 10 },
      { participantId: 'd', score: 8 },
      { participantId: 'b', score: 8 },
    ];
    const expected = ['a', 'b', 'c', 'd'];
    expect(rankParticipants(entries).map((e) => e.participantId)).toEqual(expected);
    expect(rankParticipants([...entries].reverse()).map((e) => e.participantId)).toEqual(expected);
  });

  it('compares scores rounded to two decimals, half up, with no floating-point noise', () => {
    const ranked = rankParticipants([
      { participantId: 'a', score: 7.333 },
      { participantId: 'b', score: 7.33 },
      { participantId: 'c', score: 7.5 },
      { participantId: 'd', score: 7.49 },
      { participantId: 'e', score: 2.675 },
      { participantId: 'f', score: 0.1 + 0.2 },
      { participantId: 'g', score: 0.3 },
    ]);
    expect(ranked.map((e) => [e.participantId, e.score, e.rank])).toEqual([
      ['c', 7.5, 1],
      ['d', 7.49, 2],
      ['a', 7.33, 3],
      ['b', 7.33, 3],
      ['e', 2.68, 5],
      ['f', 0.3, 6],
      ['g', 0.3, 6],
    ]);
  });

  it('ranks an empty partition to an empty list', () => {
    expect(rankParticipants([])).toEqual([]);
  });

  it('keeps the fields it was given', () => {
    expect(rankParticipants([{ participantId: 'a', score: 3, schoolId: 's1' }])).toEqual([{ participantId: 'a', score: 3, schoolId: 's1', rank: 1 }]);
  });

  it('refuses a participant listed twice and a score that is negative or not a number', () => {
    expect(refusedField(() => rankParticipants(field([1]).concat(field([2]))))).toBe('participantId');
    expect(refusedField(() => rankParticipants(field([-1])))).toBe('score');
    expect(refusedField(() => rankParticipants(field([Number.NaN])))).toBe('score');
  });
});

describe('quota seats', () => {
  it('are floor(share × participants): 45 % and 8 % of 20, 21, 13 and 100', () => {
    expect(quotasFor(20, DEFAULT_QUOTAS, true)).toEqual({ winners: 1, awarded: 9 });
    expect(quotasFor(21, DEFAULT_QUOTAS, true)).toEqual({ winners: 1, awarded: 9 });
    expect(quotasFor(13, DEFAULT_QUOTAS, true)).toEqual({ winners: 1, awarded: 5 });
    expect(quotasFor(100, DEFAULT_QUOTAS, true)).toEqual({ winners: 8, awarded: 45 });
  });

  it('take shares as exact decimals: 29 % of 100 is 29 seats, not 28', () => {
    expect(Math.floor(0.29 * 100)).toBe(28); // why the rounding before the floor exists
    expect(quotasFor(100, { ...DEFAULT_QUOTAS, awardedShare: 0.29, winnerShare: 0.07 }, true)).toEqual({ winners: 7, awarded: 29 });
  });

  it('the winner quota is at least 1 when someone scores above the minimum: 12 participants at 8 % still name a winner', () => {
    expect(quotasFor(12, DEFAULT_QUOTAS, true)).toEqual({ winners: 1, awarded: 5 });
    expect(quotasFor(12, DEFAULT_QUOTAS, false)).toEqual({ winners: 0, awarded: 5 });
    expect(byStatus(statusesOf(field([90, 85, 80, 75, 70, 65, 60, 55, 52, 45, 40, 35]), 100, DEFAULT_QUOTAS))).toEqual({
      WINNER: ['p01'],
      PRIZE_WINNER: ids(2, 5),
      PARTICIPANT: ids(6, 12),
    });
  });

  it('a winner share of 0 means no winners at all, the at-least-one rule notwithstanding', () => {
    expect(quotasFor(12, { ...DEFAULT_QUOTAS, winnerShare: 0 }, true)).toEqual({ winners: 0, awarded: 5 });
  });

  it('the awarded seats are never fewer than the winner seats (they include them)', () => {
    expect(quotasFor(1, DEFAULT_QUOTAS, true)).toEqual({ winners: 1, awarded: 1 });
    expect(quotasFor(2, DEFAULT_QUOTAS, true)).toEqual({ winners: 1, awarded: 1 });
    expect(quotasFor(0, DEFAULT_QUOTAS, false)).toEqual({ winners: 0, awarded: 0 });
  });
});

describe('statuses', () => {
  it('fills the quotas in rank order: 20 distinct scores give 1 winner and 8 prize-winners', () => {
    const scores = Array.from({ length: 20 }, (_, i) => 96 - 2 * i); // 96 … 58, all above half of 100
    expect(byStatus(statusesOf(field(scores), 100, DEFAULT_QUOTAS))).toEqual({ WINNER: ['p01'], PRIZE_WINNER: ids(2, 9), PARTICIPANT: ids(10, 20) });
  });

  it('needs a score strictly above half of the maximum: exactly half gets no status', () => {
    const roomy: QuotaSettings = { ...DEFAULT_QUOTAS, awardedShare: 1, winnerShare: 0.25 };
    expect(statusesOf(field([30, 25.5, 25, 10]), 50, roomy).map((e) => e.status)).toEqual(['WINNER', 'PRIZE_WINNER', 'PARTICIPANT', 'PARTICIPANT']);
    // An odd maximum: half of 35 is 17.5, so 17.51 passes and 17.5 does not.
    expect(statusesOf(field([20, 17.51, 17.5]), 35, roomy).map((e) => e.status)).toEqual(['WINNER', 'PRIZE_WINNER', 'PARTICIPANT']);
  });

  it('the minimum score limits statuses even when the quotas have room', () => {
    const scores = [80, 60, 51, 50, 49, 45, 40, 35, 30, 30, 25, 20, 20, 15, 10, 10, 5, 5, 0, 0];
    expect(byStatus(statusesOf(field(scores), 100, DEFAULT_QUOTAS))).toEqual({ WINNER: ['p01'], PRIZE_WINNER: ['p02', 'p03'], PARTICIPANT: ids(4, 20) });
  });

  it('nobody above the minimum: no winner and no prize-winner', () => {
    expect(statusesOf(field([50, 40, 30]), 100, DEFAULT_QUOTAS).map((e) => e.status)).toEqual(['PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT']);
  });

  describe('at the winner boundary (25 participants: 2 winner seats, 11 awarded)', () => {
    // p01 alone at 90, p02 and p03 tied at 80 for the one winner seat left, then 70, 69, … 49.
    const scores = [90, 80, 80, ...Array.from({ length: 22 }, (_, i) => 70 - i)];

    it('WITHIN_QUOTA: the tied group gets the lower status as a whole and competes for prize-winner', () => {
      const result = previewQuotas(
        field(scores).map((e) => ({ ...e, schoolId: 's', municipalityId: 'm' })),
        100,
        DEFAULT_QUOTAS,
      );
      expect(result.quotas).toEqual({ winners: 2, awarded: 11 });
      expect(byStatus(result.entries)).toEqual({ WINNER: ['p01'], PRIZE_WINNER: ids(2, 11), PARTICIPANT: ids(12, 25) });
      expect(result.cuts).toEqual([
        { boundary: 'WINNER', score: 80, quota: 2, seatsLeft: 1, tiedAtBoundary: 2, participantIds: ['p02', 'p03'], leftOut: 2, letInBeyondQuota: 0 },
      ]);
    });

    it('ALL_TIED: the whole tied group wins, one over the quota, and the prize-winners fill the rest', () => {
      const result = previewQuotas(
        field(scores).map((e) => ({ ...e, schoolId: 's', municipalityId: 'm' })),
        100,
        allTied,
      );
      expect(byStatus(result.entries)).toEqual({ WINNER: ['p01', 'p02', 'p03'], PRIZE_WINNER: ids(4, 11), PARTICIPANT: ids(12, 25) });
      expect(result.cuts).toEqual([
        { boundary: 'WINNER', score: 80, quota: 2, seatsLeft: 1, tiedAtBoundary: 2, participantIds: ['p02', 'p03'], leftOut: 0, letInBeyondQuota: 1 },
      ]);
    });
  });

  describe('at the awarded boundary (20 participants: 1 winner seat, 9 awarded)', () => {
    // p01 wins, p02–p08 fill 8 seats, p09 and p10 tie at 80 for the last one.
    const scores = [95, 90, 89, 88, 87, 86, 85, 84, 80, 80, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61];

    it('WITHIN_QUOTA: the tied group stays PARTICIPANT, the quota is not exceeded, and no lower score takes the seat', () => {
      expect(byStatus(statusesOf(field(scores), 100, DEFAULT_QUOTAS))).toEqual({ WINNER: ['p01'], PRIZE_WINNER: ids(2, 8), PARTICIPANT: ids(9, 20) });
    });

    it('ALL_TIED: the whole tied group becomes prize-winners, 10 awarded for 9 seats', () => {
      expect(byStatus(statusesOf(field(scores), 100, allTied))).toEqual({ WINNER: ['p01'], PRIZE_WINNER: ids(2, 10), PARTICIPANT: ids(11, 20) });
    });
  });

  it('WITHIN_QUOTA can leave a tied top group bigger than both quotas with no status at all; ALL_TIED makes them all winners', () => {
    // 5 participants: 1 winner seat (floored up), 2 awarded.
    const within = previewQuotas(
      field([90, 90, 90, 40, 30]).map((e) => ({ ...e, schoolId: 's', municipalityId: 'm' })),
      100,
      DEFAULT_QUOTAS,
    );
    expect(within.entries.map((e) => e.status)).toEqual(['PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT']);
    expect(within.cuts.map((c) => [c.boundary, c.quota, c.seatsLeft, c.tiedAtBoundary, c.leftOut])).toEqual([
      ['WINNER', 1, 1, 3, 3],
      ['AWARDED', 2, 2, 3, 3],
    ]);
    expect(statusesOf(field([90, 90, 90, 40, 30]), 100, allTied).map((e) => e.status)).toEqual(['WINNER', 'WINNER', 'WINNER', 'PARTICIPANT', 'PARTICIPANT']);
  });

  it('a floored-up winner quota of 1 still obeys the tie rule: two tied top scorers of 12 are prize-winners under WITHIN_QUOTA, winners under ALL_TIED', () => {
    const scores = [80, 80, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61];
    expect(byStatus(statusesOf(field(scores), 100, DEFAULT_QUOTAS))).toEqual({ WINNER: [], PRIZE_WINNER: ids(1, 5), PARTICIPANT: ids(6, 12) });
    expect(byStatus(statusesOf(field(scores), 100, allTied))).toEqual({ WINNER: ['p01', 'p02'], PRIZE_WINNER: ids(3, 5), PARTICIPANT: ids(6, 12) });
  });

  it('tiny partitions: one, two, three and five participants', () => {
    const statuses = (scores: number[]) => statusesOf(field(scores), 100, DEFAULT_QUOTAS).map((e) => e.status);
    expect(statuses([60])).toEqual(['WINNER']);
    expect(statuses([50])).toEqual(['PARTICIPANT']);
    expect(statuses([80, 70])).toEqual(['WINNER', 'PARTICIPANT']);
    expect(statuses([80, 70, 60])).toEqual(['WINNER', 'PARTICIPANT', 'PARTICIPANT']);
    expect(statuses([80, 70, 60, 55, 51])).toEqual(['WINNER', 'PRIZE_WINNER', 'PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT']);
  });

  it('an empty partition has no statuses', () => {
    expect(statusesOf([], 100, DEFAULT_QUOTAS)).toEqual([]);
  });

  it('fractional scores (means of two jurors) rank, tie and meet the minimum by their two decimals', () => {
    const roomy: QuotaSettings = { ...DEFAULT_QUOTAS, awardedShare: 1, winnerShare: 0.25 };
    const entries = [
      { participantId: 'a', score: 45.5 },
      { participantId: 'b', score: 45.500001 },
      { participantId: 'c', score: 45.49 },
      { participantId: 'd', score: 46 },
    ];
    expect(statusesOf(entries, 90, roomy).map((e) => [e.participantId, e.score, e.rank, e.status])).toEqual([
      ['d', 46, 1, 'WINNER'],
      ['a', 45.5, 2, 'PRIZE_WINNER'],
      ['b', 45.5, 2, 'PRIZE_WINNER'],
      ['c', 45.49, 4, 'PRIZE_WINNER'],
    ]);
    // With a maximum of 91 the minimum is 45.5: the tied pair sits exactly on it.
    expect(statusesOf(entries, 91, roomy).map((e) => e.status)).toEqual(['WINNER', 'PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT']);
  });

  it('does not depend on the input order (it ranks first)', () => {
    const scores = [95, 90, 89, 88, 87, 86, 85, 84, 80, 80, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61];
    const forward = statusesOf(field(scores), 100, DEFAULT_QUOTAS);
    expect(statusesOf(field(scores).reverse(), 100, DEFAULT_QUOTAS)).toEqual(forward);
  });

  it('never splits equal scores, never gives a lower score a better status, and WITHIN_QUOTA never exceeds a quota (400 generated partitions)', () => {
    let seed = 42; // Park–Miller: the same partitions every run
    const next = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const order: Record<ParticipantStatus, number> = { WINNER: 2, PRIZE_WINNER: 1, PARTICIPANT: 0 };
    const broken: string[] = []; // collected, not asserted one by one: expect() in the inner loop costs seconds
    for (let run = 0; run < 400; run++) {
      const settings: QuotaSettings = {
        awardedShare: [0.45, 0.3, 1][next(3)] ?? 0.45,
        winnerShare: [0.08, 0.2, 0][next(3)] ?? 0.08,
        minScoreShare: 0.5,
        tieRule: run % 2 ? 'ALL_TIED' : 'WITHIN_QUOTA',
      };
      const scores = Array.from({ length: next(41) }, () => next(21) / (next(2) ? 1 : 2)); // many ties, some halves
      const awarded = statusesOf(field(scores), 20, settings);
      const where = `run ${run} ${JSON.stringify(scores)}`;
      for (const a of awarded) {
        for (const b of awarded) {
          if (a.score === b.score && a.status !== b.status) broken.push(`${where}: ${a.score} split`);
          if (a.score > b.score && order[a.status] < order[b.status]) broken.push(`${where}: ${a.score} below ${b.score}`);
        }
        if (a.score <= 10 && a.status !== 'PARTICIPANT') broken.push(`${where}: ${a.score} at or below the minimum`);
      }
      if (settings.tieRule === 'WITHIN_QUOTA') {
        const quotas = quotasFor(
          scores.length,
          settings,
          scores.some((s) => s > 10),
        );
        if (awarded.filter((e) => e.status === 'WINNER').length > quotas.winners) broken.push(`${where}: winner quota exceeded`);
        if (awarded.filter((e) => e.status !== 'PARTICIPANT').length > quotas.awarded) broken.push(`${where}: awarded quota exceeded`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('refuses a maximum that is not above 0, a score above the maximum and inconsistent shares', () => {
    expect(refusedField(() => statusesOf(field([1]), 0, DEFAULT_QUOTAS))).toBe('maxScore');
    expect(refusedField(() => statusesOf(field([100.01]), 100, DEFAULT_QUOTAS))).toBe('score');
    expect(refusedField(() => statusesOf(field([1]), 100, { ...DEFAULT_QUOTAS, awardedShare: 1.2 }))).toBe('quotas.awardedShare');
    expect(refusedField(() => statusesOf(field([1]), 100, { ...DEFAULT_QUOTAS, winnerShare: 0.5, awardedShare: 0.4 }))).toBe('quotas.winnerShare');
  });
});

describe('what-if previews', () => {
  // The awarded-boundary partition of 20, spread over three schools in two municipalities.
  const scores = [95, 90, 89, 88, 87, 86, 85, 84, 80, 80, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61];
  const schoolOf = (i: number) => (i < 5 ? 's1' : i < 12 ? 's2' : 's3');
  const participants = field(scores).map((e, i) => ({ ...e, schoolId: schoolOf(i), municipalityId: schoolOf(i) === 's3' ? 'm2' : 'm1' }));

  it('counts statuses in total, per school and per municipality, and shows where a tie cuts', () => {
    const preview = previewQuotas(participants, 100, DEFAULT_QUOTAS);
    expect({ ...preview, entries: undefined }).toEqual({
      entries: undefined,
      quotas: { winners: 1, awarded: 9 },
      winners: 1,
      prizeWinners: 7,
      participants: 12,
      total: 20,
      bySchool: [
        { schoolId: 's1', winners: 1, prizeWinners: 4, participants: 0, total: 5 },
        { schoolId: 's2', winners: 0, prizeWinners: 3, participants: 4, total: 7 },
        { schoolId: 's3', winners: 0, prizeWinners: 0, participants: 8, total: 8 },
      ],
      byMunicipality: [
        { municipalityId: 'm1', winners: 1, prizeWinners: 7, participants: 4, total: 12 },
        { municipalityId: 'm2', winners: 0, prizeWinners: 0, participants: 8, total: 8 },
      ],
      cuts: [{ boundary: 'AWARDED', score: 80, quota: 9, seatsLeft: 1, tiedAtBoundary: 2, participantIds: ['p09', 'p10'], leftOut: 2, letInBeyondQuota: 0 }],
    });
  });

  it('previews another tie rule: ALL_TIED lets the tied pair in, one over the quota', () => {
    const preview = previewQuotas(participants, 100, allTied);
    expect([preview.winners, preview.prizeWinners, preview.participants]).toEqual([1, 9, 10]);
    expect(preview.bySchool.find((s) => s.schoolId === 's2')).toEqual({ schoolId: 's2', winners: 0, prizeWinners: 5, participants: 2, total: 7 });
    expect(preview.cuts.map((c) => [c.boundary, c.leftOut, c.letInBeyondQuota])).toEqual([['AWARDED', 0, 1]]);
  });

  it('previews an empty partition as zeros', () => {
    expect(previewQuotas([], 100, DEFAULT_QUOTAS)).toEqual({
      quotas: { winners: 0, awarded: 0 },
      entries: [],
      winners: 0,
      prizeWinners: 0,
      participants: 0,
      total: 0,
      bySchool: [],
      byMunicipality: [],
      cuts: [],
    });
  });

  it('counts who reaches a passing score (score ≥ it) and who sits exactly on it, per school and municipality', () => {
    const entries = [
      { participantId: 'a', score: 45, schoolId: 's1', municipalityId: 'm1' },
      { participantId: 'b', score: 30.5, schoolId: 's1', municipalityId: 'm1' },
      { participantId: 'c', score: 30.5, schoolId: 's2', municipalityId: 'm1' },
      { participantId: 'd', score: 30.49, schoolId: 's2', municipalityId: 'm1' },
      { participantId: 'e', score: 30, schoolId: 's3', municipalityId: 'm2' },
      { participantId: 'f', score: 12, schoolId: 's3', municipalityId: 'm2' },
    ];
    expect(previewPassingScore(entries, 30.5)).toEqual({
      passingScore: 30.5,
      reaching: 3,
      atPassingScore: 2,
      total: 6,
      bySchool: [
        { schoolId: 's1', reaching: 2, atPassingScore: 1, total: 2 },
        { schoolId: 's2', reaching: 1, atPassingScore: 1, total: 2 },
        { schoolId: 's3', reaching: 0, atPassingScore: 0, total: 2 },
      ],
      byMunicipality: [
        { municipalityId: 'm1', reaching: 3, atPassingScore: 2, total: 4 },
        { municipalityId: 'm2', reaching: 0, atPassingScore: 0, total: 2 },
      ],
    });
    const lower = previewPassingScore(entries, 30);
    expect([lower.reaching, lower.atPassingScore]).toEqual([5, 1]);
    expect(previewPassingScore([], 30)).toEqual({ passingScore: 30, reaching: 0, atPassingScore: 0, total: 0, bySchool: [], byMunicipality: [] });
  });

  it('refuses a passing score that is negative or not a number', () => {
    expect(refusedField(() => previewPassingScore([], -1))).toBe('passingScore');
    expect(refusedField(() => previewPassingScore([], Number.NaN))).toBe('passingScore');
  });
});

describe('rank changes', () => {
  // 13 participants: 1 winner seat, 5 awarded.
  const scores = [90, 85, 80, 75, 70, 65, 60, 55, 52, 45, 40, 35, 30];
  const protocol = (changed: Record<string, number> = {}, without: string[] = []) =>
    statusesOf(
      field(scores)
        .filter((e) => !without.includes(e.participantId))
        .map((e) => ({ ...e, score: changed[e.participantId] ?? e.score })),
      100,
      DEFAULT_QUOTAS,
    );

  it("one participant's score going up moves them into the prize-winners and another participant out", () => {
    expect(rankChanges(protocol(), protocol({ p06: 72 }))).toEqual([
      { participantId: 'p06', before: { rank: 6, status: 'PARTICIPANT', score: 65 }, after: { rank: 5, status: 'PRIZE_WINNER', score: 72 } },
      { participantId: 'p05', before: { rank: 5, status: 'PRIZE_WINNER', score: 70 }, after: { rank: 6, status: 'PARTICIPANT', score: 70 } },
    ]);
  });

  it('a raised score that ties at the awarded boundary takes the status from the other tied participant too (WITHIN_QUOTA)', () => {
    expect(rankChanges(protocol(), protocol({ p06: 70 }))).toEqual([
      { participantId: 'p05', before: { rank: 5, status: 'PRIZE_WINNER', score: 70 }, after: { rank: 5, status: 'PARTICIPANT', score: 70 } },
      { participantId: 'p06', before: { rank: 6, status: 'PARTICIPANT', score: 65 }, after: { rank: 5, status: 'PARTICIPANT', score: 70 } },
    ]);
  });

  it('a score change that keeps every rank and status lists nobody', () => {
    expect(rankChanges(protocol(), protocol({ p01: 92 }))).toEqual([]);
    expect(rankChanges(protocol(), protocol())).toEqual([]);
  });

  it('a participant in only one protocol (a retracted or late score) shows null on the other side', () => {
    expect(rankChanges(protocol(), protocol({}, ['p13']))).toEqual([
      { participantId: 'p13', before: { rank: 13, status: 'PARTICIPANT', score: 30 }, after: null },
    ]);
    expect(rankChanges(protocol({}, ['p13']), protocol())).toEqual([
      { participantId: 'p13', before: null, after: { rank: 13, status: 'PARTICIPANT', score: 30 } },
    ]);
  });
});
