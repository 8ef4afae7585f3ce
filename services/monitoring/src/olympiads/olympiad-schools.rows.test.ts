import type { EventEnvelope } from '@mms/eventsourcing/core';
import { MemoryTable, rowsFrom } from '@mms/testing';
import { olympiadSchoolRowId, olympiadSchoolRows, OlympiadSchoolRow, protocolsPerSchool, schoolYearsOf } from './olympiad-schools.rows';
import { participation, protocol, StageOf } from './olympiads.in-memory';

const mathsSchool: StageOf = { stageId: 'math-s-m1', subject: 'MATHEMATICS', level: 'SCHOOL', organiser: 'm1' };
const physicsSchool: StageOf = { stageId: 'phys-s-m1', subject: 'PHYSICS', level: 'SCHOOL', organiser: 'm1' };
const mathsMunicipal: StageOf = { stageId: 'math-m-m1', subject: 'MATHEMATICS', level: 'MUNICIPAL', organiser: 'm1' };
const ann = { studentId: 'ann', schoolId: 'o1', municipalityId: 'm1' };
const bob = { studentId: 'bob', schoolId: 'o1', municipalityId: 'm1' };
const cat = { studentId: 'cat', schoolId: 'o2', municipalityId: 'm1' };

const rowsOf = (events: EventEnvelope[]) => rowsFrom(olympiadSchoolRows, protocolsPerSchool(events));

describe('olympiad rows: a school and academic year', () => {
  it('keeps entered students per stage, sorted; a withdrawal takes the student out, entering again puts them back', async () => {
    const rows = await rowsOf([
      participation(mathsSchool, bob, 1),
      participation(mathsSchool, ann, 2),
      participation(physicsSchool, ann, 1),
      participation(mathsSchool, bob, 3, false),
      participation(physicsSchool, ann, 2, false),
      participation(physicsSchool, ann, 3),
    ]);
    expect(rows).toEqual([
      {
        _id: olympiadSchoolRowId('2025/2026', 'o1'),
        schoolId: 'o1',
        municipalityId: 'm1',
        academicYear: '2025/2026',
        stages: [
          { stageId: 'math-s-m1', subject: 'MATHEMATICS', level: 'SCHOOL', entered: ['ann'], listed: [], winners: [], prizeWinners: [] },
          { stageId: 'phys-s-m1', subject: 'PHYSICS', level: 'SCHOOL', entered: ['ann'], listed: [], winners: [], prizeWinners: [] },
        ],
      },
    ]);
  });

  it('drops a stage nobody is entered for or listed in any more', async () => {
    const [row] = await rowsOf([participation(mathsSchool, ann, 1), participation(mathsSchool, ann, 2, false)]);
    expect(row?.stages).toEqual([]);
  });

  it('a final protocol lists each school’s students in that school’s row, with their statuses', async () => {
    const rows = await rowsOf([
      protocol(mathsMunicipal, '9', 1, [
        [ann, 'WINNER'],
        [cat, 'PRIZE_WINNER'],
        [bob, 'PARTICIPANT'],
      ]),
    ]);
    expect(rows.map((r) => [r._id, r.stages])).toEqual([
      [
        '2025/2026~o1',
        [{ stageId: 'math-m-m1', subject: 'MATHEMATICS', level: 'MUNICIPAL', entered: [], listed: ['ann', 'bob'], winners: ['ann'], prizeWinners: [] }],
      ],
      [
        '2025/2026~o2',
        [{ stageId: 'math-m-m1', subject: 'MATHEMATICS', level: 'MUNICIPAL', entered: [], listed: ['cat'], winners: [], prizeWinners: ['cat'] }],
      ],
    ]);
  });

  it('a student the protocol lists stays listed after their entry is withdrawn', async () => {
    const [row] = await rowsOf([
      participation(mathsMunicipal, ann, 1),
      protocol(mathsMunicipal, '9', 1, [[ann, 'PARTICIPANT']]),
      participation(mathsMunicipal, ann, 2, false),
    ]);
    expect(row?.stages[0]).toMatchObject({ entered: [], listed: ['ann'] });
  });

  it('the same rows whatever the order across streams, and a redelivered event changes nothing', async () => {
    const events = [
      participation(mathsSchool, ann, 1),
      participation(mathsSchool, bob, 2),
      participation(mathsSchool, bob, 3, false),
      participation(mathsMunicipal, ann, 1),
      protocol(mathsMunicipal, '9', 1, [[ann, 'WINNER']]),
      protocol(mathsMunicipal, '10', 1, [[cat, 'PARTICIPANT']]),
      participation(physicsSchool, cat, 1),
    ];
    const inOrder = await rowsOf(events);
    // Streams interleaved otherwise (each stream's own order kept), protocols first.
    const shuffled = [events[5]!, events[4]!, events[6]!, events[3]!, events[0]!, events[1]!, events[2]!];
    expect(await rowsOf(shuffled)).toEqual(inOrder);
    // Early events again after later ones: bob's entry must stay withdrawn.
    const table = new MemoryTable<OlympiadSchoolRow>().apply(olympiadSchoolRows, protocolsPerSchool(events));
    table.apply(olympiadSchoolRows, protocolsPerSchool([events[1]!, events[4]!, events[0]!]));
    expect(await table.find({}, { sort: { _id: 1 } })).toEqual(inOrder);
  });

  it('keeps academic years apart and the municipality the first event named', async () => {
    const nextYear = { ...mathsSchool, stageId: 'math-s-m1-27', academicYear: '2026/2027' };
    const rows = await rowsOf([participation(mathsSchool, ann, 1), participation(nextYear, ann, 1)]);
    expect(rows.map((r) => [r._id, r.academicYear, r.municipalityId])).toEqual([
      ['2025/2026~o1', '2025/2026', 'm1'],
      ['2026/2027~o1', '2026/2027', 'm1'],
    ]);
  });

  it('names every school-year row an event touches, once each, and ignores other events', () => {
    const p = protocol(mathsMunicipal, '9', 1, [
      [ann, 'WINNER'],
      [bob, 'PARTICIPANT'],
      [cat, 'PARTICIPANT'],
    ]);
    expect(schoolYearsOf(p).map((s) => s.id)).toEqual(['2025/2026~o1', '2025/2026~o2']);
    expect(olympiadSchoolRows.rowsOf({ ...p, type: 'contests.SomethingElse' })).toEqual([]);
    expect(
      protocolsPerSchool([p]).map((e) => [e.streamId, e.streamVersion, (e.data as { results: { studentId: string }[] }).results.map((r) => r.studentId)]),
    ).toEqual([
      ['math-m-m1~9', 1, ['ann', 'bob']],
      ['math-m-m1~9', 1, ['cat']],
    ]);
  });
});
