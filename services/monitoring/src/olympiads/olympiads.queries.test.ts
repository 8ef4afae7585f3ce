import { buildSubgraphSchema } from '@apollo/subgraph';
import { RequestContext, UserClaims } from '@mms/auth';
import { ForbiddenError } from '@mms/eventsourcing/core';
import { mergeResolvers } from '@mms/service-kit';
import { fixedClock } from '@mms/service-kit/core';
import { MemoryTable } from '@mms/testing';
import { graphql, parse } from 'graphql';
import type { MunicipalityDocument, SchoolRevisionDocument, SchoolRow } from '../educator-facts/educator-facts.documents';
import { IndicatorResolvers } from '../indicators/indicators.resolvers';
import { SchoolIndicatorsCache } from '../indicators/school-indicators.cache';
import { monitoringSdl } from '../monitoring.sdl';
import { municipalityOlympiads, olympiadsOfReport, regionOlympiads, schoolOlympiads } from './olympiads.queries';
import { olympiadsInMemory, participation, protocol, StageOf } from './olympiads.in-memory';
import { OlympiadResolvers } from './olympiads.resolvers';

const as = (role: UserClaims['role'], municipalityId: string | null, organizationId: string | null = null): RequestContext => ({
  requestId: 'r',
  correlationId: 'c',
  user: { subject: `${role}-1`, role, municipalityId, organizationId, educatorId: null },
});
const operator = as('regional_operator', null);
const methodologist = as('municipal_methodologist', 'm1');
const otherMethodologist = as('municipal_methodologist', 'm2');
const coordinator = as('school_coordinator', 'm1', 'o1');
const teacher = as('teacher', 'm1', 'o1');
const YEAR = '2025/2026';

const mathsSchoolM1: StageOf = { stageId: 'math-s-m1', subject: 'MATHEMATICS', level: 'SCHOOL', organiser: 'm1' };
const mathsSchoolM2: StageOf = { stageId: 'math-s-m2', subject: 'MATHEMATICS', level: 'SCHOOL', organiser: 'm2' };
const mathsMunicipalM1: StageOf = { stageId: 'math-m-m1', subject: 'MATHEMATICS', level: 'MUNICIPAL', organiser: 'm1' };
const mathsRegional: StageOf = { stageId: 'math-r', subject: 'MATHEMATICS', level: 'REGIONAL', organiser: 'region' };
const s = (studentId: string, schoolId: string, municipalityId: string) => ({ studentId, schoolId, municipalityId });
const [a, b, c] = [s('a', 'o1', 'm1'), s('b', 'o1', 'm1'), s('c', 'o2', 'm1')];
const d = s('d', 'o3', 'm2');

/** m1: o1 (a, b), o2 (c) at the school stage; a and c at the municipal one, a its winner; a at the regional one. m2: o3 (d). */
const region = () => {
  const rm = olympiadsInMemory();
  rm.project([
    participation(mathsSchoolM1, a, 1),
    participation(mathsSchoolM1, b, 2),
    participation(mathsSchoolM1, c, 1),
    participation(mathsSchoolM2, d, 1),
    participation(mathsMunicipalM1, a, 1),
    participation(mathsMunicipalM1, c, 1),
    protocol(mathsMunicipalM1, '9', 1, [
      [a, 'WINNER'],
      [c, 'PARTICIPANT'],
    ]),
    participation(mathsRegional, a, 1),
  ]);
  return rm;
};

describe('olympiad figures: who may read what', () => {
  const { deps } = region();

  it('a teacher and the public read none', async () => {
    for (const who of [teacher, { ...teacher, user: null }]) {
      await expect(schoolOlympiads(deps, who, 'o1', YEAR)).rejects.toThrow(ForbiddenError);
      await expect(municipalityOlympiads(deps, who, 'm1', YEAR)).rejects.toThrow(ForbiddenError);
      await expect(regionOlympiads(deps, who, YEAR)).rejects.toThrow(ForbiddenError);
    }
  });

  it('municipal users read their own municipality and its schools, not another’s; only the operator reads the region', async () => {
    for (const who of [methodologist, coordinator]) {
      expect((await municipalityOlympiads(deps, who, 'm1', YEAR)).school.participants).toBe(3);
      expect((await schoolOlympiads(deps, who, 'o1', YEAR)).school.participants).toBe(2);
      await expect(regionOlympiads(deps, who, YEAR)).rejects.toThrow('only the regional operator may compare municipalities');
    }
    await expect(municipalityOlympiads(deps, otherMethodologist, 'm1', YEAR)).rejects.toThrow(ForbiddenError);
    await expect(schoolOlympiads(deps, otherMethodologist, 'o1', YEAR)).rejects.toThrow(/organisation o1 belongs to another municipality/);
    expect((await regionOlympiads(deps, operator, YEAR)).school.participants).toBe(4);
  });
});

