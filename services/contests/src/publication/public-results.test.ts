import type { EventEnvelope } from '@mms/eventsourcing/core';
import { envelope, MemoryTable } from '@mms/testing';
import type { ProtocolRow } from '../partitions/protocol';
import { publicResultsOf } from './public-results';
import { PartitionRow, partitionRows } from '../partitions/partition.rows';
import { PublicStudentRow, publicStudentRows } from './public-results.rows';
import { PublicRevision, publicRevisionsOf } from './public-revisions';

const line = (code: string, studentId: string, schoolId: string, score: number, rank: number): ProtocolRow => ({
  code,
  studentId,
  schoolId,
  municipalityId: 'mun-a',
  grade: 9,
  taskScores: [score],
  score,
  rank,
  status: 'PARTICIPANT',
});

/** Events of one stream, numbered in order (as the event store gives them). */
const stream = (tenantId: string, streamId: string) => {
  let version = 0;
  return (type: string, data: Record<string, unknown>, opened?: { shortName: string | null }): EventEnvelope => ({
    ...envelope({ type, data } as never, { tenantId, streamId, streamVersion: ++version }),
    ...(opened ? { opened } : {}),
  });
};

const tables = () => {
  const t = {
    partitions: new MemoryTable<PartitionRow>(),
    publicStudents: new MemoryTable<PublicStudentRow>(),
    publicRevisions: new MemoryTable<PublicRevision>(),
  };
  /** As the projection: the rows, then the revisions the batch moves. */
  const feed = (...events: EventEnvelope[]) => {
    t.partitions.apply(partitionRows, events);
    t.publicStudents.apply(publicStudentRows, events);
    for (const id of publicRevisionsOf(events)) {
      const r = t.publicRevisions.rows.get(id);
      t.publicRevisions.rows.set(id, { _id: id, rev: ((r?.['rev'] as number) ?? 0) + 1, token: 'g1' });
    }
  };
  return { ...t, feed };
};
const consent = (publishResults: boolean) => ({ signedOn: '2026-09-01', participation: true, publishResults, publishWork: false });
const ids = (studentId: string, schoolId: string) => ({ studentId, schoolId, municipalityId: 'mun-a' });

describe('public results: the students’ masking facts (a pure table) and the query', () => {
  it('keeps a student’s masking facts and nothing sealed; masks at read time, so consent and erasure retract at once', async () => {
    const t = tables();
    const p = stream('mun-a', 'partition-st1~9');
    t.feed(
      p('ProtocolPublished', {
        stageId: 'st1',
        groupId: '9',
        version: 1,
        appealsUntil: 'x',
        maxScore: 10,
        rows: [line('9-AAAAAA', 's1', 'school-1', 10, 1), line('9-BBBBBB', 's2', 'school-2', 5, 2), line('9-CCCCCC', 's3', 'school-2', 4, 3)],
      }),
    );
    const s1 = stream('mun-a', 'student-s1');
    const s2 = stream('mun-a', 'student-s2');
    const sealed = { keyId: 'k', ciphertext: 'c' };
    t.feed(
      s1('StudentRegistered', { ...ids('s1', 'school-1'), grade: 9, personal: sealed, duplicateKey: 'd1' }, { shortName: 'Иванова А. С.' }),
      s1('ConsentRecorded', { ...ids('s1', 'school-1'), consent: consent(true) }),
      s2('StudentRegistered', { ...ids('s2', 'school-2'), grade: 9, personal: sealed, duplicateKey: 'd2' }, { shortName: 'Петров Б.' }),
      s2('ConsentRecorded', { ...ids('s2', 'school-2'), consent: consent(false) }),
    );
    expect(await t.publicStudents.get('s1')).toEqual({
      _id: 's1',
      tenantId: 'mun-a',
      schoolId: 'school-1',
      consent: { participation: true, publishResults: true },
      shortName: 'Иванова А. С.',
      status: 'ACTIVE',
    });
    const participants = async () => (await publicResultsOf(t, 'st1')).flatMap((g) => g.rows.map((r) => r.participant));
    // s3 was never registered here: no facts, no line.
    expect(await participants()).toEqual(['Иванова А. С.', '9-BBBBBB']);

    // A student who moved school since the protocol is still found (by id).
    t.feed(s1('StudentMovedSchool', { ...ids('s1', 'school-3'), fromSchoolId: 'school-1' }));
    expect(await participants()).toEqual(['Иванова А. С.', '9-BBBBBB']);

    t.feed(s2('ConsentWithdrawn', { ...ids('s2', 'school-2'), on: '2026-10-09' }));
    expect(await participants()).toEqual(['Иванова А. С.']);
    t.feed(s1('StudentErased', ids('s1', 'school-3')));
    expect(await participants()).toEqual([]);
    expect(await t.publicStudents.get('s1')).toMatchObject({ shortName: null, consent: null, status: 'ERASED' });
    expect(await publicResultsOf(t, 'st1')).toEqual([{ groupId: '9', status: 'PRELIMINARY', maxScore: 10, rows: [] }]);
  });

  it('reuses an answer until the stage’s protocols or its municipality’s students move', async () => {
    const t = tables();
    const p = stream('mun-a', 'partition-st1~9');
    const s1 = stream('mun-a', 'student-s1');
    t.feed(
      s1('StudentRegistered', { ...ids('s1', 'school-1'), grade: 9, personal: null, duplicateKey: null }, { shortName: 'Иванова А. С.' }),
      s1('ConsentRecorded', { ...ids('s1', 'school-1'), consent: consent(false) }),
      p('ProtocolPublished', { stageId: 'st1', groupId: '9', version: 1, appealsUntil: 'x', maxScore: 10, rows: [line('9-AAAAAA', 's1', 'school-1', 10, 1)] }),
    );
    const first = await publicResultsOf(t, 'st1');
    // Unchanged revisions: the same answer, whatever a row says meanwhile without its revision.
    t.publicStudents.rows.get('s1')!['consent'] = null;
    expect(await publicResultsOf(t, 'st1')).toBe(first);
    // Another municipality's student changes nothing here; this one's does.
    const other = stream('mun-b', 'student-s9');
    t.feed(other('StudentRegistered', { studentId: 's9', schoolId: 'school-9', municipalityId: 'mun-b', grade: 9, personal: null, duplicateKey: null }));
    expect(await publicResultsOf(t, 'st1')).toBe(first);
    t.feed(s1('ConsentRecorded', { ...ids('s1', 'school-1'), consent: consent(true) }));
    const named = await publicResultsOf(t, 'st1');
    expect(named[0]!.rows.map((r) => r.participant)).toEqual(['Иванова А. С.']);
    // A revision of the protocol (a disqualification) retracts the line.
    t.feed(p('ProtocolRevised', { stageId: 'st1', groupId: '9', version: 2, cause: 'disqualified 9-AAAAAA', maxScore: 10, rows: [] }));
    expect(await publicResultsOf(t, 'st1')).toEqual([{ groupId: '9', status: 'PRELIMINARY', maxScore: 10, rows: [] }]);
  });
});
