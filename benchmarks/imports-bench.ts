/*
 * Imports benchmark (issue 13, "bulk commands where people work in bulk"): a municipality's
 * diagnostics file through the gateway's upload route, applied by professional development with
 * the educators in lists (IMPORT_GROUPS_PER_CALL, 200 by default: a list's commits appended by one
 * bulk command) beside the same kind of file applied one educator per command
 * (IMPORT_GROUPS_PER_CALL=1, the path before), in the same run on the same platform: the service
 * is restarted before each with only that setting changed, and each variant gets its own
 * half of the educators (new development streams for both). Also the `importDiagnostics`
 * mutation (a 400-line file in the request, as the demo loader sends it) per variant.
 *
 *   bash benchmarks/run imports    (builds, starts its own infra, runs, stops)
 *
 * Sizes: BENCH_IMPORT_EDUCATORS (6,000; half per variant), BENCH_IMPORT_ROWS_PER_EDUCATOR (4),
 * BENCH_IMPORT_SMALL_FILES (3 mutations of 400 lines per variant), BENCH_IMPORT_PER_CALL (the
 * lists' size, default the service's). Every figure beside its reference with the ratio.
 */
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { mintUserToken, readPem } from '../packages/auth/src/index';
import {
  cleanup,
  cleanups,
  cpuStart,
  cpuSince,
  env,
  gql,
  infraFromEnv,
  int,
  log,
  meterPhase,
  now,
  phaseBreakdown,
  Report,
  RunningPlatform,
  STAMP,
  startPlatform,
  summary,
  TS,
  waitIdle,
} from './bench-kit';

// Every child's MongoDB commands counted and timed (benchmarks/db-meter.cjs): where the time goes.
env['BENCH_DB_METER'] ??= '1';

const { mongoUrl: MONGO_URL, kafkaBrokers: KAFKA_BROKERS } = infraFromEnv('bash benchmarks/run imports');
const EDUCATORS = int('BENCH_IMPORT_EDUCATORS', 6_000);
const ROWS_PER_EDUCATOR = int('BENCH_IMPORT_ROWS_PER_EDUCATOR', 4);
const SMALL_FILES = int('BENCH_IMPORT_SMALL_FILES', 3);
const SMALL_EDUCATORS = 100; // × 4 areas: the loader's 400-line part
const SCHOOLS = 10;
const MUNICIPALITY = 'imports-1';
const AREAS = ['SUBJECT', 'METHODICAL', 'PSYCHOLOGY_PEDAGOGY', 'DIGITAL', 'FUNCTIONAL_LITERACY', 'INCLUSIVE', 'UPBRINGING', 'ASSESSMENT'];
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

const report = new Report('imports', { EDUCATORS, ROWS_PER_EDUCATOR, SMALL_FILES, perCall: env['BENCH_IMPORT_PER_CALL'] ?? 'default' });
const details = report.details;

/** The file's text: `rows` lines per educator, each in another area, scores spread so that some open deficits. */
const diagnosticsCsv = (educators: string[], rows: number) => {
  const lines = ['educator_id;area;score;max_score;taken_on'];
  educators.forEach((id, i) => {
    for (let k = 0; k < rows; k++) lines.push(`${id};${AREAS[(i + k) % AREAS.length]};${(i * 7 + k * 3) % 21};20;2026-0${1 + (k % 8)}-1${k % 9}`);
  });
  return lines.join('\n') + '\n';
};

