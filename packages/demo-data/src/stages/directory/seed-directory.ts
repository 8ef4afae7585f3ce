/**
 * Seeds the directory part of a region plan through the platform's GraphQL gateway, with
 * the real commands and the real roles: municipalities are onboarded by the regional
 * operator, organisations and educators registered by each municipality's methodologist.
 *
 * Idempotent re-runs. The directory treats the two kinds of record differently:
 * - onboarding takes the id from the input, so a repeated onboarding is refused with
 *   MUNICIPALITY_EXISTS, which counts as done;
 * - organisations and educators get server-generated ids (ORGANIZATION_EXISTS and
 *   EDUCATOR_EXISTS can never fire for a registration), so a repeated registration
 *   would silently create a duplicate. The seeder therefore first reads what the
 *   municipality already has (as its methodologist) and matches by natural key —
 *   organisation name, educator full name, both unique within a municipality in the
 *   plan — and registers only what is missing.
 * The read side is an eventually consistent projection: records registered a moment
 * before a re-run (a crash and an immediate restart) may not be visible yet and would be
 * registered again. Re-runs after the platform has caught up (normally < 1 s) are exact.
 */
import { EducatorPlan, MunicipalityPlan, OrganizationPlan, RegionPlan } from '../../region/region-model';
import { GraphQLClient, GraphQLRequestError, GraphQLTransportError } from '../../runner/graphql-client';
import { OutcomeCounts } from '../../runner/latency';
import { runPool } from '../../runner/pool';
import { Outcome, ProgressListener, ProgressTracker } from '../../runner/progress';
import { TokenSource } from '../../runner/tokens';

// ---- GraphQL documents ------------------------------------------------------

export const ONBOARD_MUNICIPALITY = /* GraphQL */ `
  mutation DemoOnboardMunicipality($input: OnboardMunicipalityInput!) {
    onboardMunicipality(input: $input) {
      id
    }
  }
`;

export const REGISTER_ORGANIZATION = /* GraphQL */ `
  mutation DemoRegisterOrganization($input: RegisterOrganizationInput!) {
    registerOrganization(input: $input) {
      id
    }
  }
`;

export const REGISTER_EDUCATOR = /* GraphQL */ `
  mutation DemoRegisterEducator($input: RegisterEducatorInput!) {
    registerEducator(input: $input) {
      id
    }
  }
`;

