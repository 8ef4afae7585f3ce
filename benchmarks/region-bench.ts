/*
 * Region benchmark: the generated demo region loaded through the real command path (the
 * gateway), then monitoring lag and the regional query against a one-municipality query.
 *
 *   bash benchmarks/run region                (builds, starts its own infra, runs, stops)
 *   node --require ./contracts/src/compose/ts-register.cjs benchmarks/region-bench.ts
 *                                             (needs KAFKA_BROKERS and MONGO_URL of a running instance)
 *
 * Sections (in the order they run):
 *   1. load: every stage of demo-data's SEED_STAGES (whatever they are) through runStages,
 *      commands/s per stage and overall, command latency p50/p99; then how long until
 *      monitoring counts every educator and the pipeline is idle (outbox and consumer lag 0);
 *   2. queries: regionalComparison (every municipality) vs municipalityIndicators (one), both
 *      through the gateway as the regional operator, interleaved, after a warm-up (before the
 *      lag probes, which add educators and trainings to the probed municipality);
 *   3. lag: command accepted (mutation answered) → monitoring indicator changed, polled through
 *      the gateway every BENCH_REGION_POLL_MS; registerEducator → educators + 1,
 *      completeEnrolment → trainingHours + hours, registerEducator under a steady background load.
 * Knobs: see `benchmarks/README.md` (BENCH_REGION_*). Only 127.0.0.1 traffic.
 */
import { Kafka, logLevel } from 'kafkajs';
import { cpus, loadavg } from 'node:os';
import { MongoClient } from 'mongodb';
import {
  buildRegionPlan,
  DEFAULT_SEED,
  devTokenSource,
  directoryIdsOf,
  formatProgress,
  GraphQLClient,
  MunicipalityPlan,
  RegionPlan,
  runStages,
  SEED_STAGES,
  SeedStage,
  StageResult,
  TokenSource,
} from '../packages/demo-data/src/index';
import { regionToday } from '../packages/demo-data/src/runner/stage-run';
import { unpublishedCommits } from '../packages/eventsourcing/src/index';
import {
  benchProcesses,
  cleanup,
  cpuSeconds,
  env,
  machineCpu,
  gql,
  infraFromEnv,
  int,
  log,
  now,
  Report,
  RunningPlatform,
  sleep,
  STAMP,
  startPlatform,
  summary,
  Summary,
  TS,
} from './bench-kit';

const { mongoUrl: MONGO_URL, kafkaBrokers: KAFKA_BROKERS } = infraFromEnv('bash benchmarks/run region');

const SCALE = Number(env['BENCH_REGION_SCALE'] ?? 0.05);
const SEED = env['BENCH_REGION_SEED'] ? (/^\d+$/.test(env['BENCH_REGION_SEED']) ? Number(env['BENCH_REGION_SEED']) : env['BENCH_REGION_SEED']) : DEFAULT_SEED;
const CONCURRENCY = int('BENCH_REGION_CONCURRENCY', 16);
const LAG_K = int('BENCH_REGION_LAG_K', 40);
const POLL_MS = int('BENCH_REGION_POLL_MS', 5);
/** Background registrations per second during the lag-under-load probes (open loop); 0 skips them. */
const LOAD_RATE = int('BENCH_REGION_LOAD_RATE', 5);
/** What the lag probes poll: the probed school's indicators (default) or its municipality's. */
const PROBE_SCOPE: 'school' | 'municipality' = env['BENCH_REGION_PROBE_SCOPE'] === 'municipality' ? 'municipality' : 'school';
const QUERY_N = int('BENCH_REGION_QUERY_N', 60);
const QUERY_WARMUP = int('BENCH_REGION_QUERY_WARMUP', 5);
const QUERY_CAP_S = int('BENCH_REGION_QUERY_CAP_S', 180);
const CATCHUP_CAP_S = int('BENCH_REGION_CATCHUP_CAP_S', 900);
const SKIP = new Set((env['BENCH_SKIP'] ?? '').split(',').filter(Boolean));
// The region's day, as the services count it: a UTC date is yesterday there after its midnight, and
// the plan's windows (a school stage's registration) then look closed to the services.
const AS_OF = env['BENCH_REGION_AS_OF'] ?? regionToday();
const PROBE_TIMEOUT_MS = 60_000;
if (!(SCALE > 0)) throw new Error(`BENCH_REGION_SCALE must be a positive number, got ${env['BENCH_REGION_SCALE']}`);

const report = new Report('region', {
  scale: SCALE,
  seed: SEED,
  concurrency: CONCURRENCY,
  lagK: LAG_K,
  pollMs: POLL_MS,
  probeScope: PROBE_SCOPE,
  loadRate: LOAD_RATE,
  queryN: QUERY_N,
});
const { details } = report;

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const ms = (s: Summary) => ({ n: s.n, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max), mean: round(s.mean) });
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const educatorsOf = (m: MunicipalityPlan) => m.organizations.reduce((a, o) => a + o.educators.length, 0);

