import { DomainError, NotFoundError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { PartitionCommand, partitionDecider, PartitionEvent, protocolOf } from './partition.decider';
import type { PartitionRules, PartitionWork } from './protocol';
import { thirdCheckJurors } from './third-checks';
import { DEFAULT_QUOTAS } from './ranking';

const spec = deciderSpec(partitionDecider);
const ids = { stageId: 'st1', groupId: '9' };
const single: PartitionRules = {
  tasks: [
    { taskId: 't1', maxPoints: 10, thirdCheckThreshold: 2 },
    { taskId: 't2', maxPoints: 10, thirdCheckThreshold: 2 },
  ],
  scoringMode: 'SINGLE',
  agreeingFinal: 'MEAN',
  quotas: DEFAULT_QUOTAS,
};
const double: PartitionRules = { ...single, scoringMode: 'DOUBLE' };
const jury = [
  { jurorId: 'j1', organizationId: 'school-1' },
  { jurorId: 'j2', organizationId: 'school-2' },
  { jurorId: 'j3', organizationId: null },
];
const work = (n: number, schoolId = 'school-3'): PartitionWork => ({ code: `9-C${n}`, studentId: `s${n}`, schoolId, municipalityId: 'mun-a', grade: 9 });
const record = (
  batchId: string,
  marks: { code: string; taskId: string; jurorId: string | null; score: number }[],
  rules = single,
  works = [work(1), work(2), work(3)],
): PartitionCommand => ({
  type: 'RecordScores',
  ...ids,
  batchId,
  rules,
  jury,
  works,
  marks,
});
const recorded = (
  batchId: string,
  marks: { code: string; taskId: string; jurorId: string | null; score: number; round?: 'FIRST' | 'THIRD' }[],
  works: PartitionWork[] = [],
): PartitionEvent => ({
  type: 'ScoresRecorded',
  data: { ...ids, batchId, works, marks: marks.map((m) => ({ round: 'FIRST', ...m })) },
});

const three = (): PartitionEvent[] => [
  recorded(
    'b1',
    [
      { code: '9-C1', taskId: 't1', jurorId: null, score: 9 },
      { code: '9-C1', taskId: 't2', jurorId: null, score: 9 },
      { code: '9-C2', taskId: 't1', jurorId: null, score: 6 },
      { code: '9-C2', taskId: 't2', jurorId: null, score: 5 },
      { code: '9-C3', taskId: 't1', jurorId: null, score: 5 },
      { code: '9-C3', taskId: 't2', jurorId: null, score: 5 },
    ],
    [work(1), work(2), work(3)],
  ),
];
const published = (): PartitionEvent => {
  const state = three().reduce(partitionDecider.evolve, partitionDecider.initialState());
  const p = protocolOf(state, single);
  return { type: 'ProtocolPublished', data: { ...ids, version: 1, appealsUntil: '2026-10-08T16:59:00.000Z', maxScore: p.maxScore, rows: p.rows } };
};

describe('scores', () => {
  it('records a batch once: the same batch again, or the same scores in another batch, add nothing', () => {
    const marks = [{ code: '9-C1', taskId: 't1', jurorId: null, score: 7 }];
    spec
      .given([])
      .when(record('b1', marks))
      .then([recorded('b1', marks, [work(1)])]);
    spec
      .given([recorded('b1', marks, [work(1)])])
      .when(record('b1', marks))
      .then([]);
    spec
      .given([recorded('b1', marks, [work(1)])])
      .when(record('b2', marks))
      .then([]);
  });

  it('refuses an unknown code or task, points above the maximum or with three decimals', () => {
    spec
      .given([])
      .when(record('b', [{ code: '9-X', taskId: 't1', jurorId: null, score: 1 }]))
      .thenThrows(DomainError, 'UNKNOWN_CODE');
    spec
      .given([])
      .when(record('b', [{ code: '9-C1', taskId: 't9', jurorId: null, score: 1 }]))
      .thenThrows(DomainError, 'UNKNOWN_TASK');
    spec
      .given([])
      .when(record('b', [{ code: '9-C1', taskId: 't1', jurorId: null, score: 10.5 }]))
      .thenThrows(DomainError, 'SCORE_OUT_OF_RANGE');
    spec
      .given([])
      .when(record('b', [{ code: '9-C1', taskId: 't1', jurorId: null, score: 1.125 }]))
      .thenThrows(DomainError, 'SCORE_OUT_OF_RANGE');
  });

  it('a juror never scores a work from their own school; double scoring names the juror', () => {
    spec
      .given([])
      .when(record('b', [{ code: '9-C1', taskId: 't1', jurorId: 'j1', score: 1 }], single, [work(1, 'school-1')]))
      .thenThrows(DomainError, 'CONFLICT_OF_INTEREST');
    spec
      .given([])
      .when(record('b', [{ code: '9-C1', taskId: 't1', jurorId: null, score: 1 }], double))
      .thenThrows(DomainError, 'JUROR_REQUIRED');
    spec
      .given([])
      .when(record('b', [{ code: '9-C1', taskId: 't1', jurorId: 'jx', score: 1 }], double))
      .thenThrows(DomainError, 'UNKNOWN_JUROR');
  });

  it('double scoring: a third juror only where the two differ by the threshold, and only one', () => {
    const apart = [
      { code: '9-C1', taskId: 't1', jurorId: 'j1', score: 2 },
      { code: '9-C1', taskId: 't1', jurorId: 'j2', score: 4 },
    ];
    const close = [
      { code: '9-C1', taskId: 't2', jurorId: 'j1', score: 2 },
      { code: '9-C1', taskId: 't2', jurorId: 'j2', score: 3 },
    ];
    const given = [recorded('b1', [...apart, ...close], [work(1)])];
    spec
      .given(given)
      .when(record('b2', [{ code: '9-C1', taskId: 't1', jurorId: 'j3', score: 3 }], double))
      .then([recorded('b2', [{ code: '9-C1', taskId: 't1', jurorId: 'j3', score: 3, round: 'THIRD' }])]);
    spec
      .given(given)
      .when(record('b2', [{ code: '9-C1', taskId: 't2', jurorId: 'j3', score: 3 }], double))
      .thenThrows(DomainError, 'THIRD_CHECK_NOT_NEEDED');
    const third = recorded('b2', [{ code: '9-C1', taskId: 't1', jurorId: 'j3', score: 3, round: 'THIRD' }]);
    const state = [...given, third].reduce(partitionDecider.evolve, partitionDecider.initialState());
    expect(protocolOf(state, double).rows[0]).toMatchObject({ code: '9-C1', taskScores: [3, 2.5], score: 5.5 });
  });

  it('a third check gets its juror with the marks that call for it, and keeps them when later ones are designated', () => {
    const four = [...jury, { jurorId: 'j4', organizationId: null }];
    const apart = (code: string) => [
      { code, taskId: 't1', jurorId: 'j1', score: 2 },
      { code, taskId: 't1', jurorId: 'j2', score: 6 },
    ];
    const first = recorded('b1', apart('9-C2'), [work(2)]);
    spec
      .given([])
      .when({ ...record('b1', apart('9-C2'), double, [work(2)]), jury: four })
      .then([{ ...first, data: { ...first.data, thirdChecks: [{ code: '9-C2', taskId: 't1', jurorId: 'j3' }] } }]);
    const given: PartitionEvent[] = [{ ...first, data: { ...first.data, thirdChecks: [{ code: '9-C2', taskId: 't1', jurorId: 'j3' }] } }];
    // 9-C1 sorts first: computed afresh, it would take j3 and move 9-C2's check to j4.
    const [second] = partitionDecider.decide(
      { ...record('b2', apart('9-C1'), double, [work(1)]), jury: four },
      given.reduce(partitionDecider.evolve, partitionDecider.initialState()),
    );
    expect(second!.data).toMatchObject({ thirdChecks: [{ code: '9-C1', taskId: 't1', jurorId: 'j4' }] });
    const state = [...given, second!].reduce(partitionDecider.evolve, partitionDecider.initialState());
    expect(Object.fromEntries(thirdCheckJurors(state, double, four))).toEqual({ '9-C2|t1': 'j3', '9-C1|t1': 'j4' });
    // A designated juror who leaves the jury is replaced on read, by the same rule.
    expect(
      thirdCheckJurors(
        state,
        double,
        four.filter((j) => j.jurorId !== 'j3'),
      ).get('9-C2|t1'),
    ).toBe('j4');
  });

  it('scores are locked once the preliminary protocol is published', () => {
    spec
      .given([...three(), published()])
      .when(record('b9', [{ code: '9-C1', taskId: 't1', jurorId: null, score: 1 }]))
      .thenThrows(DomainError, 'SCORES_LOCKED');
  });
});

describe('protocol and appeals', () => {
  it('publishes only when every work is scored; ranks 1, 2, 3 with statuses', () => {
    const partial = [recorded('b1', [{ code: '9-C1', taskId: 't1', jurorId: null, score: 9 }], [work(1)])];
    spec
      .given(partial)
      .when({ type: 'PublishPreliminary', ...ids, rules: single, appealsUntil: 'x' })
      .thenThrows(DomainError, 'SCORING_INCOMPLETE');
    const p = published();
    expect(p.type === 'ProtocolPublished' && p.data.rows.map((r) => [r.code, r.rank, r.status])).toEqual([
      ['9-C1', 1, 'WINNER'],
      ['9-C2', 2, 'PARTICIPANT'],
      ['9-C3', 3, 'PARTICIPANT'],
    ]);
    spec
      .given(three())
      .when({ type: 'PublishPreliminary', ...ids, rules: single, appealsUntil: '2026-10-08T16:59:00.000Z' })
      .then([p]);
  });

  it('an appeal after the deadline, or on a task already under appeal, is refused', () => {
    const file = (appealId: string, now: string): PartitionCommand => ({
      type: 'FileAppeal',
      ...ids,
      appealId,
      code: '9-C2',
      taskId: 't1',
      kind: 'DISAGREEMENT',
      statement: 'баллы занижены',
      now,
    });
    spec
      .given([...three(), published()])
      .when(file('a1', '2026-10-08T17:00:00.000Z'))
      .thenThrows(DomainError, 'APPEALS_CLOSED');
    spec.given(three()).when(file('a1', '2026-10-08T10:00:00.000Z')).thenThrows(DomainError, 'APPEALS_CLOSED');
    const filed: PartitionEvent = {
      type: 'AppealFiled',
      data: { ...ids, appealId: 'a1', code: '9-C2', taskId: 't1', kind: 'DISAGREEMENT', statement: 'баллы занижены', filedAt: '2026-10-08T10:00:00.000Z' },
    };
    spec
      .given([...three(), published()])
      .when(file('a1', '2026-10-08T10:00:00.000Z'))
      .then([filed]);
    spec
      .given([...three(), published(), filed])
      .when(file('a2', '2026-10-08T11:00:00.000Z'))
      .thenThrows(DomainError, 'APPEAL_PENDING');
  });

  it('a raise re-ranks the whole partition: another participant moves, a new protocol version is kept', () => {
    const filed: PartitionEvent = {
      type: 'AppealFiled',
      data: {
        ...ids,
        appealId: 'a1',
        code: '9-C3',
        taskId: 't1',
        kind: 'TECHNICAL_ERROR',
        statement: 'не учтено решение',
        filedAt: '2026-10-08T10:00:00.000Z',
      },
    };
    const events = partitionDecider.decide(
      { type: 'DecideAppeal', ...ids, appealId: 'a1', decision: 'RAISE', score: 8, reason: 'решение верное', decidedBy: 'j3', rules: single },
      [...three(), published(), filed].reduce(partitionDecider.evolve, partitionDecider.initialState()),
      { tenantId: 'mun-a', streamId: 'x', version: 3 },
    );
    expect(events.map((e) => e.type)).toEqual(['AppealDecided', 'ProtocolRevised']);
    expect(events[0]!.data).toMatchObject({ from: 5, to: 8, decision: 'RAISE' });
    const revised = events[1]!.type === 'ProtocolRevised' ? events[1]!.data : null;
    expect(revised!.version).toBe(2);
    expect(revised!.rows.map((r) => [r.code, r.rank])).toEqual([
      ['9-C1', 1],
      ['9-C3', 2],
      ['9-C2', 3],
    ]);
  });

  it('a raise must raise; KEEP changes no score and makes no new version; an unknown appeal is NOT_FOUND', () => {
    const filed: PartitionEvent = {
      type: 'AppealFiled',
      data: { ...ids, appealId: 'a1', code: '9-C3', taskId: 't1', kind: 'DISAGREEMENT', statement: 's', filedAt: '2026-10-08T10:00:00.000Z' },
    };
    const given = [...three(), published(), filed];
    spec
      .given(given)
      .when({ type: 'DecideAppeal', ...ids, appealId: 'a1', decision: 'RAISE', score: 4, reason: 'r', decidedBy: 'j3', rules: single })
      .thenThrows(DomainError, 'NOT_A_RAISE');
    spec
      .given(given)
      .when({ type: 'DecideAppeal', ...ids, appealId: 'a1', decision: 'KEEP', score: null, reason: 'оценено верно', decidedBy: 'j3', rules: single })
      .then([
        {
          type: 'AppealDecided',
          data: { ...ids, appealId: 'a1', code: '9-C3', taskId: 't1', decision: 'KEEP', from: 5, to: 5, reason: 'оценено верно', decidedBy: 'j3' },
        },
      ]);
    spec
      .given(given)
      .when({ type: 'DecideAppeal', ...ids, appealId: 'zz', decision: 'KEEP', score: null, reason: 'r', decidedBy: 'j3', rules: single })
      .thenThrows(NotFoundError);
  });

  it('the final protocol waits for the deadline and every appeal, then is immutable', () => {
    const filed: PartitionEvent = {
      type: 'AppealFiled',
      data: { ...ids, appealId: 'a1', code: '9-C3', taskId: 't1', kind: 'DISAGREEMENT', statement: 's', filedAt: '2026-10-08T10:00:00.000Z' },
    };
    const stage = { academicYear: '2026/2027', subject: 'MATHEMATICS', level: 'SCHOOL' as const };
    const approve = (now: string): PartitionCommand => ({ type: 'ApproveFinal', ...ids, rules: single, stage, now });
    spec
      .given([...three(), published()])
      .when(approve('2026-10-08T12:00:00.000Z'))
      .thenThrows(DomainError, 'APPEALS_OPEN');
    spec
      .given([...three(), published(), filed])
      .when(approve('2026-10-09T12:00:00.000Z'))
      .thenThrows(DomainError, 'APPEALS_PENDING');
    const state = [...three(), published()].reduce(partitionDecider.evolve, partitionDecider.initialState());
    const [approved] = partitionDecider.decide(approve('2026-10-09T12:00:00.000Z'), state, { tenantId: 'mun-a', streamId: 'x', version: 2 });
    expect(approved).toMatchObject({ type: 'ProtocolApproved', data: { version: 2, stage } });
    spec
      .given([...three(), published(), approved!])
      .when({ type: 'DisqualifyWork', ...ids, code: '9-C1', reason: 'списывание', rules: single })
      .thenThrows(DomainError, 'PROTOCOL_FINAL');
  });

  it('a disqualification on the preliminary protocol re-ranks everyone else', () => {
    const events = partitionDecider.decide(
      { type: 'DisqualifyWork', ...ids, code: '9-C1', reason: 'списывание', rules: single },
      [...three(), published()].reduce(partitionDecider.evolve, partitionDecider.initialState()),
      { tenantId: 'mun-a', streamId: 'x', version: 2 },
    );
    const revised = events[1]!.type === 'ProtocolRevised' ? events[1]!.data.rows : [];
    expect(revised.map((r) => [r.code, r.rank])).toEqual([
      ['9-C2', 1],
      ['9-C3', 2],
    ]);
  });
});

describe('jury assignment', () => {
  it('assigns new works only, never to a juror of the work’s school, and keeps what was assigned', () => {
    const assign = (works: PartitionWork[]): PartitionCommand => ({ type: 'AssignWorks', ...ids, works, jury, perWork: 2 });
    const [first] = partitionDecider.decide(assign([work(1, 'school-1'), work(2, 'school-2')]), partitionDecider.initialState(), {
      tenantId: 'mun-a',
      streamId: 'x',
      version: 0,
    });
    expect(first!.type).toBe('WorksAssigned');
    const data = first!.type === 'WorksAssigned' ? first!.data : null;
    expect(data!.assignments.find((a) => a.code === '9-C1')!.jurorIds).not.toContain('j1');
    expect(data!.assignments.find((a) => a.code === '9-C2')!.jurorIds).not.toContain('j2');
    spec
      .given([first!])
      .when(assign([work(1, 'school-1'), work(2, 'school-2')]))
      .then([]);
    const [more] = partitionDecider.decide(
      assign([work(1, 'school-1'), work(2, 'school-2'), work(3)]),
      [first!].reduce(partitionDecider.evolve, partitionDecider.initialState()),
      {
        tenantId: 'mun-a',
        streamId: 'x',
        version: 1,
      },
    );
    expect(more!.type === 'WorksAssigned' && more!.data.assignments.map((a) => a.code)).toEqual(['9-C3']);
  });
});
