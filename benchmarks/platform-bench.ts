/*
 * Platform benchmark: one run, every number beside its reference, as ratios.
 *
 *   bash benchmarks/run                       (builds, starts its own infra, runs, stops)
 *   node --require ./contracts/src/compose/ts-register.cjs --require ./benchmarks/ts-register-index.cjs benchmarks/platform-bench.ts
 *                                             (needs KAFKA_BROKERS and MONGO_URL of a running instance)
 *
 * Sizes are env-tunable (BENCH_APPEND_N, BENCH_RELAY_N, BENCH_RELAY_BACKLOG_N, BENCH_LATENCY_K, BENCH_GW_REQUESTS,
 * BENCH_GW_CONCURRENCY, BENCH_RELAY_CAP_S, BENCH_FAIR_*); BENCH_SKIP=gateway,latency,fairness,... skips
 * sections. Only 127.0.0.1 traffic.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Db, MongoClient } from 'mongodb';
import {
  CommandContext,
  commitId,
  EventEnvelope,
  fromStored,
  Lease,
  MongoEventStore,
  OutboxRelay,
  ProjectionRunner,
  RowTable,
  rowProjection,
  StoredCommit,
  toMessage,
  unpublishedCommits,
} from '../packages/eventsourcing/src/index';
import { OutgoingMessage } from '../packages/messaging/src/index';
import { KafkaBus } from '../packages/messaging/src/kafka';
import { InternalContextSigner, INTERNAL_CONTEXT_HEADER, mintUserToken, readPem, UserClaims } from '../packages/auth/src/index';
import {
  benchProcesses,
  cleanup,
  cleanups,
  cpuSeconds,
  eventLoopDelays,
  env,
  gql,
  infraFromEnv,
  int,
  log,
  machineCpu,
  meterPhase,
  passedLimits,
  phaseBreakdown,
  now,
  pool,
  Report,
  Row,
  RunningPlatform,
  sleep,
  STAMP,
  startPlatform,
  summary,
  TS,
  waitIdle,
} from './bench-kit';

// The per-command budget counts each service's database calls (benchmarks/db-meter.cjs).
env['BENCH_DB_METER'] ??= '1';
const SKIP = new Set((env['BENCH_SKIP'] ?? '').split(',').filter(Boolean));
const { mongoUrl: MONGO_URL, kafkaBrokers: KAFKA_BROKERS } = infraFromEnv('bash benchmarks/run');

const APPEND_N = int('BENCH_APPEND_N', 2000);
const RELAY_N = int('BENCH_RELAY_N', 5000);
/** The backlog figure: a relay that starts on this many waiting commits (0 skips it). */
const RELAY_BACKLOG_N = int('BENCH_RELAY_BACKLOG_N', 100_000);
const LATENCY_K = int('BENCH_LATENCY_K', 200);
const GW_REQUESTS = int('BENCH_GW_REQUESTS', 2000);
const GW_CONCURRENCY = int('BENCH_GW_CONCURRENCY', 16);
const PAYLOAD = 'x'.repeat(int('BENCH_PAYLOAD_BYTES', 200));
const FAIR_SECONDS = int('BENCH_FAIR_SECONDS', 10);
const FAIR_ROUNDS = int('BENCH_FAIR_ROUNDS', 3);
const FAIR_CONCURRENCY = int('BENCH_FAIR_CONCURRENCY', 4);
const FAIR_HEAVY_CONCURRENCY = int('BENCH_FAIR_HEAVY_CONCURRENCY', 2);
const FAIR_PROGRAMMES = int('BENCH_FAIR_PROGRAMMES', 10);
const FAIR_COHORTS = int('BENCH_FAIR_COHORTS', 5);
const FAIR_REFUSED_RATE = int('BENCH_FAIR_REFUSED_RATE', 20);
/** Section 2b: events on the topic a projection is rebuilt from, over this many rows. */
const REBUILD_N = int('BENCH_REBUILD_N', 20_000);
const REBUILD_STREAMS = int('BENCH_REBUILD_STREAMS', 2_000);
/** Section 3b: commands in the closed loop that finds the maximum rate, its concurrency and cap, the half-rate run's length and sampling. */
const RATE_N = int('BENCH_RATE_N', 1500);
const RATE_CONCURRENCY = int('BENCH_RATE_CONCURRENCY', 16);
const RATE_CAP_S = int('BENCH_RATE_CAP_S', 40);
const RATE_HALF_S = int('BENCH_RATE_HALF_S', 20);
const RATE_SAMPLE = int('BENCH_RATE_SAMPLE', 4);
/** Distinct users the load generator speaks for: one caller at hundreds of requests/s would be rate-limited (as it should). */
const USERS = int('BENCH_USERS', 32);

const report = new Report('platform', {
  appendN: APPEND_N,
  relayN: RELAY_N,
  relayBacklogN: RELAY_BACKLOG_N,
  latencyK: LATENCY_K,
  gatewayRequests: GW_REQUESTS,
  gatewayConcurrency: GW_CONCURRENCY,
  payloadBytes: PAYLOAD.length,
  fairSeconds: FAIR_SECONDS,
  fairRounds: FAIR_ROUNDS,
  fairConcurrency: FAIR_CONCURRENCY,
  fairHeavyConcurrency: FAIR_HEAVY_CONCURRENCY,
  fairProgrammes: FAIR_PROGRAMMES,
  fairCohorts: FAIR_COHORTS,
  fairRefusedRate: FAIR_REFUSED_RATE,
  limits: { ...passedLimits('GATEWAY_'), ...passedLimits('SUBGRAPH_MAX_') },
});
const { details, errors } = report;
const row = (r: Row) => report.row(r);

// ---------------------------------------------------------------------------- 1. appends

const ctx: CommandContext = {
  tenantId: 'bench',
  actor: { subject: 'bench', role: 'municipal_methodologist' },
  correlationId: 'bench',
};

/** The document MongoEventStore.append writes for one event (same shape, same size). */
const rawCommit = (streamId: string, expectedVersion: number, i: number): StoredCommit => {
  const at = new Date();
  const e: EventEnvelope = {
    eventId: randomUUID(),
    type: 'BenchHappened',
    schemaVersion: 1,
    tenantId: ctx.tenantId,
    streamType: 'bench',
    streamId,
    streamVersion: expectedVersion + 1,
    occurredAt: at.toISOString(),
    correlationId: ctx.correlationId,
    causationId: null,
    actor: { subject: ctx.actor.subject, role: ctx.actor.role },
    data: { i, payload: PAYLOAD },
  };
  return {
    _id: commitId(ctx.tenantId, streamId, expectedVersion),
    tenantId: ctx.tenantId,
    streamType: 'bench',
    streamId,
    expectedVersion,
    lastVersion: expectedVersion + 1,
    committedAt: at,
    body: JSON.stringify([e]),
    published: false,
  };
};