// ---------------------------------------------------------------------------- GraphQL documents

const REPORT_FIELDS = `scope scopeId academicYear asOf educators trainedInThreeYears coverage3y overdue trainingHours
  trainingHoursPerEducator youngTeachers youngWithMentor youngWithMentorShare withApprovedRoute withApprovedRouteShare
  topDeficits { area count }`;
const MUNICIPALITY_REPORT = `query BenchMunicipality($m: ID) { municipalityIndicators(municipalityId: $m) { ${REPORT_FIELDS} } }`;
const REGIONAL_REPORT = `query BenchRegional { regionalComparison { municipalities { municipalityId rank indicators { ${REPORT_FIELDS} } } region { ${REPORT_FIELDS} } } }`;
const PROBE_READ_MUNICIPALITY = `query BenchProbe($m: ID) { municipalityIndicators(municipalityId: $m) { educators trainingHours } }`;
const PROBE_READ_SCHOOL = `query BenchProbeSchool($o: ID!) { schoolIndicators(organizationId: $o) { educators trainingHours } }`;
const REGION_EDUCATORS = `query BenchRegionEducators { regionalComparison { region { educators } } }`;
const REGISTER_EDUCATOR = `mutation BenchRegisterEducator($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`;
const CREATE_PROGRAMME = `mutation BenchCreateProgramme($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`;
const PUBLISH_PROGRAMME = `mutation BenchPublish($id: ID!) { publishProgramme(id: $id) { id status } }`;
const SCHEDULE_COHORT = `mutation BenchSchedule($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id } }`;
const APPLY = `mutation BenchApply($i: ApplyForCohortInput!) { applyForCohort(input: $i) { id status } }`;
const APPROVE = `mutation BenchApprove($id: ID!) { approveEnrolment(enrolmentId: $id) { id status } }`;
const COMPLETE = `mutation BenchComplete($i: CompleteEnrolmentInput!) { completeEnrolment(input: $i) { id status } }`;

// ---------------------------------------------------------------------------- CPU

/** CPU counters at the start of a period: per process of the benchmark, and the whole machine's. */
const cpuStart = () => ({ processes: cpuSeconds(benchProcesses()), machine: machineCpu() });

/**
 * Where the cores went over a period: one row with the cores the benchmark's processes used,
 * the split and what the rest of the machine used (other work on a shared machine) in the note.
 */
const cpuRow = (section: string, label: string, before: ReturnType<typeof cpuStart>, seconds: number) => {
  const after = cpuStart();
  const used = Object.entries(after.processes)
    .map(([k, v]) => [k, (v - (before.processes[k] ?? 0)) / seconds] as const)
    .sort((a, b) => b[1] - a[1]);
  if (!used.length) return {};
  const total = used.reduce((a, [, v]) => a + v, 0);
  const machine = after.machine && before.machine ? (after.machine.busy - before.machine.busy) / seconds : NaN;
  const other = Math.max(0, machine - total);
  report.row({
    section,
    metric: `${label}: CPU used by the benchmark's processes`,
    value: total,
    unit: 'cores',
    note: `${used.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; other processes on the machine ${Number.isNaN(other) ? '?' : other.toFixed(2)} of ${cpus().length} cores`,
  });
  return { ...Object.fromEntries(used.map(([k, v]) => [k, round(v, 3)])), machineBusy: round(machine, 3), otherProcesses: round(other, 3) };
};

// ---------------------------------------------------------------------------- 1. load

interface StageTiming {
  wallMs: number;
  error?: string;
}

interface CommandSampleLike {
  command?: string;
  latencyMs?: number;
  outcome?: string;
}

const samplesOf = (r: StageResult): CommandSampleLike[] => {
  const s = (r.detail as { samples?: unknown } | null | undefined)?.samples;
  return Array.isArray(s) ? (s as CommandSampleLike[]) : [];
};

const numberIn = (o: Record<string, unknown>, k: string): number | undefined => (typeof o[k] === 'number' ? (o[k] as number) : undefined);

