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
import { GraphQLClient } from '../../runner/graphql-client';
import { OutcomeCounts } from '../../runner/latency';
import { runPool } from '../../runner/pool';
import { Outcome } from '../../runner/progress';
import {
  aborted,
  emptyCounts,
  readCounted,
  recordFailure,
  runTiming,
  sendTimed,
  StageRun,
  StageRunOptions,
  startStageRun,
  tallyOutcome,
} from '../../runner/stage-run';
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

/** Concurrency, progress and failure limits: `StageRunOptions` (runner/stage-run.ts); the stage stops after `maxFailures` failed commands. */
export interface SeedDirectoryOptions extends StageRunOptions {
  client: GraphQLClient;
  tokens: TokenSource;
  /** `resolve`: only read what exists and map plan ids to directory ids (no writes). Default `seed`. */
  mode?: 'seed' | 'resolve';
  /** Read what already exists before registering (idempotent re-runs). Default true; false only for a known-empty platform. */
  reconcile?: boolean;
}

interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What every phase of the directory seeding shares: the platform, the run's settings, and what it records. */
interface DirectorySeedContext extends StageRun {
  client: GraphQLClient;
  tokens: TokenSource;
  plan: RegionPlan;
  mode: 'seed' | 'resolve';
  /** Read what exists before registering (always in `resolve`). */
  reconcile: boolean;
  counts: DirectorySeedResult['counts'];
  ids: DirectoryIds;
  samples: CommandSample[];
  errors: SeedFailure[];
  failures: number;
  duplicatesFound: number;
}

type Which = keyof DirectorySeedResult['counts'];

/** Counts an outcome for the kind of record and reports it to the progress. */
const tally = (ctx: DirectorySeedContext, which: Which, outcome: Outcome, n = 1) => tallyOutcome(ctx.progress, ctx.counts[which], outcome, n);

/** Keeps the failure (the first `maxErrorsKept`) and stops the run after `maxFailures`. */
const fail = (ctx: DirectorySeedContext, f: Omit<SeedFailure, 'message' | 'codes'>, err: unknown) => recordFailure(ctx, ctx, f, err);

/** One command to send: what, for which plan record and tenant, and the answer that means "exists" (if any). */
interface DirectoryCommandCall {
  name: DirectoryCommand;
  query: string;
  input: Record<string, unknown>;
  token: string;
  planId: string;
  tenantId: string;
  existsCode: string | null;
}

/** Sends one command and records its sample; returns the id, or the plan id as `existing` for the "exists" code. */
const command = async (ctx: DirectorySeedContext, c: DirectoryCommandCall): Promise<{ id: string; outcome: 'created' | 'existing' }> => {
  const { name, planId, tenantId } = c;
  const a = await sendTimed<{ id: string }>(ctx, name, c.query, { input: c.input }, c.token, c.existsCode ? [c.existsCode] : []);
  const id = a.outcome === 'created' ? a.data!.id : planId;
  const { sentAt, acceptedAt, latencyMs, attempts, outcome } = a;
  ctx.samples.push({ command: name, planId, serverId: id, tenantId, sentAt, acceptedAt, latencyMs, attempts, outcome });
  return { id, outcome };
};

/** Every page of a list query. */
const readAll = async <N>(ctx: DirectorySeedContext, query: string, field: string, token: string, variables: Record<string, unknown> = {}): Promise<N[]> => {
  const out: N[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Page<N>> = await readCounted<Record<string, Page<N>>>(ctx, query, { ...variables, after }, token);
    const page: Page<N> = data[field]!;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    after = page.pageInfo.endCursor;
  }
};

/** Natural key → id (the first by id); counts keys seen more than once. */
const index = <N>(ctx: DirectorySeedContext, nodes: N[], key: (n: N) => string | null, id: (n: N) => string): Map<string, string> => {
  const map = new Map<string, string>();
  for (const n of [...nodes].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0))) {
    const k = key(n);
    if (k === null) continue;
    if (map.has(k)) ctx.duplicatesFound++;
    else map.set(k, id(n));
  }
  return map;
};

// ---- 1. municipalities (regional operator) ----

/** `resolve`: the plan's municipalities the directory has. */
const resolveMunicipalities = async (ctx: DirectorySeedContext, operator: string, ready: Set<string>) => {
  const existing = new Set((await readAll<{ id: string }>(ctx, LIST_MUNICIPALITIES, 'municipalities', operator)).map((n) => n.id));
  for (const m of ctx.plan.municipalities) {
    if (existing.has(m.id)) {
      ready.add(m.id);
      ctx.ids.municipalities[m.id] = m.id;
      tally(ctx, 'municipalities', 'existing');
    } else tally(ctx, 'municipalities', 'missing');
  }
};

