import { DomainError } from '@mms/eventsourcing/core';
import { jurorAgreement, nextThirdJuror, round2, ScoreMark, ScoreRound, TaskRule, taskResult, workTotal } from './scoring';

const T1: TaskRule = { taskId: 't1', maxPoints: 10, thirdCheckThreshold: 2 };
const T2: TaskRule = { taskId: 't2', maxPoints: 5, thirdCheckThreshold: 1 };

const mark = (code: string, taskId: string, jurorId: string | null, score: number, round: ScoreRound = 'FIRST'): ScoreMark => ({
  code,
  taskId,
  jurorId,
  score,
  round,
});
/** Marks of work W1, task t1. */
const m = (jurorId: string | null, score: number, round: ScoreRound = 'FIRST'): ScoreMark => mark('W1', 't1', jurorId, score, round);

const errorCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
};

describe('taskResult, SINGLE mode', () => {
  it('awaits a score while there is none', () => {
    expect(taskResult(T1, [], 'SINGLE', 'MEAN')).toEqual({ status: 'AWAITING_SCORES', final: null, needsThirdCheck: false, jurors: [] });
  });

  it('takes one score as final', () => {
    expect(taskResult(T1, [m('a', 7.5)], 'SINGLE', 'MEAN')).toEqual({ status: 'FINAL', final: 7.5, needsThirdCheck: false, jurors: ['a'] });
  });

  it('replaces a score by a later score of the same juror', () => {
    expect(taskResult(T1, [m('a', 7), m('a', 4)], 'SINGLE', 'MEAN')).toMatchObject({ final: 4, jurors: ['a'] });
  });

  it('takes an imported row without a juror as final', () => {
    expect(taskResult(T1, [m(null, 6, 'IMPORTED')], 'SINGLE', 'MEAN')).toEqual({ status: 'FINAL', final: 6, needsThirdCheck: false, jurors: [] });
  });

  it('lets a later import replace a juror score (the last recorded score is final)', () => {
    expect(taskResult(T1, [m('a', 7), m(null, 8, 'IMPORTED')], 'SINGLE', 'MEAN').final).toBe(8);
  });

  it('ignores marks of other tasks', () => {
    expect(taskResult(T1, [mark('W1', 't2', 'a', 3)], 'SINGLE', 'MEAN').status).toBe('AWAITING_SCORES');
  });

  it('never starts a third check, however far two scores are apart', () => {
    expect(taskResult(T1, [m('a', 0), m('b', 10)], 'SINGLE', 'MEAN')).toMatchObject({ status: 'FINAL', final: 10, needsThirdCheck: false });
  });
});