describe('olympiad figures per school, municipality and region', () => {
  it('computes each unit from its own schools, a student once', async () => {
    const { deps } = region();
    const o1 = await schoolOlympiads(deps, operator, 'o1', YEAR);
    expect(o1).toMatchObject({
      students: 2,
      school: { participants: 2 },
      municipal: { participants: 1, winners: 1, winnersPer100: 100 },
      passOn: { schoolStage: 2, schoolToMunicipal: 1, schoolToMunicipalRate: 0.5, municipalStage: 1, municipalToRegional: 1, municipalToRegionalRate: 1 },
    });
    const m1 = await municipalityOlympiads(deps, operator, 'm1', YEAR);
    expect(m1).toMatchObject({
      students: 3,
      school: { participants: 3 },
      municipal: { participants: 2, winners: 1, prizeWinners: 0, winnersPer100: 50, prizeWinnersPer100: 0 },
      regional: { participants: 1 },
      passOn: { schoolToMunicipalRate: 2 / 3, municipalToRegionalRate: 0.5 },
    });
    expect(m1.subjects.map((x) => x.subject)).toEqual(['MATHEMATICS']);
    expect(await regionOlympiads(deps, operator, YEAR)).toMatchObject({ students: 4, school: { participants: 4 }, passOn: { schoolToMunicipalRate: 0.5 } });
  });

  it('a school, municipality or year without olympiad facts has zeros', async () => {
    const { deps } = region();
    expect(await schoolOlympiads(deps, operator, 'o9', YEAR)).toMatchObject({ students: 0, subjects: [] });
    expect(await municipalityOlympiads(deps, operator, 'm3', YEAR)).toMatchObject({ students: 0, passOn: { schoolToMunicipalRate: null } });
    expect(await regionOlympiads(deps, operator, '2024/2025')).toMatchObject({ students: 0 });
  });

  it('follows new events (a school’s revision changes) and keeps what did not change', async () => {
    const rm = region();
    expect((await municipalityOlympiads(rm.deps, operator, 'm1', YEAR)).school.participants).toBe(3);
    // A row changed without its revision bumped (not yet): the remembered figures stand.
    rm.schools.rows.set('2025/2026~o2', { ...rm.schools.rows.get('2025/2026~o2')!, stages: [] });
    expect((await municipalityOlympiads(rm.deps, operator, 'm1', YEAR)).school.participants).toBe(3);
    // b withdrawn (o1's revision bumped): o1 read again, o2 still from the cache.
    rm.project([participation(mathsSchoolM1, b, 3, false)]);
    expect((await municipalityOlympiads(rm.deps, operator, 'm1', YEAR)).school.participants).toBe(2);
    expect((await schoolOlympiads(rm.deps, operator, 'o1', YEAR)).school.participants).toBe(1);
  });

  it('never answers one generation with figures of another', async () => {
    const old = region();
    const rebuilt = olympiadsInMemory('g2');
    rebuilt.project([participation(mathsSchoolM1, a, 1)]);
    expect((await regionOlympiads(old.deps, operator, YEAR)).students).toBe(4);
    expect((await regionOlympiads({ ...rebuilt.deps, cache: old.deps.cache }, operator, YEAR)).students).toBe(1);
  });

  it('a report’s figures are its unit’s, for its academic year', async () => {
    const { deps } = region();
    expect((await olympiadsOfReport(deps, operator, { scope: 'SCHOOL', scopeId: 'o3', academicYear: YEAR })).students).toBe(1);
    expect((await olympiadsOfReport(deps, operator, { scope: 'MUNICIPALITY', scopeId: 'm2', academicYear: YEAR })).students).toBe(1);
    expect((await olympiadsOfReport(deps, operator, { scope: 'REGION', scopeId: null, academicYear: YEAR })).students).toBe(4);
    expect((await olympiadsOfReport(deps, operator, { scope: 'REGION', scopeId: null, academicYear: '2026/2027' })).students).toBe(0);
  });
});