export const LIST_MUNICIPALITIES = /* GraphQL */ `
  query DemoMunicipalities($after: String) {
    municipalities(first: 200, after: $after) {
      nodes {
        id
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const LIST_ORGANIZATIONS = /* GraphQL */ `
  query DemoOrganizations($after: String) {
    organizations(first: 200, after: $after) {
      nodes {
        id
        name
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const LIST_EDUCATORS = /* GraphQL */ `
  query DemoEducators($status: EducatorStatus, $after: String) {
    educators(filter: { status: $status }, first: 200, after: $after) {
      nodes {
        id
        fullName
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

// ---- results ----------------------------------------------------------------

export type DirectoryCommand = 'onboardMunicipality' | 'registerOrganization' | 'registerEducator';

/**
 * One command the seeder sent and the platform accepted. `acceptedAt` is when the
 * gateway's answer arrived (epoch ms): a benchmark can poll a read side for `serverId`
 * and measure the lag from there.
 */
export interface CommandSample {
  command: DirectoryCommand;
  planId: string;
  /** The directory's id (for municipalities, the tenant id). */
  serverId: string;
  tenantId: string;
  /** Epoch ms. */
  sentAt: number;
  acceptedAt: number;
  /** Round trip through the gateway, including retries (ms, sub-millisecond precision). */
  latencyMs: number;
  attempts: number;
  /** `existing`: the platform answered that it already had it (MUNICIPALITY_EXISTS). */
  outcome: 'created' | 'existing';
}

export interface SeedFailure {
  command: DirectoryCommand | 'reconcile';
  planId: string;
  tenantId: string;
  message: string;
  codes: string[];
}

/** Plan id → the directory's id. Municipalities keep their plan id as tenant id. */
export interface DirectoryIds {
  municipalities: Record<string, string>;
  organizations: Record<string, string>;
  educators: Record<string, string>;
}

export interface DirectorySeedResult {
  stage: 'directory';
  mode: 'seed' | 'resolve';
  ok: boolean;
  /** Stopped early: too many failures or the caller's signal. */
  aborted: boolean;
  counts: { municipalities: OutcomeCounts; organizations: OutcomeCounts; educators: OutcomeCounts };
  ids: DirectoryIds;
  /** Records found more than once under one natural key (earlier duplicates); the first by id is used. */
  duplicatesFound: number;
  commands: number;
  queries: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  commandsPerSecond: number;
  /** Every accepted command, in acceptance order. */
  samples: CommandSample[];
  /** The first `maxErrorsKept` failures. */
  errors: SeedFailure[];
}

export interface SeedDirectoryOptions {
  client: GraphQLClient;
  tokens: TokenSource;
  /** Commands in flight at once; default 16. */
  concurrency?: number;
  /** `resolve`: only read what exists and map plan ids to directory ids (no writes). Default `seed`. */
  mode?: 'seed' | 'resolve';
  /** Read what already exists before registering (idempotent re-runs). Default true; false only for a known-empty platform. */
  reconcile?: boolean;
  onProgress?: ProgressListener;
  progressIntervalMs?: number;
  /** Stop the stage after this many failed commands; default 200. */
  maxFailures?: number;
  maxErrorsKept?: number;
  signal?: AbortSignal;
}

const emptyCounts = (planned: number): OutcomeCounts => ({ planned, created: 0, existing: 0, failed: 0, skipped: 0, missing: 0 });

interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

class TooManyFailures extends Error {}

/** Milliseconds to the microsecond. */
const ms = (x: number) => Math.round(x * 1000) / 1000;

export const seedDirectory = async (plan: RegionPlan, options: SeedDirectoryOptions): Promise<DirectorySeedResult> => {
  const { client, tokens } = options;
  const mode = options.mode ?? 'seed';
  const reconcile = mode === 'resolve' || (options.reconcile ?? true);
  const concurrency = options.concurrency ?? 16;
  const maxFailures = options.maxFailures ?? 200;
  const maxErrorsKept = options.maxErrorsKept ?? 100;
  const startedAt = new Date();
  const progress = new ProgressTracker('directory', options.onProgress, options.progressIntervalMs ?? 1000);
  const internal = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;

  const organizationsPlanned = plan.municipalities.reduce((a, m) => a + m.organizations.length, 0);
  const counts = {
    municipalities: emptyCounts(plan.municipalities.length),
    organizations: emptyCounts(organizationsPlanned),
    educators: emptyCounts(plan.totals.educators),
  };
  const ids: DirectoryIds = { municipalities: {}, organizations: {}, educators: {} };
  const samples: CommandSample[] = [];
  const errors: SeedFailure[] = [];
  let failures = 0;
  let duplicatesFound = 0;

  const tally = (which: keyof typeof counts, outcome: Outcome, n = 1) => {
    if (n <= 0) return;
    counts[which][outcome] += n;
    progress.record(outcome, n);
  };

  const fail = (f: Omit<SeedFailure, 'message' | 'codes'>, err: unknown) => {
    failures++;
    if (errors.length < maxErrorsKept) {
      errors.push({
        ...f,
        message: err instanceof Error ? err.message : String(err),
        codes: err instanceof GraphQLRequestError ? err.codes : err instanceof GraphQLTransportError ? ['TRANSPORT'] : [],
      });
    }
    if (failures >= maxFailures && !internal.signal.aborted) internal.abort(new TooManyFailures(`${failures} failures`));
  };

  /** Sends one command and records its sample; returns the id, or 'exists' for the given code. */
  const command = async (
    name: DirectoryCommand,
    query: string,
    input: Record<string, unknown>,
    token: string,
    planId: string,
    tenantId: string,
    existsCode: string | null,
    field: string,
  ): Promise<{ id: string; outcome: 'created' | 'existing' }> => {
    const sentAt = Date.now();
    const t0 = performance.now();
    progress.commandSent();
    try {
      const r = await client.execute<Record<string, { id: string }>>(query, { input }, { token, signal });
      const id = r.data[field]!.id;
      samples.push({
        command: name,
        planId,
        serverId: id,
        tenantId,
        sentAt,
        acceptedAt: Date.now(),
        latencyMs: ms(performance.now() - t0),
        attempts: r.attempts,
        outcome: 'created',
      });
      return { id, outcome: 'created' };
    } catch (err) {
      if (existsCode && err instanceof GraphQLRequestError && err.hasCode(existsCode)) {
        samples.push({
          command: name,
          planId,
          serverId: planId,
          tenantId,
          sentAt,
          acceptedAt: Date.now(),
          latencyMs: ms(performance.now() - t0),
          attempts: err.attempts,
          outcome: 'existing',
        });
        return { id: planId, outcome: 'existing' };
      }
      throw err;
    }
  };

  /** Every page of a list query. */
  const readAll = async <N>(query: string, field: string, token: string, variables: Record<string, unknown> = {}): Promise<N[]> => {
    const out: N[] = [];
    let after: string | null = null;
    for (;;) {
      progress.querySent();
      const data: Record<string, Page<N>> = await client.request<Record<string, Page<N>>>(query, { ...variables, after }, { token, signal });
      const page: Page<N> = data[field]!;
      out.push(...page.nodes);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
      after = page.pageInfo.endCursor;
    }
  };

  /** Natural key → id; counts keys seen more than once. */
  const index = <N>(nodes: N[], key: (n: N) => string | null, id: (n: N) => string): Map<string, string> => {
    const map = new Map<string, string>();
    for (const n of [...nodes].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0))) {
      const k = key(n);
      if (k === null) continue;
      if (map.has(k)) duplicatesFound++;
      else map.set(k, id(n));
    }
    return map;
  };

  const aborted = () => signal.aborted;

  try {
    // ---- 1. municipalities (regional operator) ----
    progress.startPhase('municipalities', plan.municipalities.length);
    const ready = new Set<string>();
    const operator = await tokens.regionalOperator();
    if (mode === 'resolve') {
      const existing = new Set((await readAll<{ id: string }>(LIST_MUNICIPALITIES, 'municipalities', operator)).map((n) => n.id));
      for (const m of plan.municipalities) {
        if (existing.has(m.id)) {
          ready.add(m.id);
          ids.municipalities[m.id] = m.id;
          tally('municipalities', 'existing');
        } else tally('municipalities', 'missing');
      }
    } else {
      await runPool(
        plan.municipalities,
        concurrency,
        async (m: MunicipalityPlan) => {
          try {
            const r = await command(
              'onboardMunicipality',
              ONBOARD_MUNICIPALITY,
              { ...m.input },
              operator,
              m.id,
              m.id,
              'MUNICIPALITY_EXISTS',
              'onboardMunicipality',
            );
            ready.add(m.id);
            ids.municipalities[m.id] = m.id;
            tally('municipalities', r.outcome);
          } catch (err) {
            if (aborted()) return;
            fail({ command: 'onboardMunicipality', planId: m.id, tenantId: m.id }, err);
            tally('municipalities', 'failed');
          }
        },
        signal,
      );
    }
    progress.endPhase();

    // ---- 2. organisations (each municipality's methodologist) ----
    progress.startPhase('organizations', organizationsPlanned);
    const todoOrgs: { m: MunicipalityPlan; o: OrganizationPlan; token: string }[] = [];
    await runPool(
      plan.municipalities,
      Math.min(concurrency, 8),
      async (m) => {
        if (!ready.has(m.id)) {
          tally('organizations', 'skipped', m.organizations.length);
          return;
        }
        try {
          const token = await tokens.methodologist(m.id);
          const byName = reconcile
            ? index(
                await readAll<{ id: string; name: string }>(LIST_ORGANIZATIONS, 'organizations', token),
                (n) => n.name,
                (n) => n.id,
              )
            : new Map<string, string>();
          for (const o of m.organizations) {
            const id = byName.get(o.input.name);
            if (id) {
              ids.organizations[o.id] = id;
              tally('organizations', 'existing');
            } else if (mode === 'resolve') tally('organizations', 'missing');
            else todoOrgs.push({ m, o, token });
          }
        } catch (err) {
          if (aborted()) return;
          fail({ command: 'reconcile', planId: m.id, tenantId: m.id }, err);
          tally('organizations', 'failed', m.organizations.length);
        }
      },
      signal,
    );
    todoOrgs.sort((x, y) => (x.o.id < y.o.id ? -1 : 1));
    await runPool(
      todoOrgs,
      concurrency,
      async ({ m, o, token }) => {
        try {
          const r = await command('registerOrganization', REGISTER_ORGANIZATION, { ...o.input }, token, o.id, m.id, null, 'registerOrganization');
          ids.organizations[o.id] = r.id;
          tally('organizations', 'created');
        } catch (err) {
          if (aborted()) return;
          fail({ command: 'registerOrganization', planId: o.id, tenantId: m.id }, err);
          tally('organizations', 'failed');
        }
      },
      signal,
    );
    progress.endPhase();

    // ---- 3. educators (each municipality's methodologist) ----
    progress.startPhase('educators', plan.totals.educators);
    const todoEdus: { m: MunicipalityPlan; e: EducatorPlan; organizationId: string; token: string }[] = [];
    await runPool(
      plan.municipalities,
      Math.min(concurrency, 8),
      async (m) => {
        const educatorsHere = m.organizations.reduce((a, o) => a + o.educators.length, 0);
        if (!ready.has(m.id)) {
          tally('educators', 'skipped', educatorsHere);
          return;
        }
        try {
          const token = await tokens.methodologist(m.id);
          let byName = new Map<string, string>();
          if (reconcile) {
            const nodes: { id: string; fullName: string | null }[] = [];
            for (const status of ['ACTIVE', 'LEFT', 'TRANSFERRED']) {
              nodes.push(...(await readAll<{ id: string; fullName: string | null }>(LIST_EDUCATORS, 'educators', token, { status })));
            }
            byName = index(
              nodes,
              (n) => n.fullName,
              (n) => n.id,
            );
          }
          for (const o of m.organizations) {
            const organizationId = ids.organizations[o.id];
            for (const e of o.educators) {
              const id = byName.get(e.input.fullName);
              if (id) {
                ids.educators[e.id] = id;
                tally('educators', 'existing');
              } else if (mode === 'resolve') tally('educators', 'missing');
              else if (!organizationId) tally('educators', 'skipped');
              else todoEdus.push({ m, e, organizationId, token });
            }
          }
        } catch (err) {
          if (aborted()) return;
          fail({ command: 'reconcile', planId: m.id, tenantId: m.id }, err);
          tally('educators', 'failed', educatorsHere);
        }
      },
      signal,
    );
    todoEdus.sort((x, y) => (x.e.id < y.e.id ? -1 : 1));
    await runPool(
      todoEdus,
      concurrency,
      async ({ m, e, organizationId, token }) => {
        try {
          const r = await command('registerEducator', REGISTER_EDUCATOR, { organizationId, ...e.input }, token, e.id, m.id, null, 'registerEducator');
          ids.educators[e.id] = r.id;
          tally('educators', 'created');
        } catch (err) {
          if (aborted()) return;
          fail({ command: 'registerEducator', planId: e.id, tenantId: m.id }, err);
          tally('educators', 'failed');
        }
      },
      signal,
    );
    progress.endPhase();
  } catch (err) {
    // A token or a read failed outside the per-item handling, or the caller aborted.
    if (!aborted()) {
      fail({ command: 'reconcile', planId: '*', tenantId: '*' }, err);
    }
  }

  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const failed = counts.municipalities.failed + counts.organizations.failed + counts.educators.failed;
  const missing = counts.municipalities.missing + counts.organizations.missing + counts.educators.missing;
  return {
    stage: 'directory',
    mode,
    ok: !signal.aborted && failures === 0 && failed === 0 && (mode === 'seed' || missing === 0),
    aborted: signal.aborted,
    counts,
    ids,
    duplicatesFound,
    commands: progress.commandCount,
    queries: progress.queryCount,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs,
    commandsPerSecond: durationMs > 0 ? Math.round((progress.commandCount * 10000) / durationMs) / 10 : 0,
    samples,
    errors,
  };
};
