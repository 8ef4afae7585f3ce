import { RequestContext, UserClaims } from '@mms/auth';
import { ForbiddenError, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { fixedClock } from '@mms/service-kit/core';
import { MemoryTable } from '@mms/testing';
import type { EducatorFacts } from '../educator-facts/educator-facts.rows';
import type { MunicipalityDocument, SchoolRevisionDocument, SchoolRow } from '../educator-facts/educator-facts.documents';
import type { MonitoringDeps } from '../monitoring.deps';
import { municipalityIndicators, municipalityIndicatorsOrNull, regionalComparison, schoolIndicators, schoolIndicatorsOrNull } from './indicators.queries';
import { SchoolIndicatorsCache } from './school-indicators.cache';

const as = (
  role: UserClaims['role'],
  municipalityId: string | null,
  organizationId: string | null = null,
  educatorId: string | null = null,
): RequestContext => ({
  requestId: 'r',
  correlationId: 'c',
  user: { subject: `${role}-1`, role, municipalityId, organizationId, educatorId },
});
const operator = as('regional_operator', null);
const methodologist = as('municipal_methodologist', 'm1');
const otherMethodologist = as('municipal_methodologist', 'm2');
const coordinator = as('school_coordinator', 'm1', 'o1');
const teacher = as('teacher', 'm1', 'o1', 'e1');

const educator = (educatorId: string, municipalityId: string, organizationId: string, over: Partial<EducatorFacts> = {}): EducatorFacts => ({
  educatorId,
  municipalityId,
  organizationId,
  careerStartDate: '2010-09-01',
  active: true,
  trainings: [{ enrolmentId: `n-${educatorId}`, programmeId: 'p1', on: '2025-10-01', hours: 72 }],
  openDeficits: [],
  activeMentorshipIds: [],
  ...over,
});

/** The read model as the projection leaves it: schools, their recorded revisions, onboarded municipalities. */
const readModel = () => {
  const schools = new MemoryTable<SchoolRow>([
    { _id: 'o1', municipalityId: 'm1', educators: [educator('e1', 'm1', 'o1'), educator('e2', 'm1', 'o1', { trainings: [] })] },
    { _id: 'o3', municipalityId: 'm2', educators: [educator('e3', 'm2', 'o3')] },
  ]);
  const schoolRevisions = new MemoryTable<SchoolRevisionDocument>([
    { _id: 'o1', municipalityId: 'm1', rev: 1 },
    { _id: 'o3', municipalityId: 'm2', rev: 1 },
  ]);
  const municipalities = new MemoryTable<MunicipalityDocument>([{ _id: 'm1' }, { _id: 'm2' }, { _id: 'm3' }]);
  return { schools, schoolRevisions, municipalities };
};

const depsOver = (rm = readModel(), generation = 'g1'): MonitoringDeps & { rm: ReturnType<typeof readModel> } => ({
  rm,
  tables: async () => ({ generation, ...rm }),
  clock: fixedClock('2026-03-15'),
  cache: new SchoolIndicatorsCache(),
});

describe('indicator queries: who may read what', () => {
  const d = depsOver();

  it.each([
    ['a teacher', teacher],
    ['the public', { ...teacher, user: null }],
  ])('%s reads no indicators at all', async (_, who) => {
    await expect(schoolIndicators(d, who, 'o1', {})).rejects.toThrow(ForbiddenError);
    await expect(municipalityIndicators(d, who, 'm1', {})).rejects.toThrow(ForbiddenError);
    await expect(regionalComparison(d, who, {})).rejects.toThrow(ForbiddenError);
    await expect(schoolIndicatorsOrNull(d, who, 'o1', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(municipalityIndicatorsOrNull(d, who, 'm1', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a methodologist of another municipality is refused its schools and the municipality itself', async () => {
    await expect(schoolIndicators(d, otherMethodologist, 'o1', {})).rejects.toThrow(/organisation o1 belongs to another municipality/);
    await expect(municipalityIndicators(d, otherMethodologist, 'm1', {})).rejects.toThrow(ForbiddenError);
    // The entity fields refuse too, rather than hiding the figures as "no data".
    await expect(schoolIndicatorsOrNull(d, otherMethodologist, 'o1', {})).rejects.toThrow(ForbiddenError);
    await expect(municipalityIndicatorsOrNull(d, otherMethodologist, 'm1', {})).rejects.toThrow(ForbiddenError);
  });

  it('a methodologist and a coordinator read their own municipality (by default) and its schools', async () => {
    for (const who of [methodologist, coordinator]) {
      expect(await municipalityIndicators(d, who, undefined, {})).toMatchObject({
        scope: 'MUNICIPALITY',
        scopeId: 'm1',
        educators: 2,
        trainedInThreeYears: 1,
      });
      expect(await schoolIndicators(d, who, 'o1', {})).toMatchObject({
        scope: 'SCHOOL',
        scopeId: 'o1',
        educators: 2,
        asOf: '2026-03-15',
        academicYear: '2025/2026',
      });
    }
  });

  it('only the regional operator compares municipalities', async () => {
    for (const who of [methodologist, coordinator, otherMethodologist]) {
      await expect(regionalComparison(d, who, {})).rejects.toThrow('only the regional operator may compare municipalities');
    }
    const view = await regionalComparison(d, operator, {});
    expect(view.municipalities.map((m) => [m.municipalityId, m.rank, m.indicators.educators])).toEqual([
      ['m2', 1, 1],
      ['m1', 2, 2],
      ['m3', null, 0],
    ]);
    expect(view.region).toMatchObject({ scope: 'REGION', scopeId: null, educators: 3, trainedInThreeYears: 2 });
  });

  it('the regional operator must name the municipality, and reads any school', async () => {
    await expect(municipalityIndicators(d, operator, null, {})).rejects.toThrow(ValidationError);
    expect(await schoolIndicators(d, operator, 'o3', {})).toMatchObject({ scopeId: 'o3', educators: 1 });
  });

  it('refuses before it validates: a teacher with a bad period learns nothing about the period', async () => {
    await expect(schoolIndicators(d, teacher, 'o1', { asOf: 'yesterday' })).rejects.toThrow(ForbiddenError);
    await expect(schoolIndicators(d, operator, 'o1', { asOf: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('indicator queries: missing data', () => {
  const d = depsOver();

  it('a unit monitoring knows nothing of is NOT_FOUND for the queries and null for the entity fields', async () => {
    await expect(schoolIndicators(d, operator, 'o9', {})).rejects.toThrow(NotFoundError);
    await expect(municipalityIndicators(d, operator, 'm9', {})).rejects.toThrow('monitoring has no data for municipality m9');
    expect(await schoolIndicatorsOrNull(d, operator, 'o9', {})).toBeNull();
    expect(await municipalityIndicatorsOrNull(d, operator, 'm9', {})).toBeNull();
  });

  it('an onboarded municipality without schools has zeros', async () => {
    expect(await municipalityIndicators(d, operator, 'm3', {})).toMatchObject({ scopeId: 'm3', educators: 0, coverage3y: null });
  });
});

describe('indicator queries: the per-school cache', () => {
  it('serves a school until its revision changes, then reads it again', async () => {
    const d = depsOver();
    expect((await municipalityIndicators(d, operator, 'm1', {})).educators).toBe(2);
    // The document changes without a new revision recorded yet: the remembered figures stand.
    d.rm.schools.rows.set('o1', { _id: 'o1', municipalityId: 'm1', educators: [educator('e1', 'm1', 'o1')] });
    expect((await municipalityIndicators(d, operator, 'm1', {})).educators).toBe(2);
    d.rm.schoolRevisions.rows.set('o1', { _id: 'o1', municipalityId: 'm1', rev: 2 });
    expect((await municipalityIndicators(d, operator, 'm1', {})).educators).toBe(1);
  });

  it('never answers one generation with figures of another, even at equal revisions', async () => {
    const cache = new SchoolIndicatorsCache();
    const old = { ...depsOver(readModel(), 'g1'), cache };
    expect((await municipalityIndicators(old, operator, 'm1', {})).educators).toBe(2);
    const rebuilt = readModel();
    rebuilt.schools.rows.set('o1', { _id: 'o1', municipalityId: 'm1', educators: [] });
    expect((await municipalityIndicators({ ...depsOver(rebuilt, 'g2'), cache }, operator, 'm1', {})).educators).toBe(0);
  });

  it('keys by period: another asOf is computed afresh', async () => {
    const d = depsOver();
    expect((await municipalityIndicators(d, operator, 'm1', {})).trainedInThreeYears).toBe(1);
    expect((await municipalityIndicators(d, operator, 'm1', { asOf: '2025-09-30' })).trainedInThreeYears).toBe(0);
  });

  it('reads many changed schools in one query, with the same figures', async () => {
    const rm = readModel();
    for (let i = 0; i < 60; i += 1) {
      rm.schools.rows.set(`x${i}`, { _id: `x${i}`, municipalityId: 'm3', educators: [educator(`x${i}e`, 'm3', `x${i}`)] });
      rm.schoolRevisions.rows.set(`x${i}`, { _id: `x${i}`, municipalityId: 'm3', rev: 1 });
    }
    const d = depsOver(rm);
    expect(await municipalityIndicators(d, operator, 'm3', {})).toMatchObject({ educators: 60, trainedInThreeYears: 60 });
    expect((await regionalComparison(d, operator, {})).region.educators).toBe(63);
  });
});