describe('olympiad figures in the subgraph', () => {
  const schema = () => {
    const indicatorDeps = {
      tables: async () => ({
        generation: 'g1',
        schools: new MemoryTable<SchoolRow>([
          { _id: 'o1', municipalityId: 'm1', educators: [] },
          { _id: 'o3', municipalityId: 'm2', educators: [] },
        ]),
        schoolRevisions: new MemoryTable<SchoolRevisionDocument>([
          { _id: 'o1', municipalityId: 'm1', rev: 1 },
          { _id: 'o3', municipalityId: 'm2', rev: 1 },
        ]),
        municipalities: new MemoryTable<MunicipalityDocument>([{ _id: 'm1' }, { _id: 'm2' }]),
      }),
      clock: fixedClock('2026-03-15'),
      cache: new SchoolIndicatorsCache(),
    };
    const resolvers = mergeResolvers([new IndicatorResolvers(indicatorDeps).resolvers(), new OlympiadResolvers(region().deps).resolvers()]);
    return buildSubgraphSchema([{ typeDefs: parse(monitoringSdl()), resolvers: resolvers as never }]);
  };
  const stageFields = 'participants students winners prizeWinners winnersPer100 prizeWinnersPer100';
  const passOnFields = 'schoolStage schoolToMunicipal schoolToMunicipalRate municipalStage municipalToRegional municipalToRegionalRate';

  it('answers the regional comparison with every municipality’s olympiads side by side and the region’s', async () => {
    const { data, errors } = await graphql({
      schema: schema(),
      source: `{ regionalComparison {
        municipalities { municipalityId indicators { olympiads { students school { participants } passOn { schoolToMunicipalRate } } } }
        region { academicYear olympiads { students school { ${stageFields} } municipal { ${stageFields} } regional { participants }
          passOn { ${passOnFields} } subjects { subject school { participants } municipal { winners } regional { participants } passOn { municipalToRegionalRate } } } } } }`,
      contextValue: { request: operator },
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      regionalComparison: {
        municipalities: [
          { municipalityId: 'm1', indicators: { olympiads: { students: 3, school: { participants: 3 }, passOn: { schoolToMunicipalRate: 2 / 3 } } } },
          { municipalityId: 'm2', indicators: { olympiads: { students: 1, school: { participants: 1 }, passOn: { schoolToMunicipalRate: 0 } } } },
        ],
        region: {
          academicYear: YEAR,
          olympiads: {
            students: 4,
            school: { participants: 4, students: 4, winners: 0, prizeWinners: 0, winnersPer100: 0, prizeWinnersPer100: 0 },
            municipal: { participants: 2, students: 2, winners: 1, prizeWinners: 0, winnersPer100: 50, prizeWinnersPer100: 0 },
            regional: { participants: 1 },
            passOn: {
              schoolStage: 4,
              schoolToMunicipal: 2,
              schoolToMunicipalRate: 0.5,
              municipalStage: 2,
              municipalToRegional: 1,
              municipalToRegionalRate: 0.5,
            },
            subjects: [
              {
                subject: 'MATHEMATICS',
                school: { participants: 4 },
                municipal: { winners: 1 },
                regional: { participants: 1 },
                passOn: { municipalToRegionalRate: 0.5 },
              },
            ],
          },
        },
      },
    });
  });

  it('answers a school’s and a municipality’s report, and refuses another municipality’s', async () => {
    const { data, errors } = await graphql({
      schema: schema(),
      source: `{ schoolIndicators(organizationId: "o1") { olympiads { students } } municipalityIndicators { olympiads { students } } }`,
      contextValue: { request: methodologist },
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ schoolIndicators: { olympiads: { students: 2 } }, municipalityIndicators: { olympiads: { students: 3 } } });
    const other = await graphql({
      schema: schema(),
      source: `{ schoolIndicators(organizationId: "o1") { olympiads { students } } }`,
      contextValue: { request: otherMethodologist },
    });
    expect(other.errors?.[0]?.originalError).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a past academic year asked of the report is the olympiads’ year too', async () => {
    const { data } = await graphql({
      schema: schema(),
      source: `{ a: schoolIndicators(organizationId: "o1", academicYear: "2024/2025") { academicYear olympiads { students } }
                 b: schoolIndicators(organizationId: "o1", asOf: "2025-09-01") { academicYear olympiads { students } } }`,
      contextValue: { request: operator },
    });
    expect(data).toEqual({ a: { academicYear: '2024/2025', olympiads: { students: 0 } }, b: { academicYear: YEAR, olympiads: { students: 2 } } });
  });
});