/** Each worker owns `streamsPerWorker` streams and appends round-robin, tracking versions. */
const appendWorkload = (streamsPerWorker: number, prefix: string) => {
  const versions = new Map<string, number>();
  return (i: number, w: number) => {
    const streamId = `${prefix}-${w}-${i % streamsPerWorker}`;
    const v = versions.get(streamId) ?? 0;
    versions.set(streamId, v + 1);
    return { streamId, expectedVersion: v };
  };
};

const benchAppends = async (client: MongoClient) => {
  const storeDb = client.db(`bench_es_${TS}`);
  const rawDb = client.db(`bench_raw_${TS}`);
  const rawIdxDb = client.db(`bench_rawidx_${TS}`);
  cleanups.push(
    () => storeDb.dropDatabase(),
    () => rawDb.dropDatabase(),
    () => rawIdxDb.dropDatabase(),
  );
  const store = new MongoEventStore(storeDb);
  await store.ensureIndexes();
  // The same store without page digests: what writing them costs an append.
  const plainDb = client.db(`bench_es_plain_${TS}`);
  cleanups.push(() => plainDb.dropDatabase());
  const plain = new MongoEventStore(plainDb, undefined, { pageDigests: false });
  await plain.ensureIndexes();
  const raw = rawDb.collection<StoredCommit>('raw_commits');
  await rawDb.createCollection('raw_commits');
  // Second reference: raw inserts into a collection with the store's two secondary indexes.
  const rawIdx = rawIdxDb.collection<StoredCommit>('raw_commits');
  await rawIdx.createIndex({ tenantId: 1, streamId: 1, expectedVersion: 1 }, { unique: true });
  await rawIdx.createIndex({ published: 1, committedAt: 1 });

  // Warm-up (connection pool, collection creation) outside the timings.
  await pool(100, 8, 30_000, async (i) => {
    await store.append('bench', `warm-${i}`, 0, [{ type: 'BenchHappened', data: { i, payload: PAYLOAD } }], ctx);
    await plain.append('bench', `warm-${i}`, 0, [{ type: 'BenchHappened', data: { i, payload: PAYLOAD } }], ctx);
    await raw.insertOne(rawCommit(`warm-${i}`, 0, i));
    await rawIdx.insertOne(rawCommit(`warm-${i}`, 0, i));
  });

  const out: Record<string, unknown> = {};
  for (const [label, concurrency, streams] of [
    ['sequential (1 writer, 1 stream)', 1, 1],
    ['concurrency 8 (8×25 streams)', 8, 25],
  ] as const) {
    const run = async (kind: string, insert: (streamId: string, v: number, i: number) => Promise<unknown>) => {
      const next = appendWorkload(streams, `${kind}-c${concurrency}`);
      return pool(APPEND_N, concurrency, 60_000, async (i, w) => {
        const { streamId, expectedVersion } = next(i, w);
        await insert(streamId, expectedVersion, i);
      });
    };
    const s = await run('store', (streamId, v, i) => store.append('bench', streamId, v, [{ type: 'BenchHappened', data: { i, payload: PAYLOAD } }], ctx));
    const p = await run('plain', (streamId, v, i) => plain.append('bench', streamId, v, [{ type: 'BenchHappened', data: { i, payload: PAYLOAD } }], ctx));
    const r = await run('raw', (streamId, v, i) => raw.insertOne(rawCommit(streamId, v, i)));
    const ri = await run('rawidx', (streamId, v, i) => rawIdx.insertOne(rawCommit(streamId, v, i)));
    out[label] = { store: s, storeWithoutDigests: p, raw: r, rawWithIndexes: ri };
    const trunc = s.truncated || p.truncated || r.truncated || ri.truncated ? 'TRUNCATED by 60s cap' : undefined;
    row({
      section: '1. event store appends',
      metric: `${label}: store appends/s`,
      value: s.perSecond,
      unit: 'appends/s',
      reference: r.perSecond,
      referenceLabel: 'raw insertOne/s (_id only)',
      note: trunc,
    });
    row({
      section: '1. event store appends',
      metric: `${label}: store appends/s`,
      value: s.perSecond,
      unit: 'appends/s',
      reference: ri.perSecond,
      referenceLabel: 'raw insertOne/s (+ same 2 indexes)',
      note: trunc,
    });
    row({
      section: '1. event store appends',
      metric: `${label}: store appends/s`,
      value: s.perSecond,
      unit: 'appends/s',
      reference: p.perSecond,
      referenceLabel: 'the store without page digests',
      note: trunc,
    });
  }
  details['appends'] = { n: APPEND_N, payloadBytes: PAYLOAD.length, ...out };
};

// ---------------------------------------------------------------------------- 2. relay

/**
 * `n` commits appended first, then the relay started on them (5,000: the usual figure; 100,000: a
 * backlog). Cold: the relay reads every commit back from the database, as after a restart or for
 * another process's lanes. `live`: the commits were written by this process while its relay held
 * the lease (the store keeps them for it, `OwnCommits`): the path of a service's own traffic.
 */
