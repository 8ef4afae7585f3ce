import { buildSubgraphSchema } from '@apollo/subgraph';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { composeSupergraph } from '@mms/contracts/compose';
import { mergeResolvers } from '@mms/service-kit';
import { fixedClock } from '@mms/service-kit/core';
import { MemoryTable } from '@mms/testing';
import { graphql, parse } from 'graphql';
import type { MunicipalityDocument, SchoolRevisionDocument, SchoolRow } from '../educator-facts/educator-facts.documents';
import { monitoringSdl } from '../monitoring.sdl';
import { IndicatorResolvers } from './indicators.resolvers';
import { SchoolIndicatorsCache } from './school-indicators.cache';

const sdl = (name: string) => readFileSync(join(dirname(require.resolve('@mms/contracts/package.json')), 'subgraphs', `${name}.graphql`), 'utf8');

const operator = {
  requestId: 'r',
  correlationId: 'c',
  user: { subject: 'op', role: 'regional_operator', municipalityId: null, organizationId: null, educatorId: null },
};

/** The subgraph as SubgraphModule builds it: the SDL from contracts/ and the slice's resolvers. */
const schemaOver = () => {
  const deps = {
    tables: async () => ({
      generation: 'g1',
      schools: new MemoryTable<SchoolRow>([{ _id: 'o1', municipalityId: 'm1', educators: [] }]),
      schoolRevisions: new MemoryTable<SchoolRevisionDocument>([{ _id: 'o1', municipalityId: 'm1', rev: 1 }]),
      municipalities: new MemoryTable<MunicipalityDocument>([{ _id: 'm1' }]),
    }),
    clock: fixedClock('2026-03-15'),
    cache: new SchoolIndicatorsCache(),
  };
  return buildSubgraphSchema([{ typeDefs: parse(monitoringSdl()), resolvers: mergeResolvers([new IndicatorResolvers(deps).resolvers()]) as never }]);
};

describe('monitoring subgraph schema', () => {
  it('composes with the directory subgraph without hints about monitoring', () => {
    const hints: string[] = [];
    const supergraph = composeSupergraph(
      [
        { name: 'directory', url: 'http://127.0.0.1:4101/graphql', sdl: sdl('directory') },
        { name: 'monitoring', url: 'http://127.0.0.1:4103/graphql', sdl: monitoringSdl() },
      ],
      { onHint: (h) => hints.push(`${h.code}: ${h.message}`) },
    );
    expect(supergraph).toContain('regionalComparison');
    expect(hints.filter((h) => /monitoring/.test(h))).toEqual([]);
  });

  it('builds an executable subgraph schema from the contract', async () => {
    const { data, errors } = await graphql({ schema: schemaOver(), source: '{ _service { sdl } }' });
    expect(errors).toBeUndefined();
    expect((data as { _service: { sdl: string } })._service.sdl).toContain('municipalityIndicators');
  });

  it('resolves directory entities by id with their indicators for the period asked, null without data', async () => {
    const { data, errors } = await graphql({
      schema: schemaOver(),
      source: `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Municipality { id indicators(asOf: "2026-01-10") { scopeId asOf academicYear educators } }
        ... on EducationalOrganization { id indicators(academicYear: "2024/2025") { scopeId asOf academicYear educators } } } }`,
      variableValues: {
        r: [
          { __typename: 'Municipality', id: 'm1' },
          { __typename: 'EducationalOrganization', id: 'o1' },
          { __typename: 'Municipality', id: 'm9' },
          { __typename: 'EducationalOrganization', id: 'o9' },
        ],
      },
      contextValue: { request: operator },
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      _entities: [
        { id: 'm1', indicators: { scopeId: 'm1', asOf: '2026-01-10', academicYear: '2025/2026', educators: 0 } },
        { id: 'o1', indicators: { scopeId: 'o1', asOf: '2026-03-15', academicYear: '2024/2025', educators: 0 } },
        { id: 'm9', indicators: null },
        { id: 'o9', indicators: null },
      ],
    });
  });

  it('the queries refuse the public with FORBIDDEN', async () => {
    const { errors } = await graphql({
      schema: schemaOver(),
      source: '{ regionalComparison { region { educators } } }',
      contextValue: { request: { ...operator, user: null } },
    });
    expect(errors?.[0]?.originalError).toMatchObject({ code: 'FORBIDDEN' });
  });
});