describe('taskResult, DOUBLE mode', () => {
  it('awaits the second juror after one score', () => {
    expect(taskResult(T1, [m('a', 5)], 'DOUBLE', 'MEAN')).toEqual({ status: 'AWAITING_SCORES', final: null, needsThirdCheck: false, jurors: ['a'] });
  });

  it('does not pair two scores of the same juror', () => {
    expect(taskResult(T1, [m('a', 5), m('a', 6)], 'DOUBLE', 'MEAN').status).toBe('AWAITING_SCORES');
  });

  it('takes the mean of two agreeing scores', () => {
    expect(taskResult(T1, [m('a', 7), m('b', 7.5)], 'DOUBLE', 'MEAN')).toEqual({ status: 'FINAL', final: 7.25, needsThirdCheck: false, jurors: ['a', 'b'] });
  });

  it('rounds the mean to hundredths, half up', () => {
    expect(taskResult(T1, [m('a', 2.01), m('b', 2.02)], 'DOUBLE', 'MEAN').final).toBe(2.02);
    expect(taskResult(T1, [m('a', 1), m('b', 1.33)], 'DOUBLE', 'MEAN').final).toBe(1.17);
  });

  it('takes the higher of two agreeing scores when so set', () => {
    expect(taskResult(T1, [m('a', 7), m('b', 8.5)], 'DOUBLE', 'HIGHER').final).toBe(8.5);
    expect(taskResult(T1, [m('a', 8.5), m('b', 7)], 'DOUBLE', 'HIGHER').final).toBe(8.5);
  });

  it('agrees just below the threshold', () => {
    expect(taskResult(T1, [m('a', 5), m('b', 6.99)], 'DOUBLE', 'MEAN')).toMatchObject({ status: 'FINAL', final: 6, needsThirdCheck: false });
  });

  it('starts a third check at a difference exactly at the threshold', () => {
    expect(taskResult(T1, [m('a', 5), m('b', 7)], 'DOUBLE', 'MEAN')).toEqual({
      status: 'AWAITING_THIRD',
      final: null,
      needsThirdCheck: true,
      jurors: ['a', 'b'],
    });
  });

  it('starts a third check at the threshold despite binary rounding (3.3 − 1.3)', () => {
    expect(taskResult(T1, [m('a', 3.3), m('b', 1.3)], 'DOUBLE', 'MEAN').status).toBe('AWAITING_THIRD');
  });

  it('uses each task its own threshold', () => {
    const lenient: TaskRule = { ...T1, thirdCheckThreshold: 3 };
    expect(taskResult(lenient, [m('a', 5), m('b', 7)], 'DOUBLE', 'MEAN')).toMatchObject({ status: 'FINAL', final: 6 });
    expect(taskResult(T2, [mark('W1', 't2', 'a', 2), mark('W1', 't2', 'b', 3)], 'DOUBLE', 'MEAN').status).toBe('AWAITING_THIRD');
  });

  it('takes the third score as final, not a mean with the first two', () => {
    expect(taskResult(T1, [m('a', 2), m('b', 8), m('c', 3, 'THIRD')], 'DOUBLE', 'MEAN')).toEqual({
      status: 'FINAL',
      final: 3,
      needsThirdCheck: true,
      jurors: ['a', 'b', 'c'],
    });
    expect(taskResult(T1, [m('a', 2), m('b', 8), m('c', 3, 'THIRD')], 'DOUBLE', 'HIGHER').final).toBe(3);
  });

  it('lets the third juror correct their score', () => {
    expect(taskResult(T1, [m('a', 2), m('b', 8), m('c', 3, 'THIRD'), m('c', 4, 'THIRD')], 'DOUBLE', 'MEAN').final).toBe(4);
  });

  it('refuses a third score by a juror who already scored the task of this work', () => {
    expect(errorCode(() => taskResult(T1, [m('a', 2), m('b', 8), m('a', 5, 'THIRD')], 'DOUBLE', 'MEAN'))).toBe('THIRD_JUROR_NOT_NEW');
    expect(errorCode(() => taskResult(T1, [m('a', 2), m('c', 5, 'THIRD'), m('c', 8)], 'DOUBLE', 'MEAN'))).toBe('THIRD_JUROR_NOT_NEW');
  });

  it('lets a juror of another task of the same work make the third check', () => {
    const marks = [m('a', 2), m('b', 8), mark('W1', 't2', 'c', 1), m('c', 6, 'THIRD')];
    expect(taskResult(T1, marks, 'DOUBLE', 'MEAN').final).toBe(6);
  });

  it('refuses a second third juror and a third first-round juror', () => {
    expect(errorCode(() => taskResult(T1, [m('a', 2), m('b', 8), m('c', 3, 'THIRD'), m('d', 4, 'THIRD')], 'DOUBLE', 'MEAN'))).toBe('THIRD_CHECK_TAKEN');
    expect(errorCode(() => taskResult(T1, [m('a', 2), m('b', 8), m('c', 3)], 'DOUBLE', 'MEAN'))).toBe('TOO_MANY_JURORS');
  });

  it('recomputes after a first-round correction: agreement again makes the third score irrelevant', () => {
    const marks = [m('a', 2), m('b', 8), m('c', 3, 'THIRD'), m('a', 7.5)];
    expect(taskResult(T1, marks, 'DOUBLE', 'MEAN')).toEqual({ status: 'FINAL', final: 7.75, needsThirdCheck: false, jurors: ['a', 'b'] });
  });

  it('counts imported rows naming a juror as first-round scores', () => {
    expect(taskResult(T1, [m('a', 4, 'IMPORTED'), m('b', 5, 'IMPORTED')], 'DOUBLE', 'MEAN')).toMatchObject({ status: 'FINAL', final: 4.5 });
  });

  it('requires a juror on every DOUBLE-mode score', () => {
    expect(errorCode(() => taskResult(T1, [m('a', 4), m(null, 5, 'IMPORTED')], 'DOUBLE', 'MEAN'))).toBe('JUROR_REQUIRED');
  });
});