/** Onboards one municipality (MUNICIPALITY_EXISTS counts as done). */
const onboardMunicipality = async (ctx: DirectorySeedContext, operator: string, ready: Set<string>, m: MunicipalityPlan) => {
  try {
    const r = await command(ctx, {
      name: 'onboardMunicipality',
      query: ONBOARD_MUNICIPALITY,
      input: { ...m.input },
      token: operator,
      planId: m.id,
      tenantId: m.id,
      existsCode: 'MUNICIPALITY_EXISTS',
    });
    ready.add(m.id);
    ctx.ids.municipalities[m.id] = m.id;
    tally(ctx, 'municipalities', r.outcome);
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'onboardMunicipality', planId: m.id, tenantId: m.id }, err);
    tally(ctx, 'municipalities', 'failed');
  }
};

/** Phase 1; returns the municipalities the next phases can write to. */
const seedMunicipalities = async (ctx: DirectorySeedContext): Promise<Set<string>> => {
  const { plan, progress } = ctx;
  progress.startPhase('municipalities', plan.municipalities.length);
  const ready = new Set<string>();
  const operator = await ctx.tokens.regionalOperator();
  if (ctx.mode === 'resolve') await resolveMunicipalities(ctx, operator, ready);
  else await runPool(plan.municipalities, ctx.concurrency, (m: MunicipalityPlan) => onboardMunicipality(ctx, operator, ready, m), ctx.signal);
  progress.endPhase();
  return ready;
};

// ---- 2. organisations (each municipality's methodologist) ----

interface OrganizationToDo {
  m: MunicipalityPlan;
  o: OrganizationPlan;
  token: string;
}

/** Matches a municipality's organisations by name; what is missing goes to `todo` (in `seed`). */
const reconcileOrganizations = async (ctx: DirectorySeedContext, ready: Set<string>, todo: OrganizationToDo[], m: MunicipalityPlan) => {
  if (!ready.has(m.id)) {
    tally(ctx, 'organizations', 'skipped', m.organizations.length);
    return;
  }
  try {
    const token = await ctx.tokens.methodologist(m.id);
    const byName = ctx.reconcile
      ? index(
          ctx,
          await readAll<{ id: string; name: string }>(ctx, LIST_ORGANIZATIONS, 'organizations', token),
          (n) => n.name,
          (n) => n.id,
        )
      : new Map<string, string>();
    for (const o of m.organizations) {
      const id = byName.get(o.input.name);
      if (id) {
        ctx.ids.organizations[o.id] = id;
        tally(ctx, 'organizations', 'existing');
      } else if (ctx.mode === 'resolve') tally(ctx, 'organizations', 'missing');
      else todo.push({ m, o, token });
    }
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'reconcile', planId: m.id, tenantId: m.id }, err);
    tally(ctx, 'organizations', 'failed', m.organizations.length);
  }
};

/** Registers one missing organisation (the platform gives it its id). */
const registerOrganization = async (ctx: DirectorySeedContext, { m, o, token }: OrganizationToDo) => {
  try {
    const r = await command(ctx, {
      name: 'registerOrganization',
      query: REGISTER_ORGANIZATION,
      input: { ...o.input },
      token,
      planId: o.id,
      tenantId: m.id,
      existsCode: null,
    });
    ctx.ids.organizations[o.id] = r.id;
    tally(ctx, 'organizations', 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'registerOrganization', planId: o.id, tenantId: m.id }, err);
    tally(ctx, 'organizations', 'failed');
  }
};

/** Phase 2: reads per municipality, then registers what is missing in plan-id order. */
const seedOrganizations = async (ctx: DirectorySeedContext, ready: Set<string>, planned: number) => {
  ctx.progress.startPhase('organizations', planned);
  const todo: OrganizationToDo[] = [];
  await runPool(ctx.plan.municipalities, Math.min(ctx.concurrency, 8), (m) => reconcileOrganizations(ctx, ready, todo, m), ctx.signal);
  todo.sort((x, y) => (x.o.id < y.o.id ? -1 : 1));
  await runPool(todo, ctx.concurrency, (t) => registerOrganization(ctx, t), ctx.signal);
  ctx.progress.endPhase();
};

// ---- 3. educators (each municipality's methodologist) ----

interface EducatorToDo {
  m: MunicipalityPlan;
  e: EducatorPlan;
  organizationId: string;
  token: string;
}

/** A municipality's educators in every status, by full name. */
const existingEducators = async (ctx: DirectorySeedContext, token: string): Promise<Map<string, string>> => {
  const nodes: { id: string; fullName: string | null }[] = [];
  for (const status of ['ACTIVE', 'LEFT', 'TRANSFERRED']) {
    nodes.push(...(await readAll<{ id: string; fullName: string | null }>(ctx, LIST_EDUCATORS, 'educators', token, { status })));
  }
  return index(
    ctx,
    nodes,
    (n) => n.fullName,
    (n) => n.id,
  );
};

