import { fixedClock } from '@mms/service-kit/core';
import { as, codeOf, memoryDeps } from '../contests.in-memory';
import * as pq from '../partitions/partition.queries';
import * as stages from '../stages/stage.handlers';
import * as students from '../students/student.handlers';
import * as h from './prior-results.handlers';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const operator = as('regional_operator', {});
const coordinator = (municipalityId: string, school: string) => as('school_coordinator', { municipalityId, organizationId: school });

const municipalStage = (academicYear: string) => ({
  kind: 'VSOSH' as const,
  title: 'ВсОШ, математика, муниципальный этап',
  academicYear,
  subject: 'MATHEMATICS',
  level: 'MUNICIPAL' as const,
  startsOn: '2026-11-16',
  endsOn: '2026-11-16',
  registrationFrom: '2026-10-20',
  registrationTo: '2026-11-10',
  groups: [{ groupId: '7-11', grades: [7, 8, 9, 10, 11], tasks: [{ taskId: 't1', maxPoints: 10 }] }],
});

/** Two students of mun-a and one of mun-b, registered by their schools; the platform's first autumn. */
const setUp = async () => {
  const m = memoryDeps(fixedClock('2026-10-01T05:00:00Z'));
  const register = (municipalityId: string, school: string, surname: string, grade: number) =>
    students.registerStudent(m.d, coordinator(municipalityId, school), { surname, name: 'Анна', grade });
  const kids = {
    winner: await register('mun-a', 'school-1', 'Котова', 9),
    graduate: await register('mun-a', 'school-2', 'Лисицына', 11),
    elsewhere: await register('mun-b', 'school-9', 'Белова', 9),
  };
  await m.project();
  return { m, kids };
};

describe('prior years’ results (handlers over memory)', () => {
  it('last year’s municipal winners recorded from their protocol are on this year’s municipal admission list, one grade up; a graduate is not', async () => {
    const { m, kids } = await setUp();
    const recorded = await h.recordPriorResults(m.d, methodologistA, {
      academicYear: '2025/2026',
      subject: 'MATHEMATICS',
      level: 'MUNICIPAL',
      protocol: { number: '14', date: '2025-12-20' },
      rows: [
        { studentId: kids.winner.id, grade: 8, status: 'WINNER' },
        { studentId: kids.graduate.id, grade: 11, status: 'PRIZE_WINNER' },
      ],
    });
    expect(recorded).toMatchObject({
      tenantId: 'mun-a',
      protocol: { number: '14' },
      rows: expect.arrayContaining([expect.objectContaining({ studentId: kids.winner.id })]),
    });
    const stage = await stages.scheduleStage(m.d, methodologistA, municipalStage('2026/2027'));
    await m.project();

    const list = await pq.admissionList(m.d, methodologistA, stage.id);
    expect(list.map((a) => [a.studentId, a.grade, a.reasons, a.lastYearStatus])).toEqual([[kids.winner.id, 9, ['LAST_YEAR_WINNER'], 'WINNER']]);
    // Another municipality's stage does not take mun-a's list.
    const stageB = await stages.scheduleStage(m.d, methodologistB, municipalStage('2026/2027'));
    await m.project();
    expect(await pq.admissionList(m.d, methodologistB, stageB.id)).toEqual([]);

    // Read back by the organiser and the operator naming the municipality; not by another municipality.
    expect((await h.priorResultsOf(m.d, methodologistA, { academicYear: '2025/2026' })).map((r) => r.rows.length)).toEqual([2]);
    expect(await h.priorResultsOf(m.d, operator, { academicYear: '2025/2026', municipalityId: 'mun-a' })).toHaveLength(1);
    expect(await codeOf(h.priorResultsOf(m.d, methodologistB, { academicYear: '2025/2026', municipalityId: 'mun-a' }))).toBe('FORBIDDEN');
  });

  it('refuses, naming the row: another municipality’s student, an unknown one; refuses a coordinator and this year; writes nothing then', async () => {
    const { m, kids } = await setUp();
    const input = (rows: { studentId: string; grade: number; status: 'WINNER' | 'PRIZE_WINNER' }[], academicYear = '2025/2026') => ({
      academicYear,
      subject: 'MATHEMATICS',
      level: 'MUNICIPAL' as const,
      protocol: { number: '14', date: '2025-12-20' },
      rows,
    });
    const fieldsOf = async (p: Promise<unknown>) => {
      const err = (await p.then(
        () => null,
        (e: unknown) => e,
      )) as { problems?: { field: string }[] } | null;
      return err?.problems?.map((x) => x.field);
    };
    expect(
      await fieldsOf(
        h.recordPriorResults(
          m.d,
          methodologistA,
          input([
            { studentId: kids.winner.id, grade: 8, status: 'WINNER' },
            { studentId: kids.elsewhere.id, grade: 8, status: 'WINNER' },
            { studentId: 'no-such-student', grade: 8, status: 'WINNER' },
          ]),
        ),
      ),
    ).toEqual(['rows.1.studentId', 'rows.2.studentId']);
    expect(await codeOf(h.recordPriorResults(m.d, coordinator('mun-a', 'school-1'), input([{ studentId: kids.winner.id, grade: 8, status: 'WINNER' }])))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(h.recordPriorResults(m.d, methodologistA, input([{ studentId: kids.winner.id, grade: 8, status: 'WINNER' }], '2026/2027')))).toBe(
      'BAD_USER_INPUT',
    );
    await m.project();
    expect(await h.priorResultsOf(m.d, methodologistA, { academicYear: '2025/2026' })).toEqual([]);
  });

  it('a stage of that year held on the platform is refused: its final protocols are the results', async () => {
    const { m, kids } = await setUp();
    // The platform's stage of 2025/2026 (scheduled afterwards, as a municipality that started a year early did).
    await stages.scheduleStage(m.d, methodologistA, {
      ...municipalStage('2025/2026'),
      startsOn: '2025-11-17',
      endsOn: '2025-11-17',
      registrationFrom: '2025-10-20',
      registrationTo: '2025-11-10',
    });
    await m.project();
    const attempt = h.recordPriorResults(m.d, methodologistA, {
      academicYear: '2025/2026',
      subject: 'MATHEMATICS',
      level: 'MUNICIPAL',
      protocol: { number: '14', date: '2025-12-20' },
      rows: [{ studentId: kids.winner.id, grade: 8, status: 'WINNER' }],
    });
    expect(await codeOf(attempt)).toBe('HELD_ON_PLATFORM');
    // Another subject of that year was not held: it is recorded.
    const other = await h.recordPriorResults(m.d, methodologistA, {
      academicYear: '2025/2026',
      subject: 'PHYSICS',
      level: 'MUNICIPAL',
      protocol: { number: '15', date: '2025-12-21' },
      rows: [{ studentId: kids.winner.id, grade: 8, status: 'PRIZE_WINNER' }],
    });
    expect(other.rows).toHaveLength(1);
  });
});