const load = async (plan: RegionPlan, client: GraphQLClient, tokens: TokenSource) => {
  const timings = new Map<string, StageTiming>();
  // Each stage as it is, timed; a stage that throws becomes a failed result (the others still run).
  const stages: SeedStage[] = SEED_STAGES.map((s) => ({
    ...s,
    run: async (ctx) => {
      log(`load: stage ${s.name} (${ctx.mode}) — ${s.description}`);
      const t0 = now();
      try {
        const r = await s.run(ctx);
        timings.set(s.name, { wallMs: now() - t0 });
        return r;
      } catch (err) {
        timings.set(s.name, { wallMs: now() - t0, error: String((err as Error).stack ?? err) });
        report.error(`load/${s.name}`, err);
        return { stage: s.name, mode: ctx.mode, ok: false, summary: { error: String(err) }, detail: null };
      }
    },
  }));
  log(`load: stages ${SEED_STAGES.map((s) => s.name).join(', ')}; concurrency ${CONCURRENCY}`);
  const cpu0 = cpuStart();
  const t0 = now();
  const results = await runStages({
    plan,
    client,
    tokens,
    concurrency: CONCURRENCY,
    stages,
    stopOnFailure: false,
    onProgress: (p) => log(formatProgress(p)),
    progressIntervalMs: 5000,
  });
  const wallMs = now() - t0;

  const section = '1. load the region through the gateway';
  const all: number[] = [];
  let totalCommands = 0;
  const perStage: Record<string, unknown> = {};
  for (const [name, r] of results) {
    const s = r.summary ?? {};
    const samples = samplesOf(r);
    const lat = samples.filter((x) => x.outcome !== 'existing' && typeof x.latencyMs === 'number').map((x) => x.latencyMs!);
    all.push(...lat);
    const timing = timings.get(name);
    const commands = numberIn(s, 'commands') ?? samples.length;
    const durationMs = numberIn(s, 'durationMs') ?? timing?.wallMs ?? NaN;
    const perSecond = numberIn(s, 'commandsPerSecond') ?? (commands * 1000) / durationMs;
    totalCommands += commands;
    const l = summary(lat);
    const failures = Array.isArray(s['errors']) ? (s['errors'] as unknown[]).length : 0;
    const note = `${commands} commands in ${(durationMs / 1000).toFixed(1)} s${r.ok ? '' : ' — STAGE NOT OK'}${failures ? `, ${failures}+ errors` : ''}`;
    report.row({ section, metric: `stage ${name}: commands/s`, value: perSecond, unit: 'cmd/s', note });
    if (!r.ok && !timing?.error) report.error(`load/${name}`, new Error(`stage not ok: ${JSON.stringify(s['errors'] ?? s).slice(0, 1000)}`));
    if (lat.length) {
      report.row({ section, metric: `stage ${name}: command latency p50`, value: l.p50, unit: 'ms' });
      report.row({
        section,
        metric: `stage ${name}: command latency p99`,
        value: l.p99,
        unit: 'ms',
        reference: l.p50,
        referenceLabel: 'p50',
      });
    }
    perStage[name] = {
      ok: r.ok,
      mode: r.mode,
      wallMs: round(timing?.wallMs ?? NaN),
      commands,
      durationMs,
      commandsPerSecond: perSecond,
      latencyMs: ms(l),
      summary: s,
    };
  }
  const l = summary(all);
  report.row({
    section,
    metric: 'all stages: commands/s',
    value: (totalCommands * 1000) / wallMs,
    unit: 'cmd/s',
    note: `${totalCommands} commands in ${(wallMs / 1000).toFixed(1)} s, concurrency ${CONCURRENCY}`,
  });
  if (all.length) {
    report.row({ section, metric: 'all stages: command latency p50', value: l.p50, unit: 'ms' });
    report.row({ section, metric: 'all stages: command latency p99', value: l.p99, unit: 'ms', reference: l.p50, referenceLabel: 'p50' });
  }
  const cpu = cpuRow(section, 'load', cpu0, wallMs / 1000);
  details['load'] = {
    stages: SEED_STAGES.map((s) => s.name),
    wallMs: round(wallMs),
    totalCommands,
    latencyMs: ms(l),
    perStage,
    cpuCores: cpu,
  };
  return results;
};

// ---------------------------------------------------------------------------- catch-up after the load