/** Matches a municipality's educators by full name; what is missing (with its organisation registered) goes to `todo`. */
const reconcileEducators = async (ctx: DirectorySeedContext, ready: Set<string>, todo: EducatorToDo[], m: MunicipalityPlan) => {
  const educatorsHere = m.organizations.reduce((a, o) => a + o.educators.length, 0);
  if (!ready.has(m.id)) {
    tally(ctx, 'educators', 'skipped', educatorsHere);
    return;
  }
  try {
    const token = await ctx.tokens.methodologist(m.id);
    const byName = ctx.reconcile ? await existingEducators(ctx, token) : new Map<string, string>();
    for (const o of m.organizations) {
      const organizationId = ctx.ids.organizations[o.id];
      for (const e of o.educators) {
        const id = byName.get(e.input.fullName);
        if (id) {
          ctx.ids.educators[e.id] = id;
          tally(ctx, 'educators', 'existing');
        } else if (ctx.mode === 'resolve') tally(ctx, 'educators', 'missing');
        else if (!organizationId) tally(ctx, 'educators', 'skipped');
        else todo.push({ m, e, organizationId, token });
      }
    }
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'reconcile', planId: m.id, tenantId: m.id }, err);
    tally(ctx, 'educators', 'failed', educatorsHere);
  }
};

/** Registers one missing educator in its organisation (by the organisation's directory id). */
const registerEducator = async (ctx: DirectorySeedContext, { m, e, organizationId, token }: EducatorToDo) => {
  try {
    const r = await command(ctx, {
      name: 'registerEducator',
      query: REGISTER_EDUCATOR,
      input: { organizationId, ...e.input },
      token,
      planId: e.id,
      tenantId: m.id,
      existsCode: null,
    });
    ctx.ids.educators[e.id] = r.id;
    tally(ctx, 'educators', 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'registerEducator', planId: e.id, tenantId: m.id }, err);
    tally(ctx, 'educators', 'failed');
  }
};

/** Phase 3: reads per municipality, then registers what is missing in plan-id order. */
const seedEducators = async (ctx: DirectorySeedContext, ready: Set<string>) => {
  ctx.progress.startPhase('educators', ctx.plan.totals.educators);
  const todo: EducatorToDo[] = [];
  await runPool(ctx.plan.municipalities, Math.min(ctx.concurrency, 8), (m) => reconcileEducators(ctx, ready, todo, m), ctx.signal);
  todo.sort((x, y) => (x.e.id < y.e.id ? -1 : 1));
  await runPool(todo, ctx.concurrency, (t) => registerEducator(ctx, t), ctx.signal);
  ctx.progress.endPhase();
};

// ---- the stage ----

/** The run's settings (defaults applied) and an empty record. */
const directoryContext = (plan: RegionPlan, options: SeedDirectoryOptions, organizationsPlanned: number): DirectorySeedContext => {
  const mode = options.mode ?? 'seed';
  return {
    ...startStageRun('directory', options),
    client: options.client,
    tokens: options.tokens,
    plan,
    mode,
    reconcile: mode === 'resolve' || (options.reconcile ?? true),
    counts: {
      municipalities: emptyCounts(plan.municipalities.length),
      organizations: emptyCounts(organizationsPlanned),
      educators: emptyCounts(plan.totals.educators),
    },
    ids: { municipalities: {}, organizations: {}, educators: {} },
    samples: [],
    errors: [],
    failures: 0,
    duplicatesFound: 0,
  };
};

/** The stage's result from what the run recorded. */
const directoryResult = (ctx: DirectorySeedContext, startedAt: Date): DirectorySeedResult => {
  const { counts, progress, signal, mode } = ctx;
  const timing = runTiming(progress, startedAt);
  const failed = counts.municipalities.failed + counts.organizations.failed + counts.educators.failed;
  const missing = counts.municipalities.missing + counts.organizations.missing + counts.educators.missing;
  return {
    stage: 'directory',
    mode,
    ok: !signal.aborted && ctx.failures === 0 && failed === 0 && (mode === 'seed' || missing === 0),
    aborted: signal.aborted,
    counts,
    ids: ctx.ids,
    duplicatesFound: ctx.duplicatesFound,
    ...timing,
    samples: ctx.samples,
    errors: ctx.errors,
  };
};

/** Seeds (or, in `resolve`, only maps) the region's directory: municipalities, then organisations, then educators. */
export const seedDirectory = async (plan: RegionPlan, options: SeedDirectoryOptions): Promise<DirectorySeedResult> => {
  const startedAt = new Date();
  const organizationsPlanned = plan.municipalities.reduce((a, m) => a + m.organizations.length, 0);
  const ctx = directoryContext(plan, options, organizationsPlanned);
  try {
    const ready = await seedMunicipalities(ctx);
    await seedOrganizations(ctx, ready, organizationsPlanned);
    await seedEducators(ctx, ready);
  } catch (err) {
    // A token or a read failed outside the per-item handling, or the caller aborted.
    if (!aborted(ctx)) fail(ctx, { command: 'reconcile', planId: '*', tenantId: '*' }, err);
  }
  return directoryResult(ctx, startedAt);
};