const benchRelay = async (client: MongoClient, bus: KafkaBus, n: number, tag: string, capS: number, live = false) => {
  const db: Db = client.db(`bench_relay${tag}_${TS}`);
  cleanups.push(() => db.dropDatabase());
  const store = new MongoEventStore(db);
  await store.ensureIndexes();
  if (live) store.own.enable(true);
  const internalTopic = `bench.relay${tag}.internal.${TS}`;
  const publicTopic = `bench.relay${tag}.public.${TS}`;
  const rawTopic = `bench.raw${tag}.${TS}`;
  const admin = await bus.admin();
  try {
    await admin.ensureTopics([{ topic: internalTopic }, { topic: publicTopic }, { topic: rawTopic }]);
  } finally {
    await admin.close();
  }

  log(`relay: pre-appending ${n} events`);
  const next = appendWorkload(Math.ceil(n / 80), 'relay'); // 8 writers × ~60 streams
  const pre = await pool(n, 8, Math.max(120_000, n * 5), async (i, w) => {
    const { streamId, expectedVersion } = next(i, w);
    await store.append('bench', streamId, expectedVersion, [{ type: 'BenchHappened', data: { i, payload: PAYLOAD } }], ctx);
  });
  const appended = pre.done;
  const sample = await store.commits.findOne({});
  const sampleMessage = toMessage(fromStored(sample!).events[0]!);

  // Reference: the same number of same-size messages, batches of 500, same producer settings.
  const rawProducer = bus.producer();
  await rawProducer.connect();
  const messages: OutgoingMessage[] = Array.from({ length: appended }, (_, i) => ({
    ...sampleMessage,
    key: `relay-${i % 8}-${i % 60}`,
  }));
  await rawProducer.send(rawTopic, messages.slice(0, 50)); // warm-up (metadata, first batch)
  const tr = now();
  for (let i = 0; i < messages.length; i += 500) await rawProducer.send(rawTopic, messages.slice(i, i + 500));
  const rawSeconds = (now() - tr) / 1000;
  await rawProducer.disconnect();

  // The relay: real lease, real KafkaBus producer (connected beforehand, like a running service).
  const producer = bus.producer();
  await producer.connect();
  await producer.send(internalTopic, [{ ...sampleMessage, key: 'warm' }]);
  // Where the relay's time goes: wrap the collection calls it makes (find→toArray, bulkWrite
  // marks of old commits, lane checkpoint updates) and the producer's send. Measurement only;
  // the relay code is unchanged.
  const phases = { findMs: 0, finds: 0, updateMs: 0, updates: 0, checkpointMs: 0, checkpoints: 0, sendMs: 0, sends: 0 };
  const commits = store.commits as any;
  const origFind = commits.find.bind(commits);
  commits.find = (...args: unknown[]) => {
    const cursor = origFind(...args);
    const origToArray = cursor.toArray.bind(cursor);
    cursor.toArray = async () => {
      const t = now();
      try {
        return await origToArray();
      } finally {
        phases.findMs += now() - t;
        phases.finds++;
      }
    };
    return cursor;
  };
  const origUpdate = commits.bulkWrite.bind(commits);
  commits.bulkWrite = async (...args: unknown[]) => {
    const t = now();
    try {
      return await origUpdate(...args);
    } finally {
      phases.updateMs += now() - t;
      phases.updates++;
    }
  };
  const lanes = store.lanes as any;
  const origCheckpoint = lanes.updateOne.bind(lanes);
  lanes.updateOne = async (...args: unknown[]) => {
    const t = now();
    try {
      return await origCheckpoint(...args);
    } finally {
      phases.checkpointMs += now() - t;
      phases.checkpoints++;
    }
  };
  const origSend = producer.send.bind(producer);
  producer.send = async (topic: string, m: OutgoingMessage[]) => {
    const t = now();
    try {
      return await origSend(topic, m);
    } finally {
      if (m.length) {
        phases.sendMs += now() - t;
        phases.sends++;
      }
    }
  };
  let published = 0;
  let batches = 0;
  let doneAt = 0;
  const relay = new OutboxRelay({
    store,
    producer,
    lease: new Lease(db, 'relay:bench', `bench-${TS}`, 10_000),
    internalTopic,
    publicTopic,
    translate: () => [], // internal topic only: the same message count as the reference
    batchSize: 500,
    idlePollMs: 50,
    onPublished: (events) => {
      published += events;
      batches++;
      if (published >= appended && !doneAt) doneAt = now();
    },
  });
  const t0 = now();
  relay.start();
  const deadline = t0 + capS * 1000;
  while (!doneAt && now() < deadline) await sleep(5);
  const relaySeconds = ((doneAt || now()) - t0) / 1000;
  await relay.stop();
  await producer.disconnect();
  const left = await unpublishedCommits(db);

  row({
    section: '2. outbox relay → Kafka',
    metric: live
      ? `relay delivery of its own process's writes (${appended} events, batch 500, in memory)`
      : tag
        ? `relay drain of a ${appended}-commit backlog (batch 500)`
        : `relay delivery (${appended} events, batch 500)`,
    value: published / relaySeconds,
    unit: 'events/s',
    reference: appended / rawSeconds,
    referenceLabel: 'KafkaBus producer, batches of 500',
    note: left ? `CAPPED: ${left} of ${appended} commits still unpublished after ${capS}s` : undefined,
  });
  const ms = (x: number) => `${Math.round(x)}ms`;
  row({
    section: '2. outbox relay → Kafka',
    metric: `relay time split${live ? ' (own writes)' : tag ? ` (${appended} backlog)` : ''}: Mongo find (pages + look-ups)`,
    value: phases.findMs,
    unit: 'ms',
    note: `${phases.finds} finds; bulkWrite marks ${ms(phases.updateMs)} (${phases.updates}); checkpoints ${ms(phases.checkpointMs)} (${phases.checkpoints}); Kafka send ${ms(phases.sendMs)} (${phases.sends}); total ${ms(relaySeconds * 1000)}`,
  });
  details[`relay${tag}`] = {
    appended,
    preAppendPerSecond: pre.perSecond,
    messageBytes: Buffer.byteLength(sampleMessage.value),
    relay: { published, batches, seconds: relaySeconds, leftUnpublished: left, phases },
    raw: { messages: appended, seconds: rawSeconds },
  };
};

// ---------------------------------------------------------------------------- 2b. projection rebuild

interface Account {
  _id: string;
  tenantId: string;
  credits: number;
  total: number;
  last: string;
}

/** A row table of the platform's usual shape: one row per stream, every event folds into it. */
const accounts: RowTable<Account> = {
  collection: 'accounts',
  indexes: [{ keys: { tenantId: 1 } }],
  rowsOf: (e) => [e.streamId],
  evolve: (row, e) => {
    const d = e.data as { amount: number; payload: string };
    return { _id: e.streamId, tenantId: e.tenantId, credits: (row?.credits ?? 0) + 1, total: (row?.total ?? 0) + d.amount, last: d.payload };
  },
};

/**
 * Issue 13: "projection rebuild ≥ 0.5× raw consumption of the same topic". REBUILD_N events
 * (REBUILD_STREAMS streams, ≈ PAYLOAD bytes each) on one topic; the reference is a consumer
 * group reading them from the start with a handler that only counts; the figure is
 * `ProjectionRunner.rebuild()` of a rowProjection over them (folded in memory and inserted,
 * then its consumer goes on live) from its call until the new generation is switched in.
 */
