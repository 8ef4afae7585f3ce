import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { composeSupergraph } from '@mms/contracts/compose';
import { graphql } from 'graphql';
import { IndicatorsService } from '../application/indicators.service';
import { buildMonitoringSchema, monitoringSdl } from './schema';

const sdl = (name: string) => readFileSync(join(dirname(require.resolve('@mms/contracts/package.json')), 'subgraphs', `${name}.graphql`), 'utf8');

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
    // An executable schema: the resolvers exist for the queries and entity references.
    const svc = {} as IndicatorsService;
    const schema = buildMonitoringSchema(svc);
    const { data, errors } = await graphql({ schema, source: '{ _service { sdl } }' });
    expect(errors).toBeUndefined();
    expect((data as { _service: { sdl: string } })._service.sdl).toContain('municipalityIndicators');
  });

  it('resolves directory entities by id and asks the service for their indicators', async () => {
    const calls: unknown[] = [];
    const svc = {
      municipality: async (...a: unknown[]) => (calls.push(['municipality', ...a.slice(1)]), null),
      school: async (...a: unknown[]) => (calls.push(['school', ...a.slice(1)]), null),
    } as unknown as IndicatorsService;
    const schema = buildMonitoringSchema(svc);
    const { data, errors } = await graphql({
      schema,
      source: `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Municipality { id indicators(asOf: "2026-03-15") { educators } }
        ... on EducationalOrganization { id indicators(academicYear: "2025/2026") { educators } } } }`,
      variableValues: { r: [{ __typename: 'Municipality', id: 'm1' }, { __typename: 'EducationalOrganization', id: 'o1' }] },
      contextValue: { request: { requestId: 'r', correlationId: 'c', user: null } },
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ _entities: [{ id: 'm1', indicators: null }, { id: 'o1', indicators: null }] });
    expect(calls).toEqual([
      ['municipality', 'm1', { asOf: '2026-03-15' }, 'null'],
      ['school', 'o1', { academicYear: '2025/2026' }, 'null'],
    ]);
  });
});
