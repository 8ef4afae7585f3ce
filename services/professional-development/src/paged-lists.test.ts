import { MAX_LIST_ROWS } from '@mms/service-kit/core';
import * as programmes from './catalogue/programme.queries';
import * as cohorts from './cohorts/cohort.queries';
import * as mentoring from './mentoring/mentor.queries';
import { as, codeOf, memoryDeps } from './pd.in-memory';
import * as due from './three-year-rule/training-due.queries';

/**
 * Issue 9 §3: every list that grows with the region pages (`…Page(first, after)`), and the
 * deprecated unpaged fields answer LIST_TOO_LARGE past MAX_LIST_ROWS instead of a huge or a
 * cut answer. Lists are sized just past the limit: placed through the directory's events
 * (the three-year rule) or written straight into the read tables (table-backed lists).
 */
const ROWS = MAX_LIST_ROWS + 150;
const operator = as('regional_operator');
const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const n = (i: number) => String(i).padStart(5, '0');

type Page<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Every page of 200 in turn: the rows seen, and how many pages it took. */
const everyPage = async <T>(page: (after: string | null) => Promise<Page<T>>) => {
  const seen: T[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const p = await page(after);
    pages++;
    seen.push(...p.nodes);
    if (!p.pageInfo.hasNextPage) return { seen, pages };
    expect(p.nodes).toHaveLength(200);
    after = p.pageInfo.endCursor;
  }
};

const tooLarge = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return { code: (err as { code?: string }).code, ...(err as { details?: object }).details };
  }
  return 'answered';
};

