/**
 * The gateway in one process over the contexts' real slices: each subgraph's schema is
 * built from its SDL in contracts/ and its slices' resolvers, over in-memory deps (event
 * store, read tables, vault), exactly the code a service runs. A request goes to the
 * subgraph that owns its root field, with the claims its token names; read models are
 * brought up to date after every request (the projections' job in a service), so the
 * seeders' read-after-write holds here as it does after a wait in a real run.
 *
 * Tokens are JSON claims (`claimTokens`), so specs make any role without keys.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, GraphQLSchema, Kind, OperationDefinitionNode, parse } from 'graphql';
import type { UserClaims } from '@mms/auth';
import { fixedClock } from '@mms/service-kit/core';
import { contractSdl, formatSubgraphError, mergeResolvers, SliceResolvers } from '@mms/service-kit';
import { inMemoryDirectory } from '../../../services/directory/src/directory.in-memory';
import { EducatorResolvers } from '../../../services/directory/src/educators/educator.resolvers';
import { MunicipalityResolvers } from '../../../services/directory/src/municipalities/municipality.resolvers';
import { OrganizationResolvers } from '../../../services/directory/src/organizations/organization.resolvers';
import type { FetchLike } from '../src/runner/graphql-client';
import type { TokenClaims, TokenSource } from '../src/runner/tokens';

/** Tokens the in-process gateway reads back: the role and claims as JSON. */
export const claimTokens = (): TokenSource => {
  const t = (role: string, claims: TokenClaims = {}) =>
    JSON.stringify({ role, municipality: claims.municipality, organization: claims.organization, educator: claims.educator });
  return {
    regionalOperator: async () => t('regional_operator'),
    methodologist: async (m) => t('municipal_methodologist', { municipality: m }),
    forRole: async (role, claims) => t(role, claims),
  };
};

const claimsOf = (token: string | null): UserClaims | null => {
  if (!token) return null;
  try {
    const c = JSON.parse(token) as { role: UserClaims['role']; municipality?: string; organization?: string; educator?: string };
    return {
      subject: `${c.role}:${c.municipality ?? ''}:${c.organization ?? c.educator ?? ''}`,
      role: c.role,
      municipalityId: c.municipality ?? null,
      organizationId: c.organization ?? null,
      educatorId: c.educator ?? null,
    };
  } catch {
    return null; // not a token this gateway issued: the public
  }
};

const subgraph = (name: string, slices: SliceResolvers[]): GraphQLSchema =>
  buildSubgraphSchema([{ typeDefs: parse(contractSdl(name)()), resolvers: mergeResolvers(slices.map((s) => s.resolvers())) as never }]);

const rootFields = (schema: GraphQLSchema) =>
  new Set([...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})]);

export interface InProcessGatewayOptions {
  /** The region's "now" (its day is what the handlers see as today). */
  today: Date | string;
  /** Every n-th request answers 503 (the seeders' retries). */
  fail503Every?: number;
  delayMs?: number;
}

export const inProcessGateway = (opts: InProcessGatewayOptions) => {
  const clock = fixedClock(opts.today);
  const directory = inMemoryDirectory({ clock });
  const schemas = [
    subgraph('directory', [new MunicipalityResolvers(directory.deps), new OrganizationResolvers(directory.deps), new EducatorResolvers(directory.deps)]),
  ];
  const owners = schemas.map((schema) => ({ schema, fields: rootFields(schema) }));
  const calls: Record<string, number> = {};
  let requests = 0;

  const run = async (body: { query: string; operationName?: string; variables?: Record<string, unknown> }, token: string | null) => {
    const document = parse(body.query);
    const op = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!body.operationName || d.name?.value === body.operationName),
    );
    const field = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    const owner = field && field.kind === Kind.FIELD ? owners.find((o) => o.fields.has(field.name.value)) : undefined;
    if (!owner) return { data: null, errors: [{ message: 'no subgraph resolves this operation', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] };
    calls[body.operationName ?? 'anonymous'] = (calls[body.operationName ?? 'anonymous'] ?? 0) + 1;
    const request = { user: claimsOf(token), requestId: `r-${requests}`, correlationId: `c-${requests}` };
    const result = await execute({
      schema: owner.schema,
      document,
      variableValues: body.variables,
      operationName: body.operationName,
      contextValue: { request },
    });
    await directory.project();
    const errors = result.errors?.map((e) =>
      formatSubgraphError(e, (err) => {
        throw err;
      }),
    );
    return errors ? { data: result.data ?? null, errors } : { data: result.data };
  };

  const fetch: FetchLike = async (_url, init) => {
    requests++;
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (opts.fail503Every && requests % opts.fail503Every === 0) {
      return new Response('{"errors":[{"message":"unavailable"}]}', { status: 503, headers: { 'content-type': 'application/json' } });
    }
    const auth = (init.headers as Record<string, string>)['authorization'] ?? null;
    const out = await run(JSON.parse(String(init.body)), auth ? auth.replace(/^Bearer /, '') : null);
    return new Response(JSON.stringify(out), { status: 200, headers: { 'content-type': 'application/json' } });
  };

  /**
   * Forgets streams as if the commands that wrote them had never run (a seeding run that
   * stopped early), and rebuilds the read models from what is left.
   */
  const forget = async (streamIds: Set<string>) => {
    const kept = directory.store.commits.filter((c) => !streamIds.has(c.streamId));
    directory.store.commits.splice(0, directory.store.commits.length, ...kept);
    for (const t of Object.values(directory.tables)) t.rows.clear();
    await directory.project({ fromStart: true });
  };

  /** The directory's read model as plain maps (what a spec compares with the plan). */
  const dir = () => {
    const live = <R>(t: { rows: Map<string, unknown> }) => [...t.rows.values()].filter((r) => !(r as { _deleted?: boolean })._deleted) as R[];
    const { municipalities, organizations, educators } = directory.tables;
    return {
      municipalities: new Map(live<{ _id: string; name: string; oktmo: string }>(municipalities).map((m) => [m._id, m])),
      organizations: new Map(live<{ _id: string; tenantId: string; name: string; kind: string }>(organizations).map((o) => [o._id, o])),
      educators: new Map(
        live<{ educatorId: string; tenantId: string; organizationId: string; fullName: string | null; status: string }>(educators).map((e) => [
          e.educatorId,
          e,
        ]),
      ),
    };
  };

  return {
    fetch,
    directory,
    calls,
    forget,
    get dir() {
      return dir();
    },
    requests: () => requests,
  };
};