describe('score range (validated upstream, asserted here)', () => {
  it.each([
    ['above the maximum', 10.5],
    ['below zero', -1],
    ['not a number', Number.NaN],
  ])('refuses a score %s', (_what, score) => {
    expect(errorCode(() => taskResult(T1, [m('a', score)], 'SINGLE', 'MEAN'))).toBe('SCORE_OUT_OF_RANGE');
    expect(errorCode(() => taskResult(T1, [m('a', 5), m('b', score)], 'DOUBLE', 'MEAN'))).toBe('SCORE_OUT_OF_RANGE');
  });

  it('accepts 0 and the maximum', () => {
    expect(taskResult(T1, [m('a', 0), m('b', 10), m('c', 10, 'THIRD')], 'DOUBLE', 'MEAN').final).toBe(10);
  });
});

describe('workTotal', () => {
  it('sums the task finals in the order of the rules once every task is final', () => {
    const marks = [mark('W1', 't2', 'a', 3), mark('W1', 't1', 'a', 7), mark('W1', 't1', 'b', 8), mark('W1', 't2', 'b', 3.5)];
    const w = workTotal([T1, T2], marks, 'DOUBLE', 'MEAN');
    expect(w.total).toBe(10.75);
    expect(w.complete).toBe(true);
    expect(w.tasks.map((t) => [t.taskId, t.final])).toEqual([
      ['t1', 7.5],
      ['t2', 3.25],
    ]);
  });

  it('has no total while any task is not final', () => {
    const awaitingThird = [mark('W1', 't1', 'a', 2), mark('W1', 't1', 'b', 8), mark('W1', 't2', 'a', 3), mark('W1', 't2', 'b', 3)];
    expect(workTotal([T1, T2], awaitingThird, 'DOUBLE', 'MEAN')).toMatchObject({ total: null, complete: false });
    expect(workTotal([T1, T2], [mark('W1', 't1', 'a', 2)], 'SINGLE', 'MEAN')).toMatchObject({ total: null, complete: false });
  });

  it('adds in hundredths without binary noise', () => {
    const rules: TaskRule[] = [1, 2].map((i) => ({ taskId: `t${i}`, maxPoints: 1, thirdCheckThreshold: 2 }));
    const marks = [mark('W1', 't1', 'a', 0.1), mark('W1', 't2', 'a', 0.2)];
    expect(workTotal(rules, marks, 'SINGLE', 'MEAN').total).toBe(0.3);
    expect(0.1 + 0.2).not.toBe(0.3); // why the total is rounded
  });

  it('refuses a mark of a task the partition does not have, and marks of several works', () => {
    expect(errorCode(() => workTotal([T1], [mark('W1', 't9', 'a', 1)], 'SINGLE', 'MEAN'))).toBe('UNKNOWN_TASK');
    expect(errorCode(() => workTotal([T1], [mark('W1', 't1', 'a', 1), mark('W2', 't1', 'a', 1)], 'SINGLE', 'MEAN'))).toBe('MIXED_CODES');
  });
});

