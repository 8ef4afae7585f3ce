/**
 * The platform in one process: the real Apollo Gateway over the committed supergraph, and
 * behind it each context's real slices (resolvers, handlers, deciders, row tables and
 * reactions) over in-memory deps, exactly the code a service runs. Only the transport is
 * replaced: a subgraph is called in process, and after every request the contexts' events
 * go where the relay and the projections would take them (the directory's public events to
 * professional development, the reactions, the read models), so the seeders' read-after-write
 * holds here as it does after a wait in a real run. Contests' score files take the upload route
 * (`/imports/olympiad-scores`, applied before the answer, as with `wait=true`), and its clock can
 * be moved on by days (`advanceContests`, as CLOCK_OFFSET_DAYS does), and so can communities'
 * (`advanceCommunities`).
 *
 * Tokens are JSON claims (`claimTokens`), so specs make any role without keys.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, GraphQLError, GraphQLSchema, parse, ValidationRule } from 'graphql';
import type { RequestContext, UserClaims } from '@mms/auth';
import { DirectoryContracts } from '@mms/contracts/events';
import { PlatformError, type EventEnvelope } from '@mms/eventsourcing/core';
import { Clock, fixedClock, importProgress, importRecordId } from '@mms/service-kit/core';
import { contractSdl, formatSubgraphError, mergeResolvers, SliceResolvers } from '@mms/service-kit';
import { createFormatError } from '../../../gateway/src/errors';
import { memoryDeps as communitiesMemoryDeps } from '../../../services/communities/src/communities.in-memory';
import { CommunityResolvers } from '../../../services/communities/src/communities/community.resolvers';
import { ThreadResolvers } from '../../../services/communities/src/discussions/thread.resolvers';
import { MethodEventResolvers } from '../../../services/communities/src/method-events/method-event.resolvers';
import { SiteResolvers } from '../../../services/communities/src/sites/site.resolvers';
import { memoryDeps as contestsMemoryDeps } from '../../../services/contests/src/contests.in-memory';
import { EntriesResolvers } from '../../../services/contests/src/entries/entries.resolvers';
import { PartitionResolvers } from '../../../services/contests/src/partitions/partition.resolvers';
import { scoresImportKind } from '../../../services/contests/src/scores-import/score-import.kind';
import { ScoreImportResolvers } from '../../../services/contests/src/scores-import/score-import.resolvers';
import { StageResolvers } from '../../../services/contests/src/stages/stage.resolvers';
import { StudentResolvers } from '../../../services/contests/src/students/student.resolvers';
import { inMemoryDirectory } from '../../../services/directory/src/directory.in-memory';
import { EducatorResolvers } from '../../../services/directory/src/educators/educator.resolvers';
import { TransferReaction } from '../../../services/directory/src/educators/transfer.reaction';
import { translateDirectoryEvent } from '../../../services/directory/src/integration/translate';
import { MunicipalityResolvers } from '../../../services/directory/src/municipalities/municipality.resolvers';
import { OrganizationResolvers } from '../../../services/directory/src/organizations/organization.resolvers';
import { ProgrammeResolvers } from '../../../services/professional-development/src/catalogue/programme.resolvers';
import { CohortResolvers } from '../../../services/professional-development/src/cohorts/cohort.resolvers';
import { DevelopmentResolvers } from '../../../services/professional-development/src/development/development.resolvers';
import { RouteClosingReaction } from '../../../services/professional-development/src/development/route-closing.reaction';
import { DiagnosticImportResolvers } from '../../../services/professional-development/src/diagnostics/diagnostic-import.resolvers';
import { EducatorResolvers as PdEducatorResolvers } from '../../../services/professional-development/src/educators/educator.resolvers';
import { CertificateRegisterResolvers } from '../../../services/professional-development/src/export/certificate-register.resolvers';
import { MentorResolvers } from '../../../services/professional-development/src/mentoring/mentor.resolvers';
import { memoryDeps } from '../../../services/professional-development/src/pd.in-memory';
import { TrainingDueResolvers } from '../../../services/professional-development/src/three-year-rule/training-due.resolvers';
import type { FetchLike } from '../src/runner/graphql-client';
import type { TokenClaims, TokenSource } from '../src/runner/tokens';

const SUPERGRAPH = join(__dirname, '../../../contracts/supergraph.graphql');

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

interface Context {
  request: RequestContext;
}

/**
 * A subgraph called in process: the same schema and error formatting its HTTP server has,
 * and the response as JSON, as it would cross the wire.
 */