const benchRebuild = async (client: MongoClient, bus: KafkaBus) => {
  const section = `2b. projection rebuild (${REBUILD_N} events, ${REBUILD_STREAMS} rows) vs raw consumption of the topic`;
  const topic = `bench-rebuild-${TS}`;
  const db = client.db(`bench_rebuild_${TS}`);
  cleanups.push(() => db.dropDatabase());
  const events: EventEnvelope[] = Array.from({ length: REBUILD_N }, (_, i) => ({
    eventId: randomUUID(),
    type: 'Credited',
    schemaVersion: 1,
    tenantId: ctx.tenantId,
    streamType: 'account',
    streamId: `acc-${i % REBUILD_STREAMS}`,
    streamVersion: Math.floor(i / REBUILD_STREAMS) + 1,
    occurredAt: new Date().toISOString(),
    correlationId: 'bench',
    causationId: null,
    actor: { subject: 'bench', role: 'bench' },
    data: { amount: i % 7, payload: PAYLOAD },
  }));
  const producer = bus.producer();
  await producer.connect();
  for (let i = 0; i < events.length; i += 1000) await producer.send(topic, events.slice(i, i + 1000).map(toMessage));
  await producer.disconnect();

  // Reference: a fresh group reading the topic from the start, counting.
  let counted = 0;
  let tRaw0 = 0;
  const rawDone = new Promise<number>((resolve) => {
    const count = (k: number) => {
      counted += k;
      if (counted >= REBUILD_N) resolve(now());
    };
    const consumer = bus.consumer({
      groupId: `bench-rebuild-raw-${TS}`,
      topics: [topic],
      fromBeginning: true,
      handler: async () => count(1),
      batchHandler: async (batch) => count(batch.length),
      maxBatch: 500,
    });
    tRaw0 = now();
    void consumer.start();
    cleanups.push(() => consumer.stop());
  });
  const rawMs = (await rawDone) - tRaw0;

  const projection = rowProjection({ name: 'bench_accounts', topics: [topic], tables: [accounts] });
  const runner = new ProjectionRunner({
    db,
    bus,
    service: `bench-rebuild-${TS}`,
    projection,
    metaPollMs: 1000,
    log: (level, msg, extra) => log(`rebuild runner ${level}: ${msg} ${JSON.stringify(extra ?? {})}`),
  });
  cleanups.push(() => runner.stop());
  // Live first (generation 1 catches up), then the rebuild into generation 2 is the figure.
  await runner.start();
  const rows = async () => (await runner.readModel()).collection('accounts').countDocuments({});
  const expectedCredits = Math.ceil(REBUILD_N / REBUILD_STREAMS);
  // Every event applied (not only every row there): a live generation still catching up would compete.
  const complete = async () => (await runner.readModel()).collection('accounts').countDocuments({ credits: expectedCredits });
  const deadline = now() + 300_000;
  while ((await complete()) < REBUILD_STREAMS && now() < deadline) await sleep(500);
  const meter = await meterPhase('bench');
  const rebuilt = await runner.rebuild();
  // Until readers are switched to the new generation (retiring the old one comes after).
  const rebuildMs = rebuilt.switchedAfterMs;
  const ph = await meter();
  const sample = await (await runner.readModel()).collection('accounts').findOne({ _id: 'acc-0' as never });
  if ((await rows()) !== REBUILD_STREAMS || sample?.['credits'] !== expectedCredits)
    throw new Error(`rebuilt read model is wrong: ${await rows()} rows, acc-0 ${JSON.stringify(sample)}`);
  const rebuildRate = REBUILD_N / (rebuildMs / 1000);
  const rawRate = REBUILD_N / (rawMs / 1000);
  row({
    section,
    metric: 'events/s, rebuild into a new generation',
    value: rebuildRate,
    unit: 'ev/s',
    reference: rawRate,
    referenceLabel: 'events/s, raw consumer group from the start',
    note: `goal ≥ 0.5×: ${rebuildRate / rawRate >= 0.5 ? 'met' : 'NOT met'}; rebuild ${(rebuildMs / 1000).toFixed(2)} s to the switch (generation ${rebuilt.generation}, ${rebuilt.replayed ? 'folded in memory' : 'event by event'}), raw ${(rawMs / 1000).toFixed(2)} s, both with the group join; cores during the rebuild: ${ph.cpu.note}; ${ph.dbNote}`,
  });
  details['rebuild'] = {
    n: REBUILD_N,
    streams: REBUILD_STREAMS,
    rebuildMs,
    retiredAfterMs: rebuilt.durationMs,
    replayed: rebuilt.replayed,
    rawMs,
    phase: phaseBreakdown(ph),
  };
};

// ---------------------------------------------------------------------------- 3 + 4. services