describe('jurorAgreement', () => {
  // DOUBLE, MEAN. t1: max 10, threshold 2; t2: max 5, threshold 1.
  const partition: ScoreMark[] = [
    mark('C1', 't1', 'A', 6),
    mark('C1', 't1', 'B', 7), // final 6.5: A off by 0.5, B by 0.5
    mark('C1', 't2', 'A', 3),
    mark('C1', 't2', 'B', 3), // final 3
    mark('C2', 't1', 'A', 2),
    mark('C2', 't1', 'B', 8), // third check
    mark('C2', 't1', 'C', 7, 'THIRD'), // final 7: A off by 5, B by 1
    mark('C2', 't2', 'A', 4),
    mark('C2', 't2', 'B', 5), // third check, still awaited
    mark('C3', 't1', 'B', 9), // A has not scored yet
    mark('C4', 't1', 'A', 4),
    mark('C4', 't1', 'C', 5.5),
    mark('C4', 't1', 'A', 5), // A's correction; final 5.25: A off by 0.25, C by 0.25
  ];

  it('gives each juror marks, mean deviation from the final and third checks triggered, sorted by juror', () => {
    expect(jurorAgreement([T1, T2], partition, 'DOUBLE', 'MEAN')).toEqual([
      // (0.5 + 0 + 5 + 0.25) / 4 = 1.4375; third checks on C2 t1 and t2 of 5 paired marks
      { jurorId: 'A', scored: 5, compared: 4, meanDeviation: 1.44, thirdChecksTriggered: 2, thirdCheckShare: 0.4 },
      // (0.5 + 0 + 1) / 3; C3 is not yet paired
      { jurorId: 'B', scored: 5, compared: 3, meanDeviation: 0.5, thirdChecksTriggered: 2, thirdCheckShare: 0.5 },
      // the third score is the final, so only C4 is compared
      { jurorId: 'C', scored: 2, compared: 1, meanDeviation: 0.25, thirdChecksTriggered: 0, thirdCheckShare: 0 },
    ]);
  });

  it('compares with the higher score when that is the final', () => {
    const [a, b] = jurorAgreement([T1], [mark('C1', 't1', 'A', 6), mark('C1', 't1', 'B', 7)], 'DOUBLE', 'HIGHER');
    expect(a).toMatchObject({ jurorId: 'A', meanDeviation: 1 });
    expect(b).toMatchObject({ jurorId: 'B', meanDeviation: 0 });
  });

  it('in SINGLE mode has no third checks and no deviation from one own score', () => {
    const marks = [mark('C1', 't1', 'A', 6), mark('C2', 't1', 'A', 3), mark('C1', 't2', 'B', 2)];
    expect(jurorAgreement([T1, T2], marks, 'SINGLE', 'MEAN')).toEqual([
      { jurorId: 'A', scored: 2, compared: 2, meanDeviation: 0, thirdChecksTriggered: 0, thirdCheckShare: 0 },
      { jurorId: 'B', scored: 1, compared: 1, meanDeviation: 0, thirdChecksTriggered: 0, thirdCheckShare: 0 },
    ]);
  });

  it('is empty without marks and leaves out jurorless imports', () => {
    expect(jurorAgreement([T1], [], 'DOUBLE', 'MEAN')).toEqual([]);
    expect(jurorAgreement([T1], [mark('C1', 't1', null, 5, 'IMPORTED')], 'SINGLE', 'MEAN')).toEqual([]);
  });
});

describe('nextThirdJuror', () => {
  it('picks the least-loaded juror who has not scored the work', () => {
    expect(nextThirdJuror(['a', 'b', 'c', 'd'], ['a', 'b'], { a: 0, b: 0, c: 5, d: 2 })).toBe('d');
  });

  it('breaks ties by juror id and counts a juror missing from the load as 0', () => {
    expect(nextThirdJuror(['e', 'd', 'c'], [], { c: 1 })).toBe('d');
  });

  it('gives null when every candidate has already scored', () => {
    expect(nextThirdJuror(['a', 'b'], ['a', 'b'], {})).toBeNull();
    expect(nextThirdJuror([], [], {})).toBeNull();
  });
});

describe('round2', () => {
  it('rounds half up despite binary representation', () => {
    expect(round2(2.015)).toBe(2.02);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(1.4375)).toBe(1.44);
  });
});