class InProcessSubgraph implements GraphQLDataSource<Context> {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly internal: unknown[],
  ) {}

  async process({ request, context }: Parameters<GraphQLDataSource<Context>['process']>[0]) {
    const result = await graphql({
      schema: this.schema,
      source: request.query!,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: { request: (context as Context).request },
    });
    const errors = result.errors?.map((e) => formatSubgraphError(e, (err) => this.internal.push(err)));
    return JSON.parse(JSON.stringify(errors ? { data: result.data ?? null, errors } : { data: result.data }));
  }
}

/** A subgraph this process does not run: a query that needs it fails as if it were down. */
class AbsentSubgraph implements GraphQLDataSource<Context> {
  constructor(private readonly name: string) {}
  async process(): Promise<never> {
    throw new Error(`subgraph "${this.name}" does not run in the in-process platform`);
  }
}

const subgraph = (name: string, slices: SliceResolvers[]): GraphQLSchema =>
  buildSubgraphSchema([{ typeDefs: parse(contractSdl(name)()), resolvers: mergeResolvers(slices.map((s) => s.resolvers())) as never }]);

/** A gateway from before a mutation existed: asking for it fails validation, as the real one answers. */
const withoutMutations =
  (names: string[]): ValidationRule =>
  (context) => ({
    Field(node) {
      if (context.getParentType()?.name === 'Mutation' && names.includes(node.name.value)) {
        context.reportError(new GraphQLError(`Cannot query field "${node.name.value}" on type "Mutation".`, { nodes: node }));
      }
    },
  });

export interface InProcessGatewayOptions {
  /** The region's "now" (its day is what the handlers see as today). */
  today: Date | string;
  /** Every n-th request answers 503 (the seeders' retries). */
  fail503Every?: number;
  delayMs?: number;
  /** Mutations this platform does not have yet (an older deployment). */
  withoutMutations?: string[];
  /**
   * Communities' read models (its own rows and the educators it learns from the directory) catch
   * up only after every n-th request, as a busy projection would: the seeders' waits for them are tested.
   */
  communitiesLagEvery?: number;
}

/** A clock standing at `at`, moved on by whole days (the contests service run with CLOCK_OFFSET_DAYS). */
const movableClock = (at: Date | string) => {
  const base = fixedClock(at);
  let days = 0;
  const now = () => new Date(base.now().getTime() + days * 86_400_000);
  const clock: Clock = { timeZone: base.timeZone, now, today: () => fixedClock(now(), base.timeZone).today() };
  return { clock, advance: (n: number) => void (days += n) };
};

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, IMPORT_ID_REUSED: 409, NOT_FOUND: 404 };