const benchServices = async (client: MongoClient) => {
  const platform = await startPlatform({ mongoUrl: MONGO_URL, kafkaBrokers: KAFKA_BROKERS, dbPrefix: 'bench', logPrefix: STAMP });
  const { gatewayUrl, keyFiles: files } = platform;
  const subgraphUrl = platform.subgraphUrls.directory;

  const userPem = readPem(files.userPrivate);
  const municipality = 'bench-1';
  const operator = await mintUserToken(userPem, { subject: 'bench-operator', role: 'regional_operator' });
  const methodologist = await mintUserToken(userPem, { subject: 'bench-methodologist', role: 'municipal_methodologist', municipality });
  const asOperator = { authorization: `Bearer ${operator}` };
  const asMethodologist = { authorization: `Bearer ${methodologist}` };
  // Many methodologists of the municipality, round-robin: the gateway limits each caller's rate.
  const methodologists = await Promise.all(
    Array.from({ length: USERS }, (_, i) => mintUserToken(userPem, { subject: `bench-methodologist-${i}`, role: 'municipal_methodologist', municipality })),
  );
  let nextUser = 0;
  const asSomeMethodologist = () => ({ authorization: `Bearer ${methodologists[nextUser++ % methodologists.length]}` });

  await gql(gatewayUrl, asOperator, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
    i: { id: municipality, name: 'Bench municipality', oktmo: '04701000' },
  });
  const org = await gql(gatewayUrl, asMethodologist, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
    i: { name: 'Bench school No. 1', kind: 'SCHOOL' },
  });
  const organizationId = org['registerOrganization'].id as string;

  // -------------------------------------------------- 3. mutation → visible through the read model
  if (!SKIP.has('latency')) {
    try {
      const register = `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`;
      const read = `query($id: ID!) { educator(id: $id) { id } }`;
      const one = async (i: number) => {
        const t0 = now();
        const d = await gql(gatewayUrl, asMethodologist, register, {
          i: { organizationId, fullName: `Bench Educator ${i}`, position: 'teacher', subjects: ['math'], careerStartDate: '2015-09-01' },
        });
        const tMut = now();
        const id = d['registerEducator'].id as string;
        const end = tMut + 10_000;
        for (;;) {
          const tp = now();
          const r = await gql(gatewayUrl, asMethodologist, read, { id });
          if (r['educator']) return { mutation: tMut - t0, visible: now() - t0, polls: 0 };
          if (now() > end) throw new Error(`educator ${id} not visible after 10s`);
          await sleep(Math.max(0, 5 - (now() - tp)));
        }
      };
      for (let i = 0; i < 5; i++) await one(-1 - i); // warm-up (consumer group joined, JIT)
      const mutation: number[] = [];
      const visible: number[] = [];
      const end = now() + 90_000;
      for (let i = 0; i < LATENCY_K && now() < end; i++) {
        const r = await one(i);
        mutation.push(r.mutation);
        visible.push(r.visible);
      }
      const v = summary(visible);
      const m = summary(mutation);
      const section = '3. mutation → read model (via gateway)';
      const note = visible.length < LATENCY_K ? `only ${visible.length} of ${LATENCY_K} within 90s` : `K=${visible.length}`;
      for (const p of ['p50', 'p95', 'p99', 'max'] as const) {
        row({
          section,
          metric: `registerEducator → educator(id) visible ${p}`,
          value: v[p],
          unit: 'ms',
          reference: p === 'max' ? undefined : m[p as 'p50'],
          referenceLabel: p === 'max' ? undefined : `mutation round-trip ${p}`,
          note,
        });
      }
      row({ section, metric: 'mutation round-trip max', value: m.max, unit: 'ms', note });
      details['latency'] = { k: visible.length, visibleMs: v, mutationMs: m, pollEveryMs: 5 };
    } catch (err) {
      errors.push({ section: 'latency', error: String((err as Error).stack ?? err) });
      log(`latency section failed: ${String(err)}`);
    }
  }

  // -------------------------------------------------- 3b. command rate, per-command budget, lag into another service at half of it
  if (!SKIP.has('rate')) {
    try {
      await benchCommandRate(platform, client, organizationId, asSomeMethodologist);
    } catch (err) {
      errors.push({ section: 'rate', error: String((err as Error).stack ?? err) });
      log(`rate section failed: ${String(err)}`);
    }
  }

  // -------------------------------------------------- 4. gateway vs direct subgraph
  if (!SKIP.has('gateway')) {
    try {
      const query = '{ organizations(first:10){ nodes { id name } } }';
      const signer = await InternalContextSigner.fromPem(readPem(files.internalPrivate));
      const user: UserClaims = {
        subject: 'bench-methodologist',
        role: 'municipal_methodologist',
        municipalityId: municipality,
        organizationId: null,
        educatorId: null,
      };
      // The context token is valid for 60s: re-sign every 20s (the gateway signs per request).
      let signed = { at: 0, token: '' };
      const directHeaders = async () => {
        if (!signed.token || now() - signed.at > 20_000) {
          signed = { at: now(), token: await signer.sign({ requestId: randomUUID(), correlationId: randomUUID(), user }) };
        }
        return { [INTERNAL_CONTEXT_HEADER]: signed.token };
      };
      const check = (d: Record<string, any>) => {
        if (!d['organizations']?.nodes?.length) throw new Error('organizations query returned no nodes');
      };
      const load = async (label: string, target: string, headers: () => Promise<Record<string, string>>, n: number) => {
        const lat: number[] = [];
        const r = await pool(n, GW_CONCURRENCY, 60_000, async () => {
          const t = now();
          check(await gql(target, await headers(), query));
          lat.push(now() - t);
        });
        return { label, ...r, latencyMs: summary(lat) };
      };
      const gw = async () => asSomeMethodologist();
      await load('warm-direct', subgraphUrl, directHeaders, 200);
      await load('warm-gateway', gatewayUrl, gw, 200);
      const direct = await load('direct', subgraphUrl, directHeaders, GW_REQUESTS);
      const viaGateway = await load('gateway', gatewayUrl, gw, GW_REQUESTS);
      const section = `4. gateway vs direct subgraph (c=${GW_CONCURRENCY})`;
      const trunc = direct.truncated || viaGateway.truncated ? 'TRUNCATED by 60s cap' : `${GW_REQUESTS} requests each`;
      row({
        section,
        metric: 'organizations(first:10) requests/s',
        value: viaGateway.perSecond,
        unit: 'req/s',
        reference: direct.perSecond,
        referenceLabel: 'direct subgraph req/s',
        note: trunc,
      });
      row({
        section,
        metric: 'latency p50',
        value: viaGateway.latencyMs.p50,
        unit: 'ms',
        reference: direct.latencyMs.p50,
        referenceLabel: 'direct p50',
      });
      row({
        section,
        metric: 'latency p99',
        value: viaGateway.latencyMs.p99,
        unit: 'ms',
        reference: direct.latencyMs.p99,
        referenceLabel: 'direct p99',
      });
      details['gateway'] = { query, concurrency: GW_CONCURRENCY, direct, viaGateway };
    } catch (err) {
      errors.push({ section: 'gateway', error: String((err as Error).stack ?? err) });
      log(`gateway section failed: ${String(err)}`);
    }
  }

  // -------------------------------------------------- 5. a costly request beside small ones
  if (!SKIP.has('fairness')) {
    try {
      await benchFairness(gatewayUrl, userPem, municipality, asSomeMethodologist);
    } catch (err) {
      errors.push({ section: 'fairness', error: String((err as Error).stack ?? err) });
      log(`fairness section failed: ${String(err)}`);
    }
  }
};

/**
 * Issue 13: "command → read model in another service: p99 ≤ 50 ms at half of the measured
 * maximum command rate, with the maximum command rate printed", and the per-command budget.
 * The maximum: registerEducator through the gateway, closed loop at RATE_CONCURRENCY, with the
 * CPU of every process and the database calls divided by the commands. Then an open loop at
 * half that rate; every RATE_SAMPLE-th educator is polled (every 5 ms) through the gateway
 * until professional development's read model has them (`trainingDueDate`, from the
 * directory's public event), the others only sent, so that the polls do not become the load.
 */