/** One municipality, SCHOOLS schools, EDUCATORS educators (lists of 500), every read model caught up. */
const seed = async (
  platform: RunningPlatform,
  mongo: MongoClient,
  admin: ReturnType<Kafka['admin']>,
  headers: { operator: Record<string, string>; methodologist: Record<string, string> },
) => {
  const { gatewayUrl } = platform;
  await gql(gatewayUrl, headers.operator, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
    i: { id: MUNICIPALITY, name: 'Imports municipality', oktmo: '04701000' },
  });
  const schools: string[] = [];
  for (let s = 0; s < SCHOOLS; s++) {
    const r = await gql(gatewayUrl, headers.methodologist, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
      i: { name: `School No. ${s + 1}`, kind: 'SCHOOL' },
    });
    schools.push(r['registerOrganization'].id as string);
  }
  const ids: string[] = [];
  const register = `mutation($i: [RegisterEducatorInput!]!) { registerEducators(input: $i) { educator { id } error { code message } } }`;
  for (let from = 0; from < EDUCATORS; from += 500) {
    const input = Array.from({ length: Math.min(500, EDUCATORS - from) }, (_, k) => ({
      organizationId: schools[(from + k) % SCHOOLS],
      fullName: `Педагог ${from + k}`,
      position: 'учитель',
      subjects: ['математика'],
      careerStartDate: '2012-09-01',
    }));
    const r = await gql(gatewayUrl, headers.methodologist, register, { i: input });
    for (const o of r['registerEducators'] as Array<{ educator: { id: string } | null; error: unknown }>) {
      if (!o.educator) throw new Error(`registration refused: ${JSON.stringify(o.error)}`);
      ids.push(o.educator.id);
    }
  }
  await waitIdle(mongo, admin, platform, 'seed', 600_000);
  return ids;
};

/** The upload (waited for until DONE), then the read models caught up; then the small files through the mutation. */
const variant = async (
  label: string,
  platform: RunningPlatform,
  mongo: MongoClient,
  admin: ReturnType<Kafka['admin']>,
  methodologist: Record<string, string>,
  educators: string[],
) => {
  const big = educators.slice(SMALL_FILES * SMALL_EDUCATORS);
  const csv = diagnosticsCsv(big, ROWS_PER_EDUCATOR);
  const rows = big.length * ROWS_PER_EDUCATOR;
  const base = platform.gatewayUrl.replace(/\/graphql$/, '');
  const cpu0 = cpuStart();
  const applying = await meterPhase('professional-development');
  const t0 = now();
  const r = await fetch(`${base}/imports/diagnostics?importId=big-${label}-${TS}&wait=true`, {
    method: 'POST',
    headers: { ...methodologist, 'content-type': 'text/csv' },
    body: csv,
    signal: AbortSignal.timeout(900_000),
  });
  const body = (await r.json()) as { import?: { status: string; applied: number; rejected: number } };
  const appliedMs = now() - t0;
  if (r.status !== 200 || body.import?.status !== 'DONE' || body.import.applied !== rows)
    throw new Error(`${label}: HTTP ${r.status} ${JSON.stringify(body).slice(0, 500)}`);
  const cpu = cpuSince(cpu0);
  const applied = await applying();
  const catching = await meterPhase('professional-development');
  const idleMs = await waitIdle(mongo, admin, platform, `${label}: after the upload`, 600_000);
  const caughtUp = await catching();
  log(`${label}: applying: ${applied.dbNote}`);
  log(`${label}: catching up: ${caughtUp.cpu.note}; ${caughtUp.dbNote}`);

  const smallPhase = await meterPhase('professional-development');
  const small: number[] = [];
  for (let f = 0; f < SMALL_FILES; f++) {
    const part = educators.slice(f * SMALL_EDUCATORS, (f + 1) * SMALL_EDUCATORS);
    const t = now();
    const d = await gql(
      platform.gatewayUrl,
      methodologist,
      `mutation($i: ImportDiagnosticsInput!) { importDiagnostics(input: $i) { imported rejected { line message } } }`,
      {
        i: { importId: `small-${label}-${f}-${TS}`, csv: diagnosticsCsv(part, 4) },
      },
    );
    small.push(now() - t);
    if (d['importDiagnostics'].imported !== part.length * 4) throw new Error(`${label}: small file ${f}: ${JSON.stringify(d).slice(0, 500)}`);
  }
  const smallFiles = await smallPhase();
  log(`${label}: small files: ${smallFiles.dbNote}`);
  await waitIdle(mongo, admin, platform, `${label}: after the small files`, 600_000);
  const phases = { applying: phaseBreakdown(applied), catchingUp: phaseBreakdown(caughtUp), smallFiles: phaseBreakdown(smallFiles) };
  return { rows, educators: big.length, appliedMs, idleMs, cpu, small: summary(small), phases };
};