describe('the three-year rule, municipality-wide past the unpaged limit', () => {
  // Careers starting on a spread of days (several per day), all more than three years ago: every one is overdue.
  const setup = () => {
    const m = memoryDeps();
    for (let i = 0; i < ROWS; i++)
      m.place({
        educatorId: `e${n((i * 37) % ROWS)}`,
        municipalityId: 'mun-a',
        organizationId: `school-${i % 7}`,
        careerStartDate: `20${10 + (i % 9)}-09-0${1 + (i % 5)}`,
      });
    m.place({ educatorId: 'other', municipalityId: 'mun-b', organizationId: 'school-1', careerStartDate: '2010-09-01' });
    return m;
  };

  it('trainingDuePage gives every due educator of the municipality exactly once, by due date then educator', async () => {
    const { d } = setup();
    const { seen, pages } = await everyPage((after) => due.trainingDuePage(d, methodologistA, { first: 200, after }));
    expect(pages).toBe(Math.ceil(ROWS / 200));
    expect(new Set(seen.map((t) => t.educatorId)).size).toBe(ROWS);
    expect(seen.every((t) => t.municipalityId === 'mun-a' && t.status === 'OVERDUE')).toBe(true);
    const keys = seen.map((t) => `${t.dueDate}|${t.educatorId}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('the deprecated trainingDue answers LIST_TOO_LARGE naming the field, the limit and the paged field; a school’s list still answers', async () => {
    const { d } = setup();
    expect(await tooLarge(due.trainingDue(d, methodologistA, {}))).toMatchObject({
      code: 'LIST_TOO_LARGE',
      field: 'trainingDue',
      limit: MAX_LIST_ROWS,
      use: 'trainingDuePage',
    });
    const school = await due.trainingDue(d, methodologistA, { organizationId: 'school-3' });
    const paged = await everyPage((after) => due.trainingDuePage(d, methodologistA, { organizationId: 'school-3', first: 200, after }));
    expect(school.length).toBeGreaterThan(100);
    expect(paged.seen).toEqual(school);
  });

  it('young teachers without a mentor page the same way, and the unpaged list is bounded', async () => {
    const m = memoryDeps();
    for (let i = 0; i < ROWS; i++)
      m.place({ educatorId: `y${n(i)}`, municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: `2025-0${1 + (i % 8)}-01` });
    const { seen } = await everyPage((after) => due.youngTeachersWithoutMentorPage(m.d, methodologistA, { first: 200, after }));
    expect(new Set(seen.map((e) => e.id)).size).toBe(ROWS);
    expect(await tooLarge(due.youngTeachersWithoutMentor(m.d, methodologistA, {}))).toMatchObject({
      code: 'LIST_TOO_LARGE',
      use: 'youngTeachersWithoutMentorPage',
    });
    // The scope holds on pages: another municipality's methodologist sees none of them.
    expect((await due.youngTeachersWithoutMentorPage(m.d, methodologistB, { first: 200 })).nodes).toEqual([]);
  });

  it('page arguments are checked and named', async () => {
    const { d } = setup();
    expect(await codeOf(due.trainingDuePage(d, methodologistA, { first: 201 }))).toBe('BAD_USER_INPUT');
    await expect(due.trainingDuePage(d, methodologistA, { after: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ problems: [{ field: 'after' }] });
    expect(await codeOf(due.trainingDuePage(d, methodologistA, { municipalityId: 'mun-b' }))).toBe('FORBIDDEN');
  });
});

describe('table-backed lists past the unpaged limit', () => {
  const setup = () => {
    const m = memoryDeps();
    for (let i = 0; i < ROWS; i++) {
      const id = n(i);
      const day = `2026-0${1 + (i % 9)}-1${i % 10}`;
      m.tables.programmes.rows.set(`p${id}`, {
        _id: `p${id}`,
        tenantId: i % 2 ? 'region' : 'mun-a',
        level: i % 2 ? 'REGIONAL' : 'MUNICIPAL',
        ownerMunicipalityId: i % 2 ? null : 'mun-a',
        title: `${['Цифровая', 'Ёмкая', 'арифметика', 'Школа'][i % 4]} ${i % 13}`,
        provider: 'ЦНППМ',
        hours: 36,
        format: 'DISTANCE',
        competences: ['DIGITAL'],
        federalRegisterId: null,
        status: 'PUBLISHED',
        withdrawnReason: null,
      });
      m.tables.cohorts.rows.set(`c${id}`, {
        _id: `c${id}`,
        tenantId: 'region',
        programmeId: 'p00000',
        title: 'Цифровая',
        startDate: day,
        endDate: '2026-12-31',
        seats: 10,
        held: 0,
        free: 10,
        status: 'SCHEDULED',
      });
      m.tables.enrolments.rows.set(`en${id}`, {
        _id: `en${id}`,
        tenantId: 'region',
        cohortId: `c${n(i % 20)}`,
        educatorId: `e${id}`,
        municipalityId: i < ROWS - 10 ? 'mun-a' : 'mun-b',
        organizationId: 'school-1',
        status: 'APPLIED',
        appliedOn: day,
      });
      m.tables.mentorships.rows.set(`m${id}`, {
        _id: `m${id}`,
        tenantId: 'mun-a',
        mentorId: `e${id}`,
        menteeId: `e${n(i + 1)}`,
        municipalityId: 'mun-a',
        from: day,
        to: '2027-06-30',
        goals: [],
        status: 'ACTIVE',
      });
    }
    return m;
  };

  it('programmes: pages by title as read in Russian; the unpaged field is bounded', async () => {
    const { d } = setup();
    const { seen } = await everyPage((after) => programmes.programmesPage(d, operator, {}, { first: 200, after }));
    expect(new Set(seen.map((p) => p.id)).size).toBe(ROWS);
    const titles = seen.map((p) => p.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'ru')));
    expect(await tooLarge(programmes.programmes(d, operator))).toMatchObject({ code: 'LIST_TOO_LARGE', field: 'programmes', use: 'programmesPage' });
    expect(await programmes.programmes(d, operator, { titleContains: 'Школа 1' })).not.toHaveLength(0);
  });

  it('cohorts: pages by start date; the unpaged field is bounded', async () => {
    const { d } = setup();
    const { seen } = await everyPage((after) => cohorts.cohortsPage(d, operator, {}, { first: 200, after }));
    expect(new Set(seen.map((c) => c.id)).size).toBe(ROWS);
    const keys = seen.map((c) => `${c.startDate}|${c.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(await tooLarge(cohorts.cohorts(d, operator))).toMatchObject({ code: 'LIST_TOO_LARGE', field: 'cohorts', use: 'cohortsPage' });
  });

  it('enrolments: pages newest first within the caller’s scope, with their cohorts; the unpaged field is bounded', async () => {
    const { d } = setup();
    const { seen } = await everyPage((after) => cohorts.enrolmentsPage(d, methodologistA, {}, { first: 200, after }));
    expect(new Set(seen.map((e) => e.id)).size).toBe(ROWS - 10);
    expect(seen.every((e) => e.municipalityId === 'mun-a' && e.programmeTitle === 'Цифровая')).toBe(true);
    const days = seen.map((e) => e.appliedOn);
    expect(days).toEqual([...days].sort().reverse());
    expect((await cohorts.enrolmentsPage(d, methodologistB, {}, { first: 200 })).nodes).toHaveLength(10);
    expect(await tooLarge(cohorts.enrolments(d, methodologistA))).toMatchObject({ code: 'LIST_TOO_LARGE', field: 'enrolments', use: 'enrolmentsPage' });
    expect(await cohorts.enrolments(d, methodologistB)).toHaveLength(10);
    expect((await cohorts.enrolmentsPage(d, as('expert' as never), {}, { first: 10 })).nodes).toEqual([]);
  });

  it('mentorships: pages newest first; the unpaged field is bounded', async () => {
    const { d } = setup();
    const { seen } = await everyPage((after) => mentoring.mentorshipsPage(d, methodologistA, {}, { first: 200, after }));
    expect(new Set(seen.map((m) => m.id)).size).toBe(ROWS);
    expect((await mentoring.mentorshipsPage(d, methodologistB, {}, {})).nodes).toEqual([]);
    expect(await tooLarge(mentoring.mentorships(d, methodologistA))).toMatchObject({ code: 'LIST_TOO_LARGE', field: 'mentorships', use: 'mentorshipsPage' });
  });
});
