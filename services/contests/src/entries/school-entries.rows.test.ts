import { envelope, rowsFrom } from '@mms/testing';
import type { EntriesEvent } from './entries.decider';
import { schoolEntriesRows } from './school-entries.rows';

const id = { stageId: 'st1', schoolId: 'sch1', municipalityId: 'm1' };
const stage = { academicYear: '2026/27', subject: 'math', level: 'SCHOOL' as const };
let version = 0;
const at = (event: EntriesEvent) => envelope(event, { tenantId: 'm1', streamId: 'entries-st1-sch1', streamVersion: ++version });

describe('school entries rows: a school’s entries for a stage in one row', () => {
  it('entered, entered again in another grade (its group moves), coded, withdrawn: one row, each student once', async () => {
    const rows = await rowsFrom(schoolEntriesRows, [
      at({ type: 'StudentEntered', data: { ...id, stage, studentId: 's1', grade: 7, groupId: 'g7' } }),
      at({ type: 'StudentEntered', data: { ...id, stage, studentId: 's2', grade: 8, groupId: 'g8' } }),
      at({ type: 'StudentEntered', data: { ...id, stage, studentId: 's2', grade: 9, groupId: 'g9' } }),
      at({
        type: 'CodesIssued',
        data: {
          ...id,
          codes: [
            { studentId: 's1', groupId: 'g7', code: 'g7-AAA' },
            { studentId: 's2', groupId: 'g9', code: 'g9-BBB' },
          ],
        },
      }),
      at({ type: 'EntryWithdrawn', data: { ...id, stage, studentId: 's1', grade: 7, reason: 'ill' } }),
    ]);
    expect(rows).toEqual([
      {
        _id: 'st1~sch1',
        ...id,
        entries: [
          { studentId: 's1', grade: 7, groupId: 'g7', code: 'g7-AAA', status: 'WITHDRAWN' },
          { studentId: 's2', grade: 9, groupId: 'g9', code: 'g9-BBB', status: 'ENTERED' },
        ],
      },
    ]);
  });
});