const main = async () => {
  const mongo = new MongoClient(MONGO_URL, { maxPoolSize: 10 });
  await mongo.connect();
  cleanups.push(() => mongo.close());
  const admin = new Kafka({ clientId: `bench-imports-${TS}`, brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  cleanups.push(() => admin.disconnect());

  const perCall = env['BENCH_IMPORT_PER_CALL'] ? { IMPORT_GROUPS_PER_CALL: env['BENCH_IMPORT_PER_CALL'] } : {};
  const one = { IMPORT_GROUPS_PER_CALL: '1' };
  const platform = await startPlatform({
    mongoUrl: MONGO_URL,
    kafkaBrokers: KAFKA_BROKERS,
    dbPrefix: 'bench',
    logPrefix: `${STAMP}-imports`,
  });
  const userPem = readPem(platform.keyFiles.userPrivate);
  const operator = { authorization: `Bearer ${await mintUserToken(userPem, { subject: 'bench-operator', role: 'regional_operator' })}` };
  const methodologist = {
    authorization: `Bearer ${await mintUserToken(userPem, { subject: 'bench-methodologist', role: 'municipal_methodologist', municipality: MUNICIPALITY })}`,
  };
  const tSeed = now();
  const educators = await seed(platform, mongo, admin, { operator, methodologist });
  log(`seed: ${educators.length} educators in ${((now() - tSeed) / 1000).toFixed(1)} s`);
  const half = Math.floor(educators.length / 2);

  // Each variant on a service just started with its setting (both begin cold, the relay's lease taken anew).
  await platform.restart('professional-development', one);
  await waitIdle(mongo, admin, platform, 'restarted', 120_000);
  log('one educator per command (IMPORT_GROUPS_PER_CALL=1)');
  const alone = await variant('alone', platform, mongo, admin, methodologist, educators.slice(0, half));
  await platform.restart('professional-development', { IMPORT_GROUPS_PER_CALL: '', ...perCall });
  await waitIdle(mongo, admin, platform, 'restarted', 120_000);
  log(`lists (IMPORT_GROUPS_PER_CALL=${env['BENCH_IMPORT_PER_CALL'] ?? 'the default'})`);
  const lists = await variant('lists', platform, mongo, admin, methodologist, educators.slice(half));

  const section = '1. a diagnostics file through the upload, educators in lists vs one per command';
  const ref = 'one educator per command';
  report.row({
    section,
    metric: `upload of ${lists.rows} rows (${lists.educators} educators) applied: rows/s`,
    value: (lists.rows * 1000) / lists.appliedMs,
    unit: 'rows/s',
    reference: (alone.rows * 1000) / alone.appliedMs,
    referenceLabel: ref,
  });
  report.row({
    section,
    metric: 'upload → DONE + read models caught up',
    value: (lists.appliedMs + lists.idleMs) / 1000,
    unit: 's',
    reference: (alone.appliedMs + alone.idleMs) / 1000,
    referenceLabel: ref,
  });
  report.row({
    section,
    metric: 'CPU while applying: cores',
    value: lists.cpu.total,
    unit: 'cores',
    reference: alone.cpu.total,
    referenceLabel: ref,
    note: lists.cpu.note,
  });
  report.row({
    section,
    metric: `importDiagnostics of ${SMALL_EDUCATORS * 4} lines (mutation) p50`,
    value: lists.small.p50,
    unit: 'ms',
    reference: alone.small.p50,
    referenceLabel: ref,
  });
  report.row({
    section,
    metric: `importDiagnostics of ${SMALL_EDUCATORS * 4} lines max`,
    value: lists.small.max,
    unit: 'ms',
    reference: alone.small.max,
    referenceLabel: ref,
  });
  const shape = (v: typeof lists) => ({
    rows: v.rows,
    educators: v.educators,
    appliedS: round(v.appliedMs / 1000, 2),
    caughtUpAfterS: round(v.idleMs / 1000, 2),
    cores: Object.fromEntries(v.cpu.used.map(([n, c]) => [n, round(c, 3)])),
    smallFilesMs: v.small,
    phases: v.phases,
  });
  details['alone'] = shape(alone);
  details['lists'] = shape(lists);
  log(`one per command: CPU ${alone.cpu.note}`);
  log(`lists: CPU ${lists.cpu.note}`);

  await cleanup();
  report.print();
  report.write(`${STAMP}-imports.json`);
};

main().catch(async (err) => {
  log(`failed: ${String((err as Error).stack ?? err)}`);
  await cleanup();
  report.write(`${STAMP}-imports.json`);
  process.exit(1);
});
