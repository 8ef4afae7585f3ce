import type { PartitionEvent } from './partition.decider';
import { workAudit } from './work-audit';

const ids = { stageId: 'st1', groupId: '9' };
const at = (n: number, subject: string, role: string) => ({ occurredAt: `2026-10-0${n}T10:00:00.000Z`, actor: { subject, role } });
const events = [
  {
    ...at(1, 'meth', 'municipal_methodologist'),
    type: 'WorksAssigned',
    data: {
      ...ids,
      works: [],
      assignments: [
        { code: '9-AAAAAA', jurorIds: ['j1', 'j2'] },
        { code: '9-BBBBBB', jurorIds: ['j2', 'j3'] },
      ],
      unassigned: [],
    },
  },
  {
    ...at(2, 'juror-j2', 'juror'),
    type: 'ScoresRecorded',
    data: {
      ...ids,
      batchId: 'b1',
      works: [],
      marks: [
        { code: '9-AAAAAA', taskId: 't1', jurorId: 'j2', score: 6, round: 'FIRST' },
        { code: '9-BBBBBB', taskId: 't1', jurorId: 'j2', score: 3, round: 'FIRST' },
      ],
      thirdChecks: [{ code: '9-AAAAAA', taskId: 't1', jurorId: 'j3' }],
    },
  },
  {
    ...at(3, 'juror-j3', 'juror'),
    type: 'ScoresRecorded',
    data: { ...ids, batchId: 'b2', works: [], marks: [{ code: '9-AAAAAA', taskId: 't1', jurorId: 'j3', score: 4, round: 'THIRD' }] },
  },
  { ...at(4, 'meth', 'municipal_methodologist'), type: 'ProtocolPublished', data: { ...ids, version: 1, appealsUntil: 'x', maxScore: 10, rows: [] } },
  {
    ...at(5, 'juror-j4', 'juror'),
    type: 'AppealDecided',
    data: { ...ids, appealId: 'a1', code: '9-AAAAAA', taskId: 't1', decision: 'RAISE', from: 4, to: 5, reason: 'r', decidedBy: 'j4' },
  },
] as (PartitionEvent & { occurredAt: string; actor: { subject: string; role: string } })[];

describe('work audit', () => {
  it('lists who was given and who scored one code, when and on whose command, in order', () => {
    expect(workAudit(events, '9-AAAAAA').map((e) => [e.action, e.jurorId, e.taskId, e.score, e.at.slice(0, 10), e.by])).toEqual([
      ['ASSIGNED', 'j1', null, null, '2026-10-01', 'meth'],
      ['ASSIGNED', 'j2', null, null, '2026-10-01', 'meth'],
      ['SCORED', 'j2', 't1', 6, '2026-10-02', 'juror-j2'],
      ['THIRD_CHECK_DESIGNATED', 'j3', 't1', null, '2026-10-02', 'juror-j2'],
      ['THIRD_CHECK_SCORED', 'j3', 't1', 4, '2026-10-03', 'juror-j3'],
      ['APPEAL_DECIDED', 'j4', 't1', 5, '2026-10-05', 'juror-j4'],
    ]);
  });

  it('without a code, every code; events that name no juror and code add nothing', () => {
    const all = workAudit(events);
    expect(new Set(all.map((e) => e.code))).toEqual(new Set(['9-AAAAAA', '9-BBBBBB']));
    expect(all).toHaveLength(9);
    expect(workAudit(events, '9-CCCCCC')).toEqual([]);
  });
});