/** Unpublished commits in the services' outboxes and the consumer groups' lag, summed. */
const backlog = async (mongo: MongoClient, kafka: ReturnType<Kafka['admin']>, platform: RunningPlatform) => {
  let unpublished = 0;
  const unpublishedByService: Record<string, number> = {};
  for (const [service, db] of Object.entries(platform.dbs)) {
    const n = await unpublishedCommits(mongo.db(db));
    unpublished += n;
    if (n) unpublishedByService[service] = n;
  }
  let consumerLag = 0;
  const byGroup: Record<string, number> = {};
  const ends = new Map<string, Map<number, bigint>>();
  const endOf = async (topic: string) => {
    let m = ends.get(topic);
    if (!m) {
      m = new Map((await kafka.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
      ends.set(topic, m);
    }
    return m;
  };
  const { groups } = await kafka.listGroups();
  for (const g of groups) {
    for (const t of await kafka.fetchOffsets({ groupId: g.groupId })) {
      const end = await endOf(t.topic);
      for (const p of t.partitions) {
        const committed = BigInt(p.offset) < 0n ? 0n : BigInt(p.offset);
        const high = end.get(p.partition) ?? 0n;
        if (high > committed) {
          consumerLag += Number(high - committed);
          byGroup[g.groupId] = (byGroup[g.groupId] ?? 0) + Number(high - committed);
        }
      }
    }
  }
  return { unpublished, unpublishedByService, consumerLag, groups: groups.length, byGroup };
};

const catchUp = async (platform: RunningPlatform, operator: string, expectedEducators: number) => {
  const mongo = new MongoClient(MONGO_URL);
  await mongo.connect();
  const kafka = new Kafka({ clientId: `bench-region-${TS}`, brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await kafka.connect();
  try {
    const cpu0 = cpuStart();
    const t0 = now();
    const atLoadEnd = await backlog(mongo, kafka, platform);
    log(`catch-up: at load end ${atLoadEnd.unpublished} unpublished commits, consumer lag ${atLoadEnd.consumerLag} messages (${atLoadEnd.groups} groups)`);
    let educatorsAt = 0;
    let idleAt = 0;
    let last: { educators: number; unpublished: number; consumerLag: number } = { educators: -1, unpublished: -1, consumerLag: -1 };
    const end = t0 + CATCHUP_CAP_S * 1000;
    let lastLog = 0;
    let lastCount = 0;
    let educators = -1;
    let idleSince = 0;
    let shortButIdle = false;
    const count = async () => {
      lastCount = now();
      educators = (await gql(platform.gatewayUrl, bearer(operator), REGION_EDUCATORS))['regionalComparison'].region.educators as number;
      if (educators >= expectedEducators) educatorsAt = now();
    };
    while (now() < end) {
      // The count is the regional query (expensive at scale, and it competes with monitoring's
      // consumer): every 5 s until it is complete; the backlog every second.
      if (!educatorsAt && now() - lastCount >= 5000) await count();
      const b = await backlog(mongo, kafka, platform);
      last = { educators, unpublished: b.unpublished, consumerLag: b.consumerLag };
      if (b.unpublished === 0 && b.consumerLag === 0) {
        idleSince ||= now();
        if (!educatorsAt) await count();
        if (educatorsAt) {
          idleAt = idleSince;
          break;
        }
        if (now() - idleSince > 15_000) {
          shortButIdle = true; // nothing left to deliver, yet monitoring counts fewer educators
          break;
        }
      } else idleSince = 0;
      if (now() - lastLog > 10_000) {
        lastLog = now();
        log(
          `catch-up: monitoring counts ${educators}/${expectedEducators} educators; ${b.unpublished} unpublished, consumer lag ${b.consumerLag} (${((now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
      await sleep(1000);
    }
    const section = '1. load the region through the gateway';
    const capped = shortButIdle
      ? `IDLE but monitoring counts ${last.educators}/${expectedEducators} educators`
      : `CAPPED at ${CATCHUP_CAP_S}s (${last.educators}/${expectedEducators} educators, ${last.unpublished} unpublished, lag ${last.consumerLag})`;
    report.row({
      section,
      metric: 'after load: until monitoring counts every educator',
      value: ((educatorsAt || now()) - t0) / 1000,
      unit: 's',
      note: educatorsAt ? `${expectedEducators} educators (regionalComparison every 5 s)` : capped,
    });
    report.row({
      section,
      metric: 'after load: until outboxes and consumers are idle',
      value: ((idleAt || now()) - t0) / 1000,
      unit: 's',
      note: idleAt
        ? `backlog at load end: ${atLoadEnd.unpublished} unpublished commits (${Object.entries(atLoadEnd.unpublishedByService)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}), consumer lag ${atLoadEnd.consumerLag} (${Object.entries(atLoadEnd.byGroup)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([g, n]) => `${g} ${n}`)
            .join(', ')})`
        : capped,
    });
    if (shortButIdle) report.error('catch-up', new Error(capped));
    const cpu = cpuRow(section, 'after load, until idle', cpu0, (now() - t0) / 1000);
    details['catchUp'] = {
      cpuCores: cpu,
      atLoadEnd,
      expectedEducators,
      educatorsVisibleS: educatorsAt ? (educatorsAt - t0) / 1000 : null,
      idleS: idleAt ? (idleAt - t0) / 1000 : null,
      last,
    };
    return !!idleAt;
  } finally {
    await kafka.disconnect().catch(() => undefined);
    await mongo.close();
  }
};

// ---------------------------------------------------------------------------- 2. lag

interface ProbeRead {
  educators: number;
  trainingHours: number;
}

/** The indicators the probes watch: the school's (PROBE_SCOPE school) or its municipality's. */
const probeReader = (url: string, token: string, municipalityId: string, organizationId: string) => async (): Promise<ProbeRead> =>
  PROBE_SCOPE === 'school'
    ? ((await gql(url, bearer(token), PROBE_READ_SCHOOL, { o: organizationId }))['schoolIndicators'] as ProbeRead)
    : ((await gql(url, bearer(token), PROBE_READ_MUNICIPALITY, { m: municipalityId }))['municipalityIndicators'] as ProbeRead);

/**
 * Polls `read` every POLL_MS (from the start of one poll to the next) until `done` holds.
 * Returns the lag to the answer of the first poll that shows it (upper bound) and to that
 * poll's start (lower bound), from `acceptedAt`.
 */
const pollUntil = async (read: () => Promise<ProbeRead>, acceptedAt: number, done: (r: ProbeRead) => boolean, pollRtts: number[]) => {
  const end = acceptedAt + PROBE_TIMEOUT_MS;
  let polls = 0;
  for (;;) {
    const tp = now();
    const r = await read();
    const ta = now();
    pollRtts.push(ta - tp);
    polls++;
    if (done(r)) return { lag: ta - acceptedAt, lagLower: Math.max(0, tp - acceptedAt), polls, read: r };
    if (ta > end) throw new Error(`monitoring did not show the change within ${PROBE_TIMEOUT_MS / 1000}s (last ${JSON.stringify(r)})`);
    await sleep(Math.max(0, POLL_MS - (now() - tp)));
  }
};

const lagRows = (section: string, label: string, lags: number[], lower: number[], mutation: number[], rtts: number[], note: string) => {
  const l = summary(lags);
  const lo = summary(lower);
  const m = summary(mutation);
  const r = summary(rtts);
  const resolution = `resolution: poll every ${POLL_MS} ms + poll round trip p50 ${r.p50.toFixed(1)} ms; ${note}`;
  report.row({
    section,
    metric: `${label} p50`,
    value: l.p50,
    unit: 'ms',
    reference: m.p50,
    referenceLabel: 'mutation round trip p50',
    note: resolution,
  });
  report.row({
    section,
    metric: `${label} p99`,
    value: l.p99,
    unit: 'ms',
    reference: m.p99,
    referenceLabel: 'mutation round trip p99',
    note: `max ${l.max.toFixed(1)} ms; lower bound (poll sent) p50 ${lo.p50.toFixed(1)} / p99 ${lo.p99.toFixed(1)} ms`,
  });
  return { lagMs: ms(l), lagLowerBoundMs: ms(lo), mutationMs: ms(m), pollRoundTripMs: ms(r) };
};

/** K registrations in school `organizationId` of `m` (after 3 warm-ups), each followed by polls until monitoring counts one educator more. */
const educatorProbes = async (url: string, tokens: TokenSource, m: string, organizationId: string, k: number, tag: string) => {
  const token = await tokens.methodologist(m);
  const read = probeReader(url, token, m, organizationId);
  const lags: number[] = [];
  const lower: number[] = [];
  const mutation: number[] = [];
  const rtts: number[] = [];
  let count = (await read()).educators;
  for (let i = -3; i < k; i++) {
    const t0 = now();
    await gql(url, bearer(token), REGISTER_EDUCATOR, {
      i: {
        organizationId,
        fullName: `Бенчмарков ${tag} ${TS} ${i + 3}`,
        position: 'учитель',
        subjects: ['математика'],
        careerStartDate: '2015-09-01',
      },
    });
    const accepted = now();
    const want = count + 1;
    let r;
    try {
      r = await pollUntil(read, accepted, (x) => x.educators >= want, i < 0 ? [] : rtts);
    } catch (err) {
      // Keep what was measured; the rest would only queue behind this one.
      return { lags, lower, mutation, rtts, timedOut: `probe ${i + 1} of ${k}: ${(err as Error).message}` };
    }
    count = r.read.educators;
    if (i < 0) continue;
    mutation.push(accepted - t0);
    lags.push(r.lag);
    lower.push(r.lagLower);
  }
  return { lags, lower, mutation, rtts, timedOut: '' };
};

const trainingProbes = async (url: string, tokens: TokenSource, plan: RegionPlan, ids: ReturnType<typeof directoryIdsOf>, mp: MunicipalityPlan, k: number) => {
  const m = mp.id;
  const meth = await tokens.methodologist(m);
  const hours = 24;
  const programme = (
    await gql(url, bearer(meth), CREATE_PROGRAMME, {
      i: { title: `Бенчмарк: цифровая среда ${TS}`, provider: 'bench', hours, format: 'DISTANCE', competences: ['DIGITAL'] },
    })
  )['createProgramme'].id as string;
  await gql(url, bearer(meth), PUBLISH_PROGRAMME, { id: programme });
  const cohort = (
    await gql(url, bearer(meth), SCHEDULE_COHORT, {
      i: { programmeId: programme, startDate: addDays(plan.asOf, -10), endDate: addDays(plan.asOf, 20), seats: k + 10 },
    })
  )['scheduleCohort'].id as string;
  // Educators of the municipality, one school after another, round robin.
  const candidates: { educatorId: string; organizationId: string }[] = [];
  const perOrg = mp.organizations.map((o) => o.educators.map((e) => ({ educatorId: ids.educators[e.id], organizationId: ids.organizations[o.id] })));
  for (let j = 0; candidates.length < k + 3 && perOrg.some((l) => l.length > j); j++) {
    for (const l of perOrg) if (l[j]?.educatorId && l[j]?.organizationId) candidates.push(l[j] as { educatorId: string; organizationId: string });
  }
  const lags: number[] = [];
  const lower: number[] = [];
  const mutation: number[] = [];
  const rtts: number[] = [];
  let applyRetries = 0;
  for (let i = -3; i < k && i + 3 < candidates.length; i++) {
    const c = candidates[i + 3]!;
    const coordinator = await tokens.forRole('school_coordinator', { municipality: m, organization: c.organizationId });
    let enrolment = '';
    for (const end = now() + 30_000; ;) {
      try {
        enrolment = (await gql(url, bearer(coordinator), APPLY, { i: { cohortId: cohort, educatorId: c.educatorId } }))['applyForCohort'].id as string;
        break;
      } catch (err) {
        // professional development may not know the educator yet (it learns from the directory's events)
        if (now() > end) throw err;
        applyRetries++;
        await sleep(200);
      }
    }
    await gql(url, bearer(coordinator), APPROVE, { id: enrolment });
    const read = probeReader(url, meth, m, c.organizationId);
    const before = (await read()).trainingHours;
    const t0 = now();
    await gql(url, bearer(coordinator), COMPLETE, {
      i: { enrolmentId: enrolment, certificateNumber: `BENCH-${TS}-${i + 3}`, hours, issuedOn: plan.asOf },
    });
    const accepted = now();
    const r = await pollUntil(read, accepted, (x) => x.trainingHours >= before + hours, i < 0 ? [] : rtts);
    if (i < 0) continue;
    mutation.push(accepted - t0);
    lags.push(r.lag);
    lower.push(r.lagLower);
  }
  return { lags, lower, mutation, rtts, applyRetries, programme, cohort };
};

const lag = async (
  platform: RunningPlatform,
  tokens: TokenSource,
  plan: RegionPlan,
  results: Map<string, StageResult>,
  probe: MunicipalityPlan,
  busy: MunicipalityPlan,
) => {
  const url = platform.gatewayUrl;
  const ids = directoryIdsOf(results);
  const organizationId = ids.organizations[probe.organizations[0]!.id];
  if (!organizationId) throw new Error(`no directory id for ${probe.organizations[0]!.id}`);
  const watched = PROBE_SCOPE === 'school' ? `schoolIndicators of the probed school in ${probe.id}` : `municipalityIndicators(${probe.id})`;
  const section = `3. monitoring lag: command accepted → indicator changed (via gateway, polling ${watched})`;

  if (!SKIP.has('lag')) {
    try {
      log(`lag: ${LAG_K} registerEducator probes in ${probe.id}`);
      const r = await educatorProbes(url, tokens, probe.id, organizationId, LAG_K, 'a');
      details['lagRegisterEducator'] = lagRows(
        section,
        'registerEducator → educators + 1',
        r.lags,
        r.lower,
        r.mutation,
        r.rtts,
        `K=${r.lags.length}${r.timedOut ? `; ${r.timedOut}` : ''}`,
      );
      if (r.timedOut) report.error('lag/registerEducator', new Error(r.timedOut));
    } catch (err) {
      report.error('lag/registerEducator', err);
    }
  }

  if (!SKIP.has('training')) {
    try {
      log(`lag: ${LAG_K} completeEnrolment probes in ${probe.id}`);
      const r = await trainingProbes(url, tokens, plan, ids, probe, LAG_K);
      details['lagCompleteEnrolment'] = {
        ...lagRows(section, 'completeEnrolment → trainingHours + 24', r.lags, r.lower, r.mutation, r.rtts, `K=${r.lags.length}`),
        applyRetries: r.applyRetries,
      };
    } catch (err) {
      report.error('lag/completeEnrolment', err);
    }
  }

  if (!SKIP.has('load') && LOAD_RATE > 0) {
    try {
      // Background registrations at a steady rate (open loop: one every 1/LOAD_RATE s, at most
      // 32 in flight), round robin over the schools of another municipality (or the other
      // schools of this one) while the probes run.
      const busyOrgs = (busy.id !== probe.id ? busy.organizations : probe.organizations.slice(1)).map((o) => ids.organizations[o.id]!).filter(Boolean);
      if (!busyOrgs.length || (busy.id === probe.id && PROBE_SCOPE === 'municipality')) {
        throw new Error('lag under load needs a second municipality (or BENCH_REGION_PROBE_SCOPE=school and a second school)');
      }
      const busyToken = await tokens.methodologist(busy.id);
      let stop = false;
      let sent = 0;
      let written = 0;
      let writeErrors = 0;
      let skipped = 0;
      let inFlight = 0;
      const t0 = now();
      const generator = (async () => {
        const inflight = new Set<Promise<void>>();
        for (let i = 0; !stop; i++) {
          const due = t0 + (i * 1000) / LOAD_RATE;
          if (due > now()) await sleep(due - now());
          if (stop) break;
          if (inFlight >= 32) {
            skipped++;
            continue;
          }
          sent++;
          inFlight++;
          const p: Promise<void> = gql(url, bearer(busyToken), REGISTER_EDUCATOR, {
            i: {
              organizationId: busyOrgs[i % busyOrgs.length],
              fullName: `Фонов ${TS} ${i}`,
              position: 'учитель',
              subjects: ['физика'],
              careerStartDate: '2012-09-01',
            },
          })
            .then(
              () => void written++,
              () => void writeErrors++,
            )
            .finally(() => {
              inFlight--;
              inflight.delete(p);
            });
          inflight.add(p);
        }
        await Promise.all(inflight);
      })();
      log(`lag: ${LAG_K} registerEducator probes in ${probe.id} while ${LOAD_RATE} registrations/s go to ${busyOrgs.length} schools of ${busy.id}`);
      await sleep(3000); // the background traffic is in the pipeline first
      let r;
      try {
        r = await educatorProbes(url, tokens, probe.id, organizationId, LAG_K, 'b');
      } finally {
        stop = true;
        await generator;
      }
      const bg = (written * 1000) / (now() - t0);
      const note = `K=${r.lags.length}, background ${bg.toFixed(1)} cmd/s accepted of ${LOAD_RATE} offered${skipped ? `, ${skipped} not sent (32 in flight)` : ''}${r.timedOut ? `; SATURATED, ${r.timedOut}` : ''}`;
      details['lagUnderLoad'] = {
        ...lagRows(section, `under ${LOAD_RATE} registrations/s: registerEducator → educators + 1`, r.lags, r.lower, r.mutation, r.rtts, note),
        background: {
          offeredPerSecond: LOAD_RATE,
          sent,
          accepted: written,
          errors: writeErrors,
          notSent: skipped,
          acceptedPerSecond: bg,
          schools: busyOrgs.length,
          municipality: busy.id,
        },
      };
      // A probe that times out under load is a result (monitoring does not keep up), not a failure.
      if (r.timedOut) log(`lag under load: SATURATED — ${r.timedOut}`);
    } catch (err) {
      report.error('lag/under-load', err);
    }
  }
};

// ---------------------------------------------------------------------------- 3. queries

const queries = async (platform: RunningPlatform, operator: string, plan: RegionPlan, typical: MunicipalityPlan, largest: MunicipalityPlan) => {
  const url = platform.gatewayUrl;
  const headers = bearer(operator);
  const kinds = [
    { key: 'regional', run: () => gql(url, headers, REGIONAL_REPORT) },
    { key: 'typical', run: () => gql(url, headers, MUNICIPALITY_REPORT, { m: typical.id }) },
    { key: 'largest', run: () => gql(url, headers, MUNICIPALITY_REPORT, { m: largest.id }) },
  ];
  const lat: Record<string, number[]> = { regional: [], typical: [], largest: [] };
  const bytes: Record<string, number> = {};
  let municipalitiesInAnswer = 0;
  for (const k of kinds) {
    const d = await k.run();
    bytes[k.key] = JSON.stringify(d).length;
    if (k.key === 'regional') municipalitiesInAnswer = d['regionalComparison'].municipalities.length;
  }
  log(`queries: ${QUERY_WARMUP} warm-up + ${QUERY_N} of each, interleaved (regionalComparison over ${municipalitiesInAnswer} municipalities)`);
  for (let i = 0; i < QUERY_WARMUP; i++) for (const k of kinds) await k.run();
  const t0 = now();
  let i = 0;
  for (; i < QUERY_N && now() - t0 < QUERY_CAP_S * 1000; i++) {
    for (const k of kinds) {
      const t = now();
      await k.run();
      lat[k.key]!.push(now() - t);
    }
  }
  const r = summary(lat['regional']!);
  const one = summary(lat['typical']!);
  const big = summary(lat['largest']!);
  const n = municipalitiesInAnswer;
  const section = `2. regionalComparison (${n} municipalities) vs municipalityIndicators (one), via gateway, regional operator`;
  const note = `N=${i}${i < QUERY_N ? ' (TIME-CAPPED)' : ''}, one = ${typical.id} (median, ${educatorsOf(typical)} educators)`;
  for (const p of ['p50', 'p95', 'p99'] as const) {
    report.row({
      section,
      metric: `regionalComparison ${p}`,
      value: r[p],
      unit: 'ms',
      reference: one[p],
      referenceLabel: `municipalityIndicators ${p}`,
      note: p === 'p50' ? note : undefined,
    });
  }
  report.row({
    section,
    metric: `regionalComparison p50 ÷ ${n} (per municipality)`,
    value: r.p50 / n,
    unit: 'ms',
    reference: one.p50,
    referenceLabel: 'municipalityIndicators p50',
    note: `ratio < 1: the regional query costs less per municipality than asking one municipality at a time`,
  });
  report.row({
    section,
    metric: 'regionalComparison p50',
    value: r.p50,
    unit: 'ms',
    reference: n * one.p50,
    referenceLabel: `${n} × municipalityIndicators p50`,
  });
  report.row({
    section,
    metric: 'regionalComparison p50',
    value: r.p50,
    unit: 'ms',
    reference: big.p50,
    referenceLabel: `largest municipality p50 (${largest.id})`,
    note: `${educatorsOf(largest)} educators; its p99 ${big.p99.toFixed(1)} ms`,
  });
  const total = plan.municipalities.reduce((a, x) => a + educatorsOf(x), 0);
  report.row({
    section,
    metric: 'regionalComparison p50 per 1,000 educators',
    value: (r.p50 * 1000) / total,
    unit: 'ms',
    reference: (big.p50 * 1000) / educatorsOf(largest),
    referenceLabel: 'largest municipality p50 per 1,000 educators',
    note: `${total} educators in the region; the median municipality: ${((one.p50 * 1000) / educatorsOf(typical)).toFixed(1)} ms per 1,000`,
  });
  details['queries'] = {
    n: i,
    warmup: QUERY_WARMUP,
    municipalities: n,
    educatorsPlanned: plan.totals.educators,
    typical: { id: typical.id, educators: educatorsOf(typical), latencyMs: ms(one), responseBytes: bytes['typical'] },
    largest: { id: largest.id, educators: educatorsOf(largest), latencyMs: ms(big), responseBytes: bytes['largest'] },
    regional: { latencyMs: ms(r), responseBytes: bytes['regional'] },
  };
};

// ---------------------------------------------------------------------------- main

const main = async () => {
  const t0 = now();
  const plan = buildRegionPlan({ seed: SEED, scale: SCALE, asOf: AS_OF });
  log(
    `plan: scale ${SCALE}, seed ${plan.seed}, as of ${plan.asOf}: ${plan.totals.municipalities} municipalities, ` +
      `${plan.totals.organizations} organisations, ${plan.totals.educators} educators; stages: ${SEED_STAGES.map((s) => s.name).join(', ')}`,
  );
  details['loadAverageAtStart'] = loadavg();
  details['plan'] = { seed: plan.seed, scale: SCALE, asOf: plan.asOf, totals: plan.totals, stages: SEED_STAGES.map((s) => s.name) };
  const platform = await startPlatform({
    mongoUrl: MONGO_URL,
    kafkaBrokers: KAFKA_BROKERS,
    dbPrefix: 'bench_region',
    logPrefix: `${STAMP}-region`,
    logLevel: env['BENCH_SERVICE_LOG_LEVEL'] ?? 'warn',
  });
  const tokens = devTokenSource({ keysDir: platform.keysDir, subjectPrefix: 'bench' });
  const client = new GraphQLClient({ url: platform.gatewayUrl });
  const operator = await tokens.regionalOperator();

  // The municipality probed and queried: the median by size; the busy one: the largest.
  const bySize = [...plan.municipalities].sort((a, b) => educatorsOf(a) - educatorsOf(b) || (a.id < b.id ? -1 : 1));
  const typical = bySize[Math.floor((bySize.length - 1) / 2)]!;
  const largest = bySize[bySize.length - 1]!;
  const busy = largest.id !== typical.id ? largest : bySize[0]!;

  let results = new Map<string, StageResult>();
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t = now();
    log(`${name}: start`);
    try {
      await fn();
    } catch (err) {
      report.error(name, err);
    }
    log(`${name}: ${((now() - t) / 1000).toFixed(1)}s`);
  };
  await step('load', async () => {
    results = await load(plan, client, tokens);
  });
  const directory = results.get('directory');
  if (!directory?.ok) report.error('load', new Error('the directory stage did not succeed: later sections use what it registered'));
  const counts = (directory?.summary?.['counts'] ?? {}) as { educators?: { created?: number; existing?: number } };
  const expected = (counts.educators?.created ?? 0) + (counts.educators?.existing ?? 0);
  await step('catch-up', () => catchUp(platform, operator, expected));
  // Queries first: the lag probes add educators and trainings to the probed municipality.
  if (!SKIP.has('queries')) await step('queries', () => queries(platform, operator, plan, typical, largest));
  if (directory) await step('lag', () => lag(platform, tokens, plan, results, typical, busy));
  details['totalSeconds'] = round((now() - t0) / 1000);
  details['loadAverageAtEnd'] = loadavg();
  await cleanup();
  report.print();
  report.write(`${STAMP}-region.json`, {
    infra: {
      mongoUrl: MONGO_URL,
      kafkaBrokers: KAFKA_BROKERS,
      note: 'Kafka 3.9 (KRaft, 1 broker) + FerretDB 1.24 (FERRETDB_BACKEND, default PostgreSQL), local',
    },
  });
};

main().catch(async (err) => {
  log(`failed: ${String((err as Error).stack ?? err)}`);
  await cleanup();
  process.exit(1);
});