export const inProcessGateway = (opts: InProcessGatewayOptions) => {
  const clock = fixedClock(opts.today);
  const directory = inMemoryDirectory({ clock });
  const pd = memoryDeps(clock);
  const contestsClock = movableClock(opts.today);
  const contests = contestsMemoryDeps(contestsClock.clock);
  const communitiesStart = new Date(opts.today).getTime();
  const communities = communitiesMemoryDeps(new Date(communitiesStart).toISOString());
  let communitiesDays = 0;
  const internalErrors: unknown[] = [];
  const schemas: Record<string, GraphQLSchema> = {
    directory: subgraph('directory', [
      new MunicipalityResolvers(directory.deps),
      new OrganizationResolvers(directory.deps),
      new EducatorResolvers(directory.deps),
    ]),
    'professional-development': subgraph('professional-development', [
      new ProgrammeResolvers(pd.d),
      new CohortResolvers(pd.d),
      new DevelopmentResolvers(pd.d),
      new MentorResolvers(pd.d),
      new DiagnosticImportResolvers(pd.d),
      new PdEducatorResolvers(),
      new TrainingDueResolvers(pd.d),
      new CertificateRegisterResolvers(pd.d),
    ]),
    contests: subgraph('contests', [
      new StageResolvers(contests.d),
      new StudentResolvers(contests.d),
      new EntriesResolvers(contests.d),
      new PartitionResolvers(contests.d),
      new ScoreImportResolvers(contests.d),
    ]),
    communities: subgraph('communities', [
      new CommunityResolvers(communities.d),
      new SiteResolvers(communities.d),
      new MethodEventResolvers(communities.d),
      new ThreadResolvers(communities.d),
    ]),
  };
  const transfers = new TransferReaction(directory.deps);
  const routeClosing = new RouteClosingReaction(pd.d);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH, 'utf8'),
    buildService: ({ name }) => (schemas[name] ? new InProcessSubgraph(schemas[name], internalErrors) : new AbsentSubgraph(name)),
  });
  const logger = { error: (o: { err?: unknown }) => internalErrors.push(o.err) };
  const apollo = new ApolloServer<Context>({
    gateway,
    includeStacktraceInErrorResponses: false,
    validationRules: opts.withoutMutations ? [withoutMutations(opts.withoutMutations)] : [],
    formatError: createFormatError(logger as never),
  });
  const started = apollo.start();

  const calls: Record<string, number> = {};
  let requests = 0;
  let cutAfter: number | null = null;

  /** Delivers events until nothing new is written: the relay, the reactions and the projections of a running platform. */
  const settle = async () => {
    for (;;) {
      const fromDirectory = await directory.project();
      const published = fromDirectory.flatMap((e): EventEnvelope[] => translateDirectoryEvent(e).map((ie) => ({ ...e, ...ie })));
      pd.receive(published);
      for (const e of published)
        if (e.type === DirectoryContracts.OrganizationRegistered.type) {
          const o = e.data as { organizationId: string; municipalityId: string; name: string; kind: string };
          communities.school(o.organizationId, o.municipalityId, { name: o.name, kind: o.kind });
        } else if (e.type === DirectoryContracts.EducatorRegistered.type) {
          contests.place(e.data as { educatorId: string; municipalityId: string; organizationId: string });
          communities.place(e.data as { educatorId: string; municipalityId: string; organizationId: string });
        }
      const fromPd = pd.project();
      const fromContests = await contests.project();
      const fromCommunities = !opts.communitiesLagEvery || requests % opts.communitiesLagEvery === 0 ? await communities.project() : [];
      if (fromDirectory.length + fromPd.length + fromContests.length + fromCommunities.length === 0) return;
      for (const e of fromDirectory) if (e.type === 'EducatorTransferredOut') await transfers.onTransferredOut({ payload: e } as never);
      for (const e of fromPd) if (e.type === 'EnrolmentCompleted') await routeClosing.onEnrolmentCompleted({ payload: e } as never);
    }
  };
  /** One delivery at a time, as one consumer per topic partition would: events of a stream stay in order. */
  let delivering = Promise.resolve();
  const delivered = () => (delivering = delivering.then(settle).catch((err) => void internalErrors.push(err)));

  const run = async (body: { query: string; operationName?: string; variables?: Record<string, unknown> }, token: string | null, idempotencyKey?: string) => {
    await started;
    calls[body.operationName ?? 'anonymous'] = (calls[body.operationName ?? 'anonymous'] ?? 0) + 1;
    const request: RequestContext = { user: claimsOf(token), requestId: `r-${requests}`, correlationId: `c-${requests}` };
    // As the gateway's idempotency plugin does: the key, and the request's fingerprint.
    if (idempotencyKey) request.idempotency = { key: idempotencyKey, fingerprint: createHash('sha256').update(JSON.stringify(body)).digest('base64url') };
    const response = await apollo.executeOperation(body, { contextValue: { request } });
    await delivered();
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by the seeders');
    return response.body.singleResult;
  };

  const unavailable = () => new Response('{"errors":[{"message":"unavailable"}]}', { status: 503, headers: { 'content-type': 'application/json' } });

  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  /** POST /imports/olympiad-scores?stageId=…&importId=…&wait=true, as contests' upload endpoint answers it (the file applied before the answer). */
  const uploadScores = async (url: URL, token: string | null, body: string) => {
    await started;
    calls['uploadScores'] = (calls['uploadScores'] ?? 0) + 1;
    const request: RequestContext = { user: claimsOf(token), requestId: `r-${requests}`, correlationId: `c-${requests}` };
    const kind = scoresImportKind(contests.d);
    try {
      const caller = await kind.authorize(request, { stageId: url.searchParams.get('stageId') ?? '' });
      const importId = url.searchParams.get('importId')!;
      const { record, rerun } = await contests.d.imports.receive(kind, caller, importId, [Buffer.from(body)]);
      if (!rerun) await contests.d.imports.run(kind, record._id);
      await delivered();
      const done = (await contests.d.imports.store.get(importRecordId(kind.name, caller.tenantId, importId)))!;
      return json(done.status === 'FAILED' ? 422 : 200, { import: importProgress(done), rerun });
    } catch (err) {
      const code = err instanceof PlatformError ? err.code : 'INTERNAL_SERVER_ERROR';
      if (code === 'INTERNAL_SERVER_ERROR') internalErrors.push(err);
      return json(HTTP_STATUS[code] ?? 422, { errors: [{ message: (err as Error).message, extensions: { code } }] });
    }
  };

  const fetch: FetchLike = async (url, init) => {
    requests++;
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (opts.fail503Every && requests % opts.fail503Every === 0) return unavailable();
    if (cutAfter !== null && cutAfter-- <= 0) return unavailable();
    const headers = init.headers as Record<string, string>;
    const auth = headers['authorization'] ?? null;
    const target = new URL(url);
    if (target.pathname.endsWith('/imports/olympiad-scores')) return uploadScores(target, auth ? auth.replace(/^Bearer /, '') : null, String(init.body));
    const out = await run(JSON.parse(String(init.body)), auth ? auth.replace(/^Bearer /, '') : null, headers['idempotency-key']);
    return new Response(JSON.stringify(out), { status: 200, headers: { 'content-type': 'application/json' } });
  };

  /**
   * Forgets directory streams as if the commands that wrote them had never run (a seeding
   * run that stopped early), and rebuilds the directory's read models from what is left.
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
    pd,
    contests,
    /** The contests service's clock runs `n` more days ahead (as a restart with CLOCK_OFFSET_DAYS would). */
    advanceContests: (n: number) => contestsClock.advance(n),
    communities,
    /** The communities service's clock runs `n` more days ahead (as a restart with CLOCK_OFFSET_DAYS would). */
    advanceCommunities: (n: number) => {
      communitiesDays += n;
      communities.at(new Date(communitiesStart + communitiesDays * 86_400_000).toISOString());
    },
    /** Brings communities' read models up to date (after a run with `communitiesLagEvery`). */
    catchUpCommunities: () => communities.project(),
    /** The communities service's now. */
    communitiesNow: () => communities.d.clock.now(),
    calls,
    forget,
    /** Errors the platform masked as "Internal error" (a spec expects none). */
    internalErrors,
    /** The platform goes down after `n` more requests (a run cut short), until `restore()`. */
    cut: (n: number) => void (cutAfter = n),
    restore: () => void (cutAfter = null),
    get dir() {
      return dir();
    },
    requests: () => requests,
    stop: () => apollo.stop(),
  };
};

export type InProcessGateway = ReturnType<typeof inProcessGateway>;