const benchCommandRate = async (platform: RunningPlatform, client: MongoClient, organizationId: string, as: () => Record<string, string>) => {
  const { gatewayUrl } = platform;
  const admin = new Kafka({ clientId: `bench-rate-${TS}`, brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  cleanups.push(() => admin.disconnect());
  const section = '3b. command rate, per-command budget, and directory → professional development at half of it';
  const register = `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`;
  const due = `query($id: ID!) { educator(id: $id) { id trainingDueDate } }`;
  let n = 0;
  const send = async () => {
    const d = await gql(gatewayUrl, as(), register, {
      i: { organizationId, fullName: `Rate Educator ${n++}`, position: 'teacher', subjects: ['math'], careerStartDate: '2016-09-01' },
    });
    return d['registerEducator'].id as string;
  };
  await pool(50, RATE_CONCURRENCY, 30_000, async () => void (await send())); // warm-up

  const meter = await meterPhase('directory');
  const t0 = now();
  const max = await pool(RATE_N, RATE_CONCURRENCY, RATE_CAP_S * 1000, async () => void (await send()));
  const seconds = (now() - t0) / 1000;
  const ph = await meter();
  const rate = max.done / seconds;
  row({
    section,
    metric: 'maximum command rate (registerEducator via the gateway)',
    value: rate,
    unit: 'cmd/s',
    note: `${max.done} commands at concurrency ${RATE_CONCURRENCY} in ${seconds.toFixed(1)} s${max.truncated ? ' (cut at the cap)' : ''}; cores: ${ph.cpu.note}`,
  });
  const perCommand = (x: number) => Math.round((x / max.done) * 100) / 100;
  const cpuMs = ph.cpu.used.filter(([, cores]) => cores > 0.005).map(([name, cores]) => `${name} ${perCommand(cores * seconds * 1000)}`);
  const directory = ph.calls['directory'];
  row({
    section,
    metric: 'per command: CPU ms, all processes',
    value: perCommand(ph.cpu.total * seconds * 1000),
    unit: 'ms',
    note: cpuMs.join(', '),
  });
  row({
    section,
    metric: 'per command: FerretDB requests (every client)',
    value: perCommand(ph.dbTotal),
    unit: 'req',
    note: `${ph.db.map(([k, c]) => `${k} ${perCommand(c)}`).join(', ')}; directory's own: ${
      directory?.count ? `${perCommand(directory.count)} (${directory.calls.map((c) => `${c.key} ${perCommand(c.count)}`).join(', ')})` : 'not metered'
    }`,
  });

  // Half of it, open loop, on a pipeline that has digested the closed loop (else its backlog is the lag).
  const settledMs = await waitIdle(client, admin, platform, 'rate');
  // When each educator's public event reaches a consumer of the directory's topic: the lag split
  // into the way to the broker (relay, Kafka) and the way from it (PD's consumer and projection, a poll).
  const onTopic = new Map<string, number>();
  const watcher = new Kafka({ clientId: `bench-watch-${TS}`, brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).consumer({
    groupId: `bench-watch-${TS}`,
    maxWaitTimeInMs: 100,
  });
  await watcher.connect();
  cleanups.push(() => watcher.disconnect());
  await watcher.subscribe({ topic: 'directory.events.v1', fromBeginning: false });
  const watching = new Promise<void>((resolve) => watcher.on(watcher.events.GROUP_JOIN, () => resolve()));
  await watcher.run({
    eachMessage: async ({ message }) => {
      const key = message.key?.toString() ?? '';
      if (!onTopic.has(key)) onTopic.set(key, now());
    },
  });
  await watching;
  await eventLoopDelays(platform); // resets every process's event-loop histogram
  const target = rate / 2;
  const lags: number[] = [];
  const roundTrips: number[] = [];
  const afterAnswer: number[] = [];
  const toTopic: number[] = [];
  const fromTopic: number[] = [];
  const lastPoll: number[] = [];
  let pollCount = 0;
  let late = 0;
  const start = now();
  const total = Math.max(1, Math.floor(target * RATE_HALF_S));
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / target;
    if (at > now()) await sleep(at - now());
    else if (now() - at > 50) late++;
    sent.push(
      (async () => {
        const ts = now();
        const id = await send();
        const answered = now();
        roundTrips.push(answered - ts);
        if (i % RATE_SAMPLE !== 0) return;
        for (;;) {
          const tp = now();
          pollCount++;
          const r = await gql(gatewayUrl, as(), due, { id });
          if (r['educator']?.trainingDueDate) {
            lags.push(now() - ts);
            afterAnswer.push(now() - answered);
            lastPoll.push(now() - tp);
            const seen = onTopic.get(`educator-${id}`);
            if (seen !== undefined) {
              toTopic.push(seen - answered);
              fromTopic.push(now() - seen);
            }
            return;
          }
          if (now() - ts > 10_000) throw new Error(`educator ${id} not in professional development after 10 s`);
          await sleep(Math.max(0, 5 - (now() - tp)));
        }
      })(),
    );
  }
  await Promise.all(sent);
  const loops = await eventLoopDelays(platform);
  const achieved = total / ((now() - start) / 1000);
  const l = summary(lags);
  const rt = summary(roundTrips);
  const aa = summary(afterAnswer);
  const [tt, ft, lp] = [summary(toTopic), summary(fromTopic), summary(lastPoll)];
  await watcher.stop();
  const note = `${total} commands at ${target.toFixed(1)}/s target (${achieved.toFixed(1)}/s achieved${late ? `, ${late} sent > 50 ms late` : ''}); lag of every ${RATE_SAMPLE}th (${lags.length}), ${pollCount} polls; the closed loop's backlog drained in ${(settledMs / 1000).toFixed(1)} s before`;
  row({
    section,
    metric: 'registerEducator → trainingDueDate visible (PD) p50, half rate',
    value: l.p50,
    unit: 'ms',
    reference: rt.p50,
    referenceLabel: 'mutation round trip p50, half rate',
    note,
  });
  row({
    section,
    metric: 'registerEducator → trainingDueDate visible (PD) p99, half rate',
    value: l.p99,
    unit: 'ms',
    reference: rt.p99,
    referenceLabel: 'mutation round trip p99, half rate',
    note: `goal p99 ≤ 50 ms: ${l.p99 <= 50 ? 'met' : 'NOT met'}; ${note}`,
  });
  // The same lag without the mutation's own round trip: what the event's way from the accepted
  // commit to the other service's answer adds (relay, broker, consumer, projection, one poll).
  row({
    section,
    metric: 'mutation answered → trainingDueDate visible (PD) p50 / p99, half rate',
    value: aa.p99,
    unit: 'ms',
    note: `p50 ${aa.p50.toFixed(1)} ms, p99 ${aa.p99.toFixed(1)} ms, max ${aa.max.toFixed(1)} ms; of it: answer → on the directory's topic p50/p99 ${tt.p50.toFixed(1)}/${tt.p99.toFixed(1)} ms (relay, broker; a watcher consumer's arrival), topic → visible ${ft.p50.toFixed(1)}/${ft.p99.toFixed(1)} ms (PD's consumer and projection, one poll), the visible poll's own round trip ${lp.p50.toFixed(1)}/${lp.p99.toFixed(1)} ms`,
  });
  row({
    section,
    metric: 'event-loop delay during the half-rate run, p99 (worst process)',
    value: Math.max(...loops.map(([, d]) => d.p99)),
    unit: 'ms',
    note: loops.map(([name, d]) => `${name} p99 ${d.p99.toFixed(1)} / max ${d.max.toFixed(1)}`).join(', '),
  });
  details['rate'] = {
    maxRate: rate,
    commands: max.done,
    seconds,
    concurrency: RATE_CONCURRENCY,
    phase: phaseBreakdown(ph),
    half: {
      target,
      achieved,
      total,
      lagMs: l,
      roundTripMs: rt,
      afterAnswerMs: aa,
      toTopicMs: tt,
      fromTopicMs: ft,
      visiblePollMs: lp,
      eventLoopMs: Object.fromEntries(loops),
      polls: pollCount,
      late,
    },
  };
};

/** A POST through the gateway that keeps the answer whatever it is: status, GraphQL error codes, cost extension. */
const exchange = (url: string, headers: Record<string, string>, query: string, variables?: unknown) =>
  exchangeAbortable(url, headers, query, undefined, variables);

const exchangeAbortable = async (url: string, headers: Record<string, string>, query: string, signal?: AbortSignal, variables?: unknown) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const body = (await r.json()) as {
    data?: unknown;
    errors?: Array<{ extensions?: { code?: string } }>;
    extensions?: { cost?: { estimated: number; actual: number } };
  };
  return { status: r.status, codes: (body.errors ?? []).map((e) => e.extensions?.code ?? 'NONE'), cost: body.extensions?.cost };
};

/**
 * Issue 9 §3: "a costly request must not raise the latency of others by more than 2×". Small
 * queries (one directory, one professional development: the costly query's own subgraph) at
 * FAIR_CONCURRENCY for FAIR_SECONDS alone, then as long again while the regional operator runs
 * an expensive query the gateway accepts (estimate 6,050 of its 10,000) at
 * FAIR_HEAVY_CONCURRENCY and over-budget queries the gateway refuses (QUERY_TOO_EXPENSIVE) at
 * FAIR_REFUSED_RATE a second; FAIR_ROUNDS times, alternating. At the end of each beside window
 * the client hangs up on the costly queries still running (their work is cancelled).
 */
const benchFairness = async (gatewayUrl: string, userPem: string, municipality: string, asSomeMethodologist: () => Record<string, string>) => {
  const section = `5. small queries beside a costly one (c=${FAIR_CONCURRENCY} small, ${FAIR_HEAVY_CONCURRENCY} costly, ${FAIR_REFUSED_RATE}/s refused)`;
  const operators = await Promise.all(
    Array.from({ length: 4 }, (_, i) =>
      mintUserToken(userPem, { subject: `bench-operator-${i}`, role: 'regional_operator' }).then((t) => ({ authorization: `Bearer ${t}` })),
    ),
  );
  const [seeder, heavyCaller, ...refusedCallers] = operators as unknown as [Record<string, string>, Record<string, string>, ...Record<string, string>[]];

  // The catalogue the costly query walks: FAIR_PROGRAMMES regional programmes, FAIR_COHORTS cohorts each.
  log(`fairness: seeding ${FAIR_PROGRAMMES} programmes × ${FAIR_COHORTS} cohorts`);
  const year = new Date().getUTCFullYear() + 1;
  const programmeIds: string[] = [];
  await pool(FAIR_PROGRAMMES, 4, 120_000, async (i) => {
    const p = await gql(gatewayUrl, seeder, `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`, {
      i: { title: `Bench programme ${i}`, provider: 'Bench institute', hours: 36, format: 'BLENDED', competences: ['DIGITAL'] },
    });
    const id = p['createProgramme'].id as string;
    programmeIds.push(id);
    await gql(gatewayUrl, seeder, `mutation($id: ID!) { publishProgramme(id: $id) { id } }`, { id });
    for (let c = 0; c < FAIR_COHORTS; c++) {
      const month = String(1 + c).padStart(2, '0');
      await gql(gatewayUrl, seeder, `mutation($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id } }`, {
        i: { programmeId: id, startDate: `${year}-${month}-01`, endDate: `${year}-${month}-20`, seats: 25 },
      });
    }
  });
  const catalogue = `query($after: String) { programmesPage(first: 100, after: $after) { nodes { cohorts { id } } pageInfo { hasNextPage endCursor } } }`;
  /** Cohorts visible in the whole catalogue, page by page. */
  const visibleCohorts = async () => {
    let n = 0;
    for (let after: string | null = null; ;) {
      const page = (await gql(gatewayUrl, seeder, catalogue, { after }))['programmesPage'] as {
        nodes: Array<{ cohorts: unknown[] }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      n += page.nodes.reduce((sum, p) => sum + p.cohorts.length, 0);
      if (!page.pageInfo.hasNextPage) return n;
      after = page.pageInfo.endCursor;
    }
  };
  const end = now() + 60_000;
  for (;;) {
    const cohorts = await visibleCohorts();
    if (cohorts >= FAIR_PROGRAMMES * FAIR_COHORTS) break;
    if (now() > end) throw new Error(`only ${cohorts} cohorts visible after 60 s`);
    await sleep(200);
  }

  // Accepted for the regional operator (estimate 6,051 of 10,000): a page of 50 programmes, every cohort's programme and its cohorts again.
  const heavy =
    '{ programmesPage(first: 50) { nodes { id title provider cohorts { id title startDate seats programme { id title cohorts { id title startDate endDate seats held free } } } } } }';
  // Over every budget: the 8-level nest of issue 9 §3, and 30 regionalComparisons.
  const nest = '{ programmes { id title cohorts { id programme { id title cohorts { id programme { id title cohorts { id programme { id title } } } } } } } }';
  const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `r${i}: regionalComparison(asOf: "2026-05-${String(i + 1).padStart(2, '0')}") { region { coverage3y } municipalities { municipalityId } }`).join(' ')} }`;
  const smallDirectory = '{ organizations(first: 10) { nodes { id name } } }';
  const smallPd = 'query($id: ID!) { programme(id: $id) { id title } }';

  type Lat = { directory: number[]; pd: number[]; failed: number };
  const smallStream = async (seconds: number, into: Lat) => {
    await pool(Number.MAX_SAFE_INTEGER, FAIR_CONCURRENCY, seconds * 1000, async (i) => {
      const pd = i % 2 === 1;
      const t = now();
      const r = pd
        ? await exchange(gatewayUrl, asSomeMethodologist(), smallPd, { id: programmeIds[i % programmeIds.length] })
        : await exchange(gatewayUrl, asSomeMethodologist(), smallDirectory);
      if (r.status !== 200 || r.codes.length) into.failed++;
      else (pd ? into.pd : into.directory).push(now() - t);
    });
  };

  const heavyLat: number[] = [];
  const heavyCodes: Record<string, number> = {};
  const refusedCodes: Record<string, number> = {};
  const count = (codes: Record<string, number>, code: string) => (codes[code] = (codes[code] ?? 0) + 1);
  let heavyCost: { estimated: number; actual: number } | undefined;
  let refusedCount = 0;
  /** The costly and the refused load, until `stop` aborts it (in-flight costly requests are cancelled by the client). */
  const background = (stop: AbortSignal) => {
    const heavyLoop = async () => {
      while (!stop.aborted) {
        const t = now();
        try {
          const r = await exchangeAbortable(gatewayUrl, heavyCaller, heavy, stop);
          count(heavyCodes, r.codes[0] ?? String(r.status));
          if (r.status === 200 && !r.codes.length) heavyLat.push(now() - t);
          heavyCost ??= r.cost;
        } catch {
          count(heavyCodes, 'hung up at the end of the window');
        }
      }
    };
    // Open loop: FAIR_REFUSED_RATE over-budget queries a second, whatever the answers take.
    const refusedLoop = async () => {
      const sent: Promise<void>[] = [];
      for (let t = now(); !stop.aborted; t += 1000 / FAIR_REFUSED_RATE) {
        await sleep(Math.max(0, t - now()));
        const i = refusedCount++;
        sent.push(
          exchange(gatewayUrl, refusedCallers[i % refusedCallers.length]!, i % 2 ? nest : aliases).then(
            (r) => void count(refusedCodes, r.codes[0] ?? String(r.status)),
          ),
        );
      }
      await Promise.all(sent);
    };
    return Promise.all([...Array.from({ length: FAIR_HEAVY_CONCURRENCY }, () => heavyLoop()), ...(FAIR_REFUSED_RATE > 0 ? [refusedLoop()] : [])]);
  };

  /** Cores used meanwhile by the rest of the machine (other work on a shared box), from /proc. */
  const restOfMachine = async (fn: () => Promise<void>) => {
    const m0 = machineCpu();
    const b0 = Object.values(cpuSeconds(benchProcesses())).reduce((a, b) => a + b, 0);
    const t0 = now();
    await fn();
    const m1 = machineCpu();
    const b1 = Object.values(cpuSeconds(benchProcesses())).reduce((a, b) => a + b, 0);
    const wall = (now() - t0) / 1000;
    return m0 && m1 ? Math.max(0, (m1.busy - m0.busy - (b1 - b0)) / wall) : NaN;
  };

  // Alone and beside alternate, FAIR_ROUNDS times: drift in the machine's other load falls on both.
  await smallStream(3, { directory: [], pd: [], failed: 0 }); // warm-up
  const alone: Lat = { directory: [], pd: [], failed: 0 };
  const beside: Lat = { directory: [], pd: [], failed: 0 };
  const rest = { alone: [] as number[], beside: [] as number[] };
  for (let round = 0; round < FAIR_ROUNDS; round++) {
    log(`fairness: round ${round + 1}/${FAIR_ROUNDS}: small queries alone, then beside the costly and the refused ones, ${FAIR_SECONDS}s each`);
    rest.alone.push(await restOfMachine(() => smallStream(FAIR_SECONDS, alone)));
    const stop = new AbortController();
    const load = background(stop.signal);
    await sleep(1000); // the costly query is running before the small ones are timed
    rest.beside.push(await restOfMachine(() => smallStream(FAIR_SECONDS, beside)));
    stop.abort();
    await load;
    await sleep(500); // cancelled work winds down
  }

  const a = { directory: summary(alone.directory), pd: summary(alone.pd) };
  const b = { directory: summary(beside.directory), pd: summary(beside.pd) };
  const heavyS = summary(heavyLat);
  const avg = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const note = `${FAIR_ROUNDS}×${FAIR_SECONDS}s each; n alone ${a.directory.n}+${a.pd.n}, beside ${b.directory.n}+${b.pd.n}; failed ${alone.failed}/${beside.failed}; rest of machine ${avg(rest.alone).toFixed(2)}/${avg(rest.beside).toFixed(2)} cores`;
  for (const [kind, label] of [
    ['directory', 'organizations(first:10)'],
    ['pd', 'programme(id) (the costly query’s subgraph)'],
  ] as const) {
    for (const p of ['p50', 'p99'] as const) {
      row({
        section,
        metric: `${label} ${p} beside costly + refused`,
        value: b[kind][p],
        unit: 'ms',
        reference: a[kind][p],
        referenceLabel: `${p} alone`,
        note: p === 'p99' ? `${note}; goal ≤ 2×` : note,
      });
    }
  }
  row({
    section,
    metric: 'costly query (accepted) p50',
    value: heavyS.p50,
    unit: 'ms',
    note: `n=${heavyS.n}, p99 ${heavyS.p99.toFixed(0)} ms; cost estimated ${heavyCost?.estimated} / actual ${heavyCost?.actual}; answers ${JSON.stringify(heavyCodes)}`,
  });
  const refused = Object.values(refusedCodes).reduce((x, y) => x + y, 0);
  row({
    section,
    metric: 'over-budget queries refused',
    value: refused,
    unit: 'requests',
    note: `answers ${JSON.stringify(refusedCodes)}`,
  });
  details['fairness'] = {
    rounds: FAIR_ROUNDS,
    secondsPerWindow: FAIR_SECONDS,
    alone: a,
    beside: b,
    restOfMachineCores: rest,
    heavy: { query: heavy, latencyMs: heavyS, codes: heavyCodes, cost: heavyCost },
    refusedCodes,
    municipality,
  };
};

// ---------------------------------------------------------------------------- main

const main = async () => {
  const client = new MongoClient(MONGO_URL, { maxPoolSize: 20 });
  await client.connect();
  cleanups.push(() => client.close());
  const bus = new KafkaBus({ clientId: `bench-${TS}`, brokers: KAFKA_BROKERS.split(',') });
  const sections: Array<[string, () => Promise<void>]> = [
    ['appends', () => benchAppends(client)],
    ['relay', () => benchRelay(client, bus, RELAY_N, '', int('BENCH_RELAY_CAP_S', 60))],
    [
      'relay-backlog',
      () => (RELAY_BACKLOG_N ? benchRelay(client, bus, RELAY_BACKLOG_N, '-backlog', int('BENCH_RELAY_BACKLOG_CAP_S', 300)) : Promise.resolve()),
    ],
    ['relay-live', () => benchRelay(client, bus, RELAY_N, '-live', int('BENCH_RELAY_CAP_S', 60), true)],
    ['rebuild', () => benchRebuild(client, bus)],
    ['services', () => benchServices(client)],
  ];
  for (const [name, fn] of sections) {
    if (SKIP.has(name)) continue;
    const t = now();
    log(`${name}: start`);
    try {
      await fn();
    } catch (err) {
      errors.push({ section: name, error: String((err as Error).stack ?? err) });
      log(`${name} failed: ${String(err)}`);
    }
    log(`${name}: ${((now() - t) / 1000).toFixed(1)}s`);
  }
  await cleanup();
  report.print();
  report.write(`${STAMP}.json`, {
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
