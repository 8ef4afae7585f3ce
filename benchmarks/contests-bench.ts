/*
 * Contests benchmark (issue 11 §10): one run, every number beside its reference, as ratios.
 *
 *   bash benchmarks/run contests              (builds, starts its own infra, runs, stops)
 *   node --require ./contracts/src/compose/ts-register.cjs --require ./benchmarks/ts-register-index.cjs benchmarks/contests-bench.ts
 *                                             (needs KAFKA_BROKERS and MONGO_URL of a running instance)
 *
 * Setup (not measured): one municipality, BENCH_CONTESTS_SCHOOLS schools, 24 school stages of the
 * ВсОШ (one per subject) × 8 grade groups (grades 4–11, 5 tasks of 10 points, SINGLE scoring),
 * students registered by class list with the parents' consent, entered and coded per school and
 * stage, BENCH_CONTESTS_ROWS score lines (5 per work) generated with a fixed seed.
 *
 *   1. every stage's score file through the gateway's upload route → every partition published
 *      (publishPreliminaryProtocols per stage; BENCH_CONTESTS_PUBLISH=partition: one
 *      publishPreliminaryProtocol per partition) → every partition's protocol readable through the gateway
 *      (olympiadPartition: PRELIMINARY with all its rows); reference: the same rows insertMany'd
 *      into a scratch collection of the same server (with an index) plus an in-memory rank of
 *      each partition.
 *   2. an appeal decision (decideOlympiadAppeal) → the re-ranked partition's new version readable
 *      through the gateway; reference: the decision's round trip.
 *   3. olympiadPublicResults(stageId) without a token, concurrency 32, through the gateway vs
 *      straight to the contests subgraph with a signed internal context.
 *
 * Sizes are env-tunable (see benchmarks/README.md); BENCH_SKIP=appeals,public skips sections 2, 3.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { addDays, DEFAULT_REGION_TIME_ZONE, todayIn } from '../contracts/src/dates/iso-date';
import { InternalContextSigner, INTERNAL_CONTEXT_HEADER, mintUserToken, readPem } from '../packages/auth/src/index';
import { COMMITS_COLLECTION } from '../packages/eventsourcing/src/index';
import { VSOSH_SUBJECTS } from '../services/contests/src/stages/subjects';
import {
  cleanup,
  cleanups,
  env,
  gql,
  infraFromEnv,
  int,
  log,
  meterPhase,
  now,
  passedLimits,
  Phase,
  phaseBreakdown,
  pool,
  Report,
  RunningPlatform,
  sleep,
  STAMP,
  startPlatform,
  summary,
  TS,
  waitIdle,
} from './bench-kit';

const SKIP = new Set((env['BENCH_SKIP'] ?? '').split(',').filter(Boolean));
// Every child's MongoDB commands counted and timed (benchmarks/db-meter.cjs): where the time goes, per process.
env['BENCH_DB_METER'] ??= '1';
const { mongoUrl: MONGO_URL, kafkaBrokers: KAFKA_BROKERS } = infraFromEnv('bash benchmarks/run contests');

const ROWS = int('BENCH_CONTESTS_ROWS', 100_000);
const STAGES = Math.max(1, Math.min(24, int('BENCH_CONTESTS_STAGES', 24)));
const GRADES = [4, 5, 6, 7, 8, 9, 10, 11];
const TASKS = 5;
const MAX_POINTS = 10;
const SCHOOLS = int('BENCH_CONTESTS_SCHOOLS', 10);
const SEED = int('BENCH_CONTESTS_SEED', 42);
const SETUP_CONCURRENCY = int('BENCH_CONTESTS_SETUP_CONCURRENCY', 4);
const UPLOAD_CONCURRENCY = int('BENCH_CONTESTS_UPLOAD_CONCURRENCY', 4);
const PUBLISH_CONCURRENCY = int('BENCH_CONTESTS_PUBLISH_CONCURRENCY', 4);
const VISIBLE_POLL_MS = int('BENCH_CONTESTS_VISIBLE_POLL_MS', 20);
/** Pollers of the visible phase: each poll reads a whole protocol (≈ 26 KiB) and competes with the projection it waits for. */
const VISIBLE_POLLERS = int('BENCH_CONTESTS_VISIBLE_POLLERS', 1);
/**
 * 1: the pollers follow the publisher (a partition is polled once its publication answered), so
 * the end is when the last protocol became readable; 0: they walk every partition after the last
 * publication (sessions 17–21), which adds the walk itself (192 reads one by one, ≈ 2 s) to the total.
 */
const VISIBLE_FOLLOW = int('BENCH_CONTESTS_VISIBLE_FOLLOW', 1) === 1;
/**
 * `stage`: the organiser publishes each stage's preliminary protocols at once
 * (`publishPreliminaryProtocols`, one call per stage, its grade groups appended together);
 * `partition`: one `publishPreliminaryProtocol` per grade group (sessions 17–21).
 */
const PUBLISH_BY = process.env['BENCH_CONTESTS_PUBLISH'] === 'partition' ? 'partition' : 'stage';
const CAP_S = int('BENCH_CONTESTS_CAP_S', 600);
const APPEALS = int('BENCH_CONTESTS_APPEALS', 50);
const APPEAL_WARMUP = int('BENCH_CONTESTS_APPEAL_WARMUP', 3);
const POLL_MS = int('BENCH_CONTESTS_POLL_MS', 5);
const PUBLIC_REQUESTS = int('BENCH_CONTESTS_PUBLIC_REQUESTS', 2000);
const PUBLIC_CONCURRENCY = int('BENCH_CONTESTS_PUBLIC_CONCURRENCY', 32);
const PUBLIC_WARMUP = int('BENCH_CONTESTS_PUBLIC_WARMUP', 64);
const PUBLIC_CAP_S = int('BENCH_CONTESTS_PUBLIC_CAP_S', 60);
/** Sequential requests of each kind before the concurrent load: one request's own cost. */
const PUBLIC_SEQUENTIAL = int('BENCH_CONTESTS_PUBLIC_SEQUENTIAL', 24);
/** Distinct methodologists the pollers speak for: one caller polling every 5 ms would be rate-limited (as it should). */
const USERS = int('BENCH_USERS', 32);
/** Distinct public clients (X-Forwarded-For, the gateway trusting it): one address would be limited to the public's 20 requests/s. */
const PUBLIC_CLIENTS = int('BENCH_CONTESTS_PUBLIC_CLIENTS', 256);

const report = new Report('contests', {
  rows: ROWS,
  stages: STAGES,
  gradeGroups: GRADES.length,
  tasks: TASKS,
  schools: SCHOOLS,
  seed: SEED,
  scoringMode: 'SINGLE',
  uploadConcurrency: UPLOAD_CONCURRENCY,
  publishConcurrency: PUBLISH_CONCURRENCY,
  publishBy: PUBLISH_BY,
  visiblePollMs: VISIBLE_POLL_MS,
  visiblePollers: VISIBLE_POLLERS,
  appeals: APPEALS,
  pollMs: POLL_MS,
  publicRequests: PUBLIC_REQUESTS,
  publicConcurrency: PUBLIC_CONCURRENCY,
  limits: { ...passedLimits('GATEWAY_'), ...passedLimits('SUBGRAPH_MAX_') },
});
const { details } = report;
const row = report.row.bind(report);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// ---------------------------------------------------------------------------- CPU and DB calls per phase

/** `find contests_g1_entries` → `find entries` (the projection's generation prefix is noise here). */
const shortKey = (k: string) => k.replace(/ contests(_educators)?_g\d+_/, ' ');
const phaseMeter = () => meterPhase('contests', shortKey);
const phaseDetails = (ph: Phase) => phaseBreakdown(ph, shortKey);

// ---------------------------------------------------------------------------- data

/** mulberry32: the same scores for the same seed. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Letters only (the students' names allow no digits): 0 → "А", 33 → "АБ"… */
const CYR = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';
const letters = (n: number) => {
  let s = '';
  do {
    s = CYR[n % CYR.length]! + s.toLowerCase();
    n = Math.floor(n / CYR.length);
  } while (n > 0);
  return s;
};

interface Work {
  code: string;
  studentId: string;
  school: number;
  scores: number[];
}
interface Partition {
  id: string;
  stageId: string;
  subject: string;
  groupId: string;
  works: Work[];
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

/** Retries a setup call while the read models catch up (the identity check, the stage's entries…). */
const retrying = async <T>(what: string, fn: () => Promise<T>, capMs = 60_000): Promise<T> => {
  const end = now() + capMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (now() > end) throw new Error(`${what}: ${String((err as Error).message ?? err)}`);
      if (attempt === 1 || attempt % 20 === 0) log(`${what}: retrying (${String((err as Error).message ?? err).slice(0, 200)})`);
      await sleep(250);
    }
  }
};

// ---------------------------------------------------------------------------- setup

const SCHEDULE = `mutation($i: ScheduleOlympiadStageInput!) { scheduleOlympiadStage(input: $i) { id consentDeadline } }`;
const JURY = `mutation($i: AppointOlympiadJuryInput!) { appointOlympiadJury(input: $i) { id } }`;
const REGISTER_STUDENTS = `mutation($i: RegisterStudentsInput!) { registerStudents(input: $i) { id grade } }`;
const ENTER = `mutation($i: EnterStudentsInput!) { enterStudentsForStage(input: $i) { id } }`;
const CODES = `mutation($s: ID!) { issueParticipantCodes(stageId: $s) { id code groupId } }`;
const STAGE_ENTRIES = `query($id: ID!) { olympiadStage(id: $id) { entries { code } } }`;
const PUBLISH = `mutation($id: ID!) { publishPreliminaryProtocol(partitionId: $id) { status version } }`;
const PUBLISH_STAGE = `mutation($id: ID!) { publishPreliminaryProtocols(stageId: $id) { partitions { id status } refused { groupId error { code message } } } }`;
const PARTITION_ROWS = `query($id: ID!) { olympiadPartition(id: $id) { status version rows { code score rank status } } }`;
const PARTITION_VERSION = `query($id: ID!) { olympiadPartition(id: $id) { version } }`;
const PARTITION_APPEALS = `query($id: ID!) { olympiadPartition(id: $id) { appeals { id } } }`;
const FILE_APPEAL = `mutation($i: FileOlympiadAppealInput!) { fileOlympiadAppeal(input: $i) { appeals { id code taskId decided } } }`;
const DECIDE = `mutation($i: DecideOlympiadAppealInput!) { decideOlympiadAppeal(input: $i) { version } }`;
const PUBLIC = `query($id: ID!) { olympiadPublicResults(stageId: $id) { groupId status maxScore rows { participant grade school { id } score rank status } } }`;

const setupTimes: Record<string, number> = {};

interface World {
  municipality: string;
  schools: string[];
  coordinators: Record<string, string>[];
  methodologists: Record<string, string>[];
  juror: Record<string, string>;
  stages: Array<{ id: string; subject: string }>;
  partitions: Partition[];
  files: Array<{ stageId: string; subject: string; csv: string; lines: number }>;
}

const setup = async (platform: RunningPlatform): Promise<World> => {
  const { gatewayUrl } = platform;
  const pem = readPem(platform.keyFiles.userPrivate);
  const municipality = `bench-contests-${TS}`;
  const asOperator = bearer(await mintUserToken(pem, { subject: 'bench-operator', role: 'regional_operator' }));
  const methodologists = await Promise.all(
    Array.from({ length: USERS }, async (_, i) =>
      bearer(await mintUserToken(pem, { subject: `bench-methodologist-${i}`, role: 'municipal_methodologist', municipality })),
    ),
  );
  const asMethodologist = methodologists[0]!;
  // An external expert: the jury's chair and its appeal commission (no directory claims to check).
  const juror = bearer(await mintUserToken(pem, { subject: `bench-expert-${TS}`, role: 'juror' }));
  const today = todayIn(DEFAULT_REGION_TIME_ZONE);
  const y = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1);

  log(`setup: municipality and ${SCHOOLS} schools (directory)`);
  await gql(gatewayUrl, asOperator, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
    i: { id: municipality, name: 'Олимпиадный округ', oktmo: '04701000' },
  });
  const schools: string[] = [];
  for (let s = 0; s < SCHOOLS; s++) {
    const d = await retrying('registerOrganization', () =>
      gql(gatewayUrl, asMethodologist, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
        i: { name: `МБОУ СОШ № ${s + 1}`, kind: 'SCHOOL' },
      }),
    );
    schools.push(d['registerOrganization'].id as string);
  }
  const coordinators = await Promise.all(
    schools.map(async (org, s) =>
      bearer(await mintUserToken(pem, { subject: `bench-coordinator-${s}`, role: 'school_coordinator', municipality, organization: org })),
    ),
  );
  // The gateway checks a coordinator's school against the directory's read model: once it knows every school, no call below is refused for it.
  for (const c of coordinators) await retrying('coordinator token accepted', () => gql(gatewayUrl, c, `{ studentsPage(first: 1) { nodes { id } } }`));

  // Stages: one per ВсОШ subject, grade groups 4..11 of 5 tasks.
  const subjects = Object.keys(VSOSH_SUBJECTS).slice(0, STAGES);
  log(`setup: ${subjects.length} stages × ${GRADES.length} grade groups, jury`);
  const stages: World['stages'] = [];
  await pool(subjects.length, SETUP_CONCURRENCY, CAP_S * 1000, async (i) => {
    const subject = subjects[i]!;
    const d = await gql(gatewayUrl, asMethodologist, SCHEDULE, {
      i: {
        kind: 'VSOSH',
        title: `ВсОШ, школьный этап: ${VSOSH_SUBJECTS[subject as keyof typeof VSOSH_SUBJECTS]}`,
        academicYear: `${y}/${y + 1}`,
        subject,
        level: 'SCHOOL',
        startsOn: addDays(today, 40),
        endsOn: addDays(today, 40),
        registrationFrom: today,
        registrationTo: addDays(today, 20),
        groups: GRADES.map((g) => ({
          groupId: String(g),
          grades: [g],
          tasks: Array.from({ length: TASKS }, (_, t) => ({ taskId: `t${t + 1}`, maxPoints: MAX_POINTS })),
        })),
        settings: { scoringMode: 'SINGLE' },
      },
    });
    const stageId = d['scheduleOlympiadStage'].id as string;
    if (d['scheduleOlympiadStage'].consentDeadline < today) throw new Error(`consent deadline ${d['scheduleOlympiadStage'].consentDeadline} is before today`);
    await gql(gatewayUrl, asMethodologist, JURY, { i: { stageId, members: [{ expertId: `bench-expert-${TS}`, chair: true, appealCommission: true }] } });
    stages[i] = { id: stageId, subject };
  });

  // Works per partition: ROWS / TASKS works over stages × groups, the first partitions one more.
  const partitionsN = stages.length * GRADES.length;
  const works = Math.floor(ROWS / TASKS);
  const base = Math.floor(works / partitionsN);
  const extra = works % partitionsN;
  const perSchoolGrade = Math.ceil((base + (extra ? 1 : 0)) / SCHOOLS) + 1;

  // Students: perSchoolGrade per school and grade, registered as one class list per school with the consent.
  log(`setup: ${SCHOOLS * GRADES.length * perSchoolGrade} students (class lists with consent)`);
  const studentsOf: string[][][] = schools.map(() => GRADES.map(() => [])); // [school][gradeIndex] → ids
  await pool(SCHOOLS, SETUP_CONCURRENCY, CAP_S * 1000, async (s) => {
    const list = GRADES.flatMap((g, gi) =>
      Array.from({ length: perSchoolGrade }, (_, k) => ({
        surname: `Ученик${letters(s * 1000 + gi * 100 + k)}`,
        name: ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья'][k % 5],
        patronymic: 'Ивановна',
        grade: g,
        consent: { signedOn: today, participation: true, publishResults: k % 2 === 0, publishWork: false },
      })),
    );
    for (let from = 0; from < list.length; from += 1000) {
      const d = await gql(gatewayUrl, coordinators[s]!, REGISTER_STUDENTS, { i: { students: list.slice(from, from + 1000) } });
      for (const st of d['registerStudents'] as Array<{ id: string; grade: number }>) studentsOf[s]![GRADES.indexOf(st.grade)]!.push(st.id);
    }
  });

  // Which students enter which stage: per grade, a rotating window over every school's students of the grade.
  const partitions: Partition[] = [];
  const chosen = new Map<string, Map<number, string[]>>(); // stageId → school → studentIds
  const schoolOfStudent = new Map<string, number>();
  schools.forEach((_, s) => studentsOf[s]!.forEach((ids) => ids.forEach((id) => schoolOfStudent.set(id, s))));
  let pIndex = 0;
  for (const [si, stage] of stages.entries()) {
    const bySchool = new Map<number, string[]>();
    chosen.set(stage.id, bySchool);
    for (const [gi, g] of GRADES.entries()) {
      const n = base + (pIndex < extra ? 1 : 0);
      pIndex++;
      const candidates = schools.flatMap((_, s) => studentsOf[s]![gi]!);
      const offset = (si * 7 + gi * 3) % candidates.length;
      const picked = Array.from({ length: n }, (_, k) => candidates[(offset + k) % candidates.length]!);
      for (const id of picked) {
        const s = schoolOfStudent.get(id)!;
        bySchool.set(s, [...(bySchool.get(s) ?? []), id]);
      }
      partitions.push({ id: `${stage.id}~${g}`, stageId: stage.id, subject: stage.subject, groupId: String(g), works: [] });
    }
  }

  // Entries and codes: per school and stage, one enterStudentsForStage then issueParticipantCodes.
  const pairs = stages.flatMap((st) => [...chosen.get(st.id)!.entries()].map(([s, ids]) => ({ stageId: st.id, s, ids })));
  log(`setup: ${pairs.reduce((a, p) => a + p.ids.length, 0)} entries and codes (${pairs.length} school × stage calls)`);
  const byPartition = new Map(partitions.map((p) => [p.id, p]));
  const rnd = prng(SEED);
  const tEntries = now();
  await pool(pairs.length, SETUP_CONCURRENCY, CAP_S * 1000, async (i) => {
    const { stageId, s, ids } = pairs[i]!;
    await gql(gatewayUrl, coordinators[s]!, ENTER, { i: { stageId, studentIds: ids } });
    const d = await gql(gatewayUrl, coordinators[s]!, CODES, { s: stageId });
    for (const e of d['issueParticipantCodes'] as Array<{ id: string; code: string; groupId: string }>) {
      byPartition.get(`${stageId}~${e.groupId}`)!.works.push({ code: e.code, studentId: e.id.slice(stageId.length + 1), school: s, scores: [] });
    }
  });
  setupTimes['entriesAndCodesS'] = round((now() - tEntries) / 1000);
  log(`setup: entries and codes in ${((now() - tEntries) / 1000).toFixed(1)} s`);
  // Scores: integers 0..10 per task, in code order (deterministic for the seed whatever order the calls finished in).
  for (const p of partitions) {
    p.works.sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const w of p.works) w.scores = Array.from({ length: TASKS }, () => Math.floor(rnd() * (MAX_POINTS + 1)));
  }
  const files = stages.map((st) => {
    const lines = ['code;task;score'];
    for (const p of partitions.filter((x) => x.stageId === st.id))
      for (const w of p.works) w.scores.forEach((sc, t) => lines.push(`${w.code};t${t + 1};${sc}`));
    return { stageId: st.id, subject: st.subject, csv: `${lines.join('\n')}\n`, lines: lines.length - 1 };
  });
  const total = files.reduce((a, f) => a + f.lines, 0);
  log(`setup: ${total} score lines in ${files.length} files, ${partitions.length} partitions (${base}${extra ? `–${base + 1}` : ''} works each)`);

  return { municipality, schools, coordinators, methodologists, juror, stages, partitions, files };
};

/** The score import reads the entries' read model: every code must be there (checked once the pipeline is idle: polling it would slow the projection down). */
const checkEntries = async (platform: RunningPlatform, w: World) => {
  let nextUser = 0;
  const someMethodologist = () => w.methodologists[nextUser++ % w.methodologists.length]!;
  const { gatewayUrl } = platform;
  const { stages, partitions } = w;
  await pool(stages.length, SETUP_CONCURRENCY, CAP_S * 1000, async (i) => {
    const st = stages[i]!;
    const expected = partitions.filter((p) => p.stageId === st.id).reduce((a, p) => a + p.works.length, 0);
    await retrying(
      `entries of ${st.subject} in the read model`,
      async () => {
        const d = await gql(gatewayUrl, someMethodologist(), STAGE_ENTRIES, { id: st.id });
        const coded = (d['olympiadStage'].entries as Array<{ code: string | null }>).filter((e) => e.code).length;
        if (coded < expected) throw new Error(`${coded} of ${expected} coded entries`);
      },
      CAP_S * 1000,
    );
  });
};

// ---------------------------------------------------------------------------- 1. file → preliminary protocol

/** Ranks 1, 2, 2, 4 by total, descending: the reference's in-memory protocol. */
const rankTotals = (totals: Map<string, number>) => {
  const sorted = [...totals].sort((a, b) => b[1] - a[1]);
  const ranks = new Map<string, number>();
  sorted.forEach(([code, t], i) => ranks.set(code, i > 0 && sorted[i - 1]![1] === t ? ranks.get(sorted[i - 1]![0])! : i + 1));
  return ranks;
};

/** The same rows straight into the same server: insertMany per file into an indexed scratch collection, then every partition ranked in memory. */
const referenceLoad = async (mongo: MongoClient, w: World) => {
  const db = mongo.db(`bench_contests_raw_${TS}`);
  cleanups.push(() => db.dropDatabase());
  const scores = db.collection('scores');
  await db.createCollection('scores');
  await scores.createIndex({ stageId: 1, groupId: 1, code: 1, taskId: 1 }, { unique: true });
  const docs = w.files.map((f) =>
    w.partitions
      .filter((p) => p.stageId === f.stageId)
      .flatMap((p) =>
        p.works.flatMap((wk) => wk.scores.map((score, t) => ({ stageId: p.stageId, groupId: p.groupId, code: wk.code, taskId: `t${t + 1}`, score }))),
      ),
  );
  const t0 = now();
  for (const d of docs) await scores.insertMany(d, { ordered: false });
  const t1 = now();
  const ranked = new Map<string, Map<string, number>>();
  for (const [i, d] of docs.entries()) {
    const byPartition = new Map<string, Map<string, number>>();
    for (const r of d) {
      const totals = byPartition.get(r.groupId) ?? byPartition.set(r.groupId, new Map()).get(r.groupId)!;
      totals.set(r.code, (totals.get(r.code) ?? 0) + r.score);
    }
    for (const [g, totals] of byPartition) ranked.set(`${w.files[i]!.stageId}~${g}`, rankTotals(totals));
  }
  const t2 = now();
  const inserted = await scores.countDocuments({});
  return { insertMs: t1 - t0, rankMs: t2 - t1, totalMs: t2 - t0, inserted, ranked };
};

const benchPipeline = async (platform: RunningPlatform, w: World, mongo: MongoClient) => {
  const section = `1. ${w.files.reduce((a, f) => a + f.lines, 0)} score rows, ${w.partitions.length} partitions: file → preliminary protocol via the gateway`;
  const base = platform.gatewayUrl.replace(/\/graphql$/, '');
  let nextUser = 0;
  const someMethodologist = () => w.methodologists[nextUser++ % w.methodologists.length]!;

  log('pipeline: reference (insertMany + in-memory rank)');
  const ref = await referenceLoad(mongo, w);

  log(`pipeline: uploading ${w.files.length} files (concurrency ${UPLOAD_CONCURRENCY}, wait=true)`);
  const deadline = CAP_S * 1000;
  const t0 = now();
  let meter = await phaseMeter();
  const fileMs: number[] = [];
  const imports: unknown[] = [];
  const upload = await pool(w.files.length, UPLOAD_CONCURRENCY, deadline, async (i) => {
    const f = w.files[i]!;
    const t = now();
    const r = await fetch(`${base}/imports/olympiad-scores?stageId=${encodeURIComponent(f.stageId)}&importId=scores-${f.subject}-${TS}&wait=true`, {
      method: 'POST',
      headers: { ...someMethodologist(), 'content-type': 'text/csv' },
      body: f.csv,
      signal: AbortSignal.timeout(deadline),
    });
    const body = (await r.json()) as { import?: { status: string; applied: number; rejected: number; receivedLines: number }; errors?: unknown };
    fileMs.push(now() - t);
    imports.push({ subject: f.subject, status: r.status, ms: round(now() - t), ...body.import });
    if (r.status !== 200 || body.import?.status !== 'DONE' || body.import.applied !== f.lines)
      throw new Error(`upload of ${f.subject}: HTTP ${r.status} ${JSON.stringify(body).slice(0, 500)}`);
  });
  const t1 = now();
  const uploadPhase = await meter();
  if (upload.truncated) throw new Error(`uploads not done within ${CAP_S} s`);

  // What one publishing call covers: a partition, or a stage's partitions.
  const stageOf = (i: number) => w.partitions[i]!.stageId;
  const calls: number[][] = [];
  w.partitions.forEach((_, i) => {
    const last = calls[calls.length - 1];
    if (PUBLISH_BY === 'stage' && last && stageOf(last[0]!) === stageOf(i)) last.push(i);
    else calls.push([i]);
  });
  log(
    `pipeline: publishing ${w.partitions.length} partitions in ${calls.length} calls (by ${PUBLISH_BY}, concurrency ${PUBLISH_CONCURRENCY})${VISIBLE_FOLLOW ? ', each polled once published' : ''}`,
  );
  meter = await phaseMeter();
  const publishMs: number[] = [];
  const publishedOrder: number[] = [];
  let publishing = true;
  let polls = 0;
  let wrongScores = 0;
  let rankDiffers = 0;
  // A partition found visible is not asked again; partitions are polled in the order they were published.
  let taken = 0;
  const poller = async () => {
    for (;;) {
      if (taken >= publishedOrder.length) {
        if (!publishing) return;
        await sleep(2); // the next publication's answer
        continue;
      }
      const p = w.partitions[publishedOrder[taken++]!]!;
      for (;;) {
        const tp = now();
        polls++;
        const d = await gql(platform.gatewayUrl, someMethodologist(), PARTITION_ROWS, { id: p.id });
        const part = d['olympiadPartition'] as { status: string; rows: Array<{ code: string; score: number; rank: number }> } | null;
        if (part?.status === 'PRELIMINARY' && part.rows.length === p.works.length) {
          const expected = new Map(p.works.map((wk) => [wk.code, wk.scores.reduce((a, b) => a + b, 0)]));
          const ranks = ref.ranked.get(p.id);
          for (const r of part.rows) {
            if (expected.get(r.code) !== r.score) wrongScores++;
            if (ranks?.get(r.code) !== r.rank) rankDiffers++;
          }
          break;
        }
        if (now() - t0 > deadline) throw new Error(`partition ${p.id} not visible within ${CAP_S} s`);
        await sleep(Math.max(0, VISIBLE_POLL_MS - (now() - tp)));
      }
    }
  };
  let pollFailure: unknown = null;
  const polling = () => Array.from({ length: VISIBLE_POLLERS }, () => poller().catch((err: unknown) => void (pollFailure ??= err)));
  const followers = VISIBLE_FOLLOW ? polling() : [];
  const published = await pool(calls.length, PUBLISH_CONCURRENCY, deadline, async (k) => {
    const call = calls[k]!;
    const t = now();
    if (PUBLISH_BY === 'partition') {
      const d = await gql(platform.gatewayUrl, someMethodologist(), PUBLISH, { id: w.partitions[call[0]!]!.id });
      if (d['publishPreliminaryProtocol'].status !== 'PRELIMINARY') throw new Error(`partition ${w.partitions[call[0]!]!.id}: ${JSON.stringify(d)}`);
    } else {
      const d = await gql(platform.gatewayUrl, someMethodologist(), PUBLISH_STAGE, { id: stageOf(call[0]!) });
      const out = d['publishPreliminaryProtocols'] as { partitions: { id: string; status: string }[]; refused: unknown[] };
      const ok = new Set(out.partitions.filter((x) => x.status === 'PRELIMINARY').map((x) => x.id));
      if (out.refused.length || call.some((i) => !ok.has(w.partitions[i]!.id)))
        throw new Error(`stage ${stageOf(call[0]!)}: ${JSON.stringify(d).slice(0, 500)}`);
    }
    publishMs.push(now() - t);
    publishedOrder.push(...call);
  });
  publishing = false;
  const t2 = now();
  const publishPhase = await meter();
  if (published.truncated) throw new Error(`publication not done within ${CAP_S} s`);

  log('pipeline: waiting until every protocol is readable through the gateway');
  meter = await phaseMeter();
  const pollsBefore = polls;
  await Promise.all(VISIBLE_FOLLOW ? followers : polling());
  const t3 = now();
  const visiblePhase = await meter();
  if (pollFailure) throw pollFailure;
  if (taken < publishedOrder.length) throw new Error(`protocols not visible within ${CAP_S} s`);
  if (wrongScores) throw new Error(`${wrongScores} protocol rows show another total than the file's`);

  const totalS = (t3 - t0) / 1000;
  const refS = ref.totalMs / 1000;
  const rows = w.files.reduce((a, f) => a + f.lines, 0);
  row({
    section,
    metric: 'upload → every protocol PRELIMINARY and readable',
    value: totalS,
    unit: 's',
    reference: refS,
    referenceLabel: 'insertMany + in-memory rank',
    note: `goal ≤ 10 s and ≤ 5×: ${totalS <= 10 ? 'met' : 'NOT met'} / ${totalS / refS <= 5 ? 'met' : 'NOT met'}; ${round(rows / totalS, 0)} rows/s (reference ${round(rows / refS, 0)}); reference: insertMany ${round(ref.insertMs / 1000, 2)} s (${ref.inserted} docs, 24 calls), rank ${round(ref.rankMs, 1)} ms`,
  });
  const phaseRow = (metric: string, seconds: number, ph: Phase, extraNote: string) =>
    row({ section, metric, value: seconds, unit: 's', note: `${extraNote}; cores: ${ph.cpu.note}; ${ph.dbNote}` });
  const fm = summary(fileMs);
  phaseRow(
    'phase upload + apply (24 files, wait=true)',
    (t1 - t0) / 1000,
    uploadPhase,
    `concurrency ${UPLOAD_CONCURRENCY}; per file p50 ${round(fm.p50 / 1000, 2)} s, max ${round(fm.max / 1000, 2)} s`,
  );
  const pm = summary(publishMs);
  phaseRow(
    PUBLISH_BY === 'stage'
      ? `phase publish (${calls.length} × publishPreliminaryProtocols, ${w.partitions.length} partitions)`
      : `phase publish (${w.partitions.length} × publishPreliminaryProtocol)`,
    (t2 - t1) / 1000,
    publishPhase,
    `concurrency ${PUBLISH_CONCURRENCY}; round trip p50 ${round(pm.p50)} ms, p99 ${round(pm.p99)} ms${VISIBLE_FOLLOW ? `; ${pollsBefore} polls meanwhile` : ''}`,
  );
  phaseRow(
    `phase visible (after the last publication, until every olympiadPartition shows PRELIMINARY with all rows)`,
    (t3 - t2) / 1000,
    visiblePhase,
    `${polls} polls in all (${VISIBLE_POLLERS} poller(s) ${VISIBLE_FOLLOW ? 'following the publisher' : 'walking the partitions after the last publication'}, in publish order, every ${VISIBLE_POLL_MS} ms while one is not visible); rank differs from the reference's plain rank in ${rankDiffers} rows`,
  );
  details['pipeline'] = {
    rows,
    files: w.files.length,
    partitions: w.partitions.length,
    seconds: { total: round(totalS, 3), uploadApply: round((t1 - t0) / 1000, 3), publish: round((t2 - t1) / 1000, 3), visible: round((t3 - t2) / 1000, 3) },
    reference: { insertMs: round(ref.insertMs), rankMs: round(ref.rankMs, 2), totalMs: round(ref.totalMs), inserted: ref.inserted },
    fileMs: summary(fileMs),
    publishMs: summary(publishMs),
    polls,
    rankDiffersFromPlainRank: rankDiffers,
    imports,
    phases: { uploadApply: phaseDetails(uploadPhase), publish: phaseDetails(publishPhase), visible: phaseDetails(visiblePhase) },
  };
};

// ---------------------------------------------------------------------------- 2. appeal → re-ranked partition visible

const benchAppeals = async (platform: RunningPlatform, w: World, mongo: MongoClient, admin: ReturnType<Kafka['admin']>) => {
  const section = '2. appeal decision → re-ranked partition visible via the gateway';
  const n = APPEALS + APPEAL_WARMUP;
  let nextUser = 0;
  const someMethodologist = () => w.methodologists[nextUser++ % w.methodologists.length]!;
  // Spread over the partitions (a second round on the same partitions when there are more appeals than partitions).
  const step = Math.max(1, Math.floor(w.partitions.length / Math.min(n, w.partitions.length)));
  const used = new Set<string>();
  const targets: Array<{ p: Partition; work: Work; task: number }> = [];
  for (let i = 0; targets.length < n && i < n * 4; i++) {
    const p = w.partitions[(i * step) % w.partitions.length]!;
    const found = p.works
      .flatMap((wk) => wk.scores.map((sc, t) => ({ wk, t, sc })))
      .find(({ wk, t, sc }) => sc < MAX_POINTS && !used.has(`${p.id}|${wk.code}|${t}`));
    if (!found) continue;
    used.add(`${p.id}|${found.wk.code}|${found.t}`);
    targets.push({ p, work: found.wk, task: found.t });
  }
  log(`appeals: filing ${targets.length} (coordinators)`);
  const filed: Array<{ p: Partition; appealId: string }> = [];
  await pool(targets.length, SETUP_CONCURRENCY, CAP_S * 1000, async (i) => {
    const { p, work, task } = targets[i]!;
    const d = await gql(platform.gatewayUrl, w.coordinators[work.school]!, FILE_APPEAL, {
      i: { stageId: p.stageId, studentId: work.studentId, taskId: `t${task + 1}`, kind: 'DISAGREEMENT', statement: 'решение задачи полное' },
    });
    const a = (d['fileOlympiadAppeal'].appeals as Array<{ id: string; code: string; taskId: string; decided: boolean }>).find(
      (x) => x.code === work.code && x.taskId === `t${task + 1}` && !x.decided,
    );
    if (!a) throw new Error(`appeal on ${work.code} t${task + 1} not in the answer`);
    filed[i] = { p, appealId: a.id };
  });
  // Every filed appeal in the read model, the pipeline quiet: the timed decisions start from rest.
  await pool(filed.length, SETUP_CONCURRENCY, CAP_S * 1000, async (i) => {
    const { p, appealId } = filed[i]!;
    await retrying('filed appeal in the read model', async () => {
      const d = await gql(platform.gatewayUrl, someMethodologist(), PARTITION_APPEALS, { id: p.id });
      if (!(d['olympiadPartition'].appeals as Array<{ id: string }>).some((a) => a.id === appealId)) throw new Error('not yet');
    });
  });
  await waitIdle(mongo, admin, platform, 'appeals');

  const mutation: number[] = [];
  const lag: number[] = [];
  const lagLow: number[] = [];
  const pollAnswer: number[] = [];
  let polls = 0;
  const meter = await phaseMeter();
  for (const [i, { p, appealId }] of filed.entries()) {
    const t0 = now();
    const d = await gql(platform.gatewayUrl, w.juror, DECIDE, {
      i: { partitionId: p.id, appealId, decision: 'RAISE', score: MAX_POINTS, reason: 'решение полное и верное' },
    });
    const tm = now();
    const version = d['decideOlympiadAppeal'].version as number;
    let seen = 0;
    let sentAt = 0;
    for (;;) {
      const tp = now();
      polls++;
      const r = await gql(platform.gatewayUrl, someMethodologist(), PARTITION_VERSION, { id: p.id });
      pollAnswer.push(now() - tp);
      if ((r['olympiadPartition']?.version ?? 0) >= version) {
        seen = now();
        sentAt = tp;
        break;
      }
      if (now() - t0 > 60_000) throw new Error(`partition ${p.id} version ${version} not visible after 60 s`);
      await sleep(Math.max(0, POLL_MS - (now() - tp)));
    }
    if (i < APPEAL_WARMUP) continue;
    mutation.push(tm - t0);
    lag.push(seen - t0);
    lagLow.push(sentAt - t0);
  }
  const ph = await meter();
  const l = summary(lag);
  const m = summary(mutation);
  const low = summary(lagLow);
  const note = `n=${lag.length} (after ${APPEAL_WARMUP} warm-up), polls every ${POLL_MS} ms (poll round trip p50 ${round(summary(pollAnswer).p50)} ms); first showing poll sent at p50 ${round(low.p50)} / p99 ${round(low.p99)} ms`;
  for (const p of ['p50', 'p99'] as const) {
    row({
      section,
      metric: `decideOlympiadAppeal → olympiadPartition.version visible ${p}`,
      value: l[p],
      unit: 'ms',
      reference: m[p],
      referenceLabel: `decideOlympiadAppeal round trip ${p}`,
      note: p === 'p99' ? `goal ≤ 200 ms: ${l.p99 <= 200 ? 'met' : 'NOT met'}; ${note}` : note,
    });
  }
  row({
    section,
    metric: 'visible max',
    value: l.max,
    unit: 'ms',
    reference: m.max,
    referenceLabel: 'round trip max',
    note: `${polls} polls in all; cores: ${ph.cpu.note}; ${ph.dbNote}`,
  });
  details['appeals'] = {
    n: lag.length,
    warmup: APPEAL_WARMUP,
    pollMs: POLL_MS,
    polls,
    visibleMs: l,
    mutationMs: m,
    firstShowingPollSentMs: low,
    pollRoundTripMs: summary(pollAnswer),
    phase: phaseDetails(ph),
  };
};

// ---------------------------------------------------------------------------- 3. public results, gateway vs subgraph

const benchPublic = async (platform: RunningPlatform, w: World) => {
  const section = `3. olympiadPublicResults(stageId), no token, c=${PUBLIC_CONCURRENCY}: gateway vs contests subgraph`;
  const signer = await InternalContextSigner.fromPem(readPem(platform.keyFiles.internalPrivate));
  const direct = platform.subgraphUrls.contests;
  // The context token is valid for 60 s: re-signed every 20 s (the gateway signs per request).
  let signed = { at: 0, token: '' };
  const directHeaders = async () => {
    if (!signed.token || now() - signed.at > 20_000)
      signed = { at: now(), token: await signer.sign({ requestId: randomUUID(), correlationId: randomUUID(), user: null }) };
    return { [INTERNAL_CONTEXT_HEADER]: signed.token };
  };
  let client = 0;
  // Many public clients behind a proxy the gateway trusts (GATEWAY_TRUST_PROXY=1 for this benchmark's gateway).
  const gatewayHeaders = async () => {
    const c = client++ % PUBLIC_CLIENTS;
    return { 'x-forwarded-for': `10.77.${c >> 8}.${c & 255}` };
  };
  const expectedRows = new Map(w.stages.map((s) => [s.id, w.partitions.filter((p) => p.stageId === s.id).reduce((a, p) => a + p.works.length, 0)]));
  let bytes = 0;
  /** `count` requests at `concurrency`, round-robin over the stages; latency of the good answers and of every answer, refusals by code. */
  const load = async (target: string, headers: () => Promise<Record<string, string>>, count: number, concurrency: number, capS: number) => {
    const lat: number[] = [];
    const every: number[] = [];
    const codes: Record<string, number> = {};
    let failed = 0;
    const r = await pool(count, concurrency, capS * 1000, async (i) => {
      const stage = w.stages[i % w.stages.length]!;
      const t = now();
      try {
        const res = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await headers()) },
          body: JSON.stringify({ query: PUBLIC, variables: { id: stage.id } }),
        });
        const text = await res.text();
        every.push(now() - t);
        const body = JSON.parse(text) as {
          data?: { olympiadPublicResults: Array<{ rows: unknown[] }> } | null;
          errors?: Array<{ extensions?: { code?: string } }>;
        };
        const rows = body.data?.olympiadPublicResults?.reduce((a, p) => a + p.rows.length, 0) ?? -1;
        if (res.status !== 200 || body.errors?.length || rows !== expectedRows.get(stage.id)) {
          const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`;
          codes[code] = (codes[code] ?? 0) + 1;
          failed++;
          return;
        }
        bytes = text.length;
        lat.push(now() - t);
      } catch (err) {
        every.push(now() - t);
        codes[String((err as Error).name)] = (codes[String((err as Error).name)] ?? 0) + 1;
        failed++;
      }
    });
    return { ...r, ok: lat.length, failed, codes, latencyMs: summary(lat), everyAnswerMs: summary(every), okPerSecond: lat.length / r.seconds };
  };
  const warmCap = Math.min(PUBLIC_CAP_S, 20);
  await load(direct, directHeaders, PUBLIC_WARMUP, PUBLIC_CONCURRENCY, warmCap);
  await load(platform.gatewayUrl, gatewayHeaders, PUBLIC_WARMUP, PUBLIC_CONCURRENCY, warmCap);
  // One at a time: what a single request costs, without queueing.
  const d1 = await load(direct, directHeaders, PUBLIC_SEQUENTIAL, 1, PUBLIC_CAP_S);
  const g1 = await load(platform.gatewayUrl, gatewayHeaders, PUBLIC_SEQUENTIAL, 1, PUBLIC_CAP_S);
  const meterD = await phaseMeter();
  const d = await load(direct, directHeaders, PUBLIC_REQUESTS, PUBLIC_CONCURRENCY, PUBLIC_CAP_S);
  const phD = await meterD();
  const meterG = await phaseMeter();
  const g = await load(platform.gatewayUrl, gatewayHeaders, PUBLIC_REQUESTS, PUBLIC_CONCURRENCY, PUBLIC_CAP_S);
  const phG = await meterG();
  const outcome = (x: typeof g) =>
    `${x.done} sent in ${round(x.seconds)} s${x.truncated ? ` (TRUNCATED by the ${PUBLIC_CAP_S} s cap)` : ''}, ${x.ok} good${x.failed ? `, ${x.failed} refused ${JSON.stringify(x.codes)}` : ''}`;
  row({
    section,
    metric: 'good answers/s',
    value: g.okPerSecond,
    unit: 'req/s',
    reference: d.okPerSecond,
    referenceLabel: 'direct subgraph answers/s',
    note: `gateway: ${outcome(g)}; direct: ${outcome(d)}; ${w.stages.length} stages round-robin, ~${Math.round(bytes / 1024)} KiB per answer`,
  });
  for (const p of ['p50', 'p99'] as const) {
    row({
      section,
      metric: `latency ${p} (good answers)`,
      value: g.latencyMs[p],
      unit: 'ms',
      reference: d.latencyMs[p],
      referenceLabel: `direct ${p}`,
      note:
        p === 'p99'
          ? `every answer, refusals included: gateway p50 ${round(g.everyAnswerMs.p50)} / p99 ${round(g.everyAnswerMs.p99)} ms, direct p50 ${round(d.everyAnswerMs.p50)} / p99 ${round(d.everyAnswerMs.p99)} ms`
          : undefined,
    });
  }
  row({
    section,
    metric: 'one at a time: latency p50',
    value: g1.latencyMs.p50,
    unit: 'ms',
    reference: d1.latencyMs.p50,
    referenceLabel: 'direct, one at a time, p50',
    note: `${PUBLIC_SEQUENTIAL} sequential requests each; p99 ${round(g1.latencyMs.p99)} vs ${round(d1.latencyMs.p99)} ms; gateway ${g1.failed} refused, direct ${d1.failed}`,
  });
  row({
    section,
    metric: 'cores used, via the gateway',
    value: phG.cpu.total,
    unit: 'cores',
    reference: phD.cpu.total,
    referenceLabel: 'cores used, direct',
    note: `gateway run: ${phG.cpu.note}; ${phG.dbNote}`,
  });
  details['public'] = {
    query: PUBLIC,
    concurrency: PUBLIC_CONCURRENCY,
    clients: PUBLIC_CLIENTS,
    answerBytes: bytes,
    gateway: { ...g, phase: phaseDetails(phG) },
    direct: { ...d, phase: phaseDetails(phD) },
    sequential: { gateway: g1, direct: d1 },
  };
};

// ---------------------------------------------------------------------------- 4. diagnosis: what the services' queries cost on this server

/**
 * Not a goal: the queries the measured paths make (read tables with their `_deleted` filter, the
 * event store's stream loads), sent straight to the contests database after the sections, each
 * timed (median of 5) and explained (FerretDB says whether it pushed the filter down to
 * PostgreSQL; a filter not pushed down is applied in FerretDB to every document of the collection).
 */
const diagnose = async (platform: RunningPlatform, w: World, mongo: MongoClient) => {
  const section = '4. diagnosis: the contests service’s queries on this database (median of 5, not a goal)';
  const db = mongo.db(platform.dbs.contests);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  // The active generation's collection of a logical name (`rm_contests_g<n>_<name>`; `students` is not `public_students`).
  const named = (logical: string) => names.filter((n) => new RegExp(`^rm_contests_g\\d+_${logical}$`).test(n)).sort((a, b) => b.localeCompare(a))[0] ?? logical;
  const sizes = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await db.collection(n).estimatedDocumentCount()] as const)));
  const live = { _deleted: { $exists: false } };
  const p = w.partitions[0]!;
  const stageRows = w.partitions.filter((x) => x.stageId === p.stageId);
  const studentIds = [...new Set(stageRows.flatMap((x) => x.works.map((wk) => wk.studentId)))];
  const codes = p.works.map((wk) => wk.code);
  const entryIds = p.works.slice(0, 100).map((wk) => `${p.stageId}~${wk.studentId}`);
  const queries: Array<{ label: string; used: string; collection: string; filter: Record<string, unknown>; sort?: Record<string, 1 | -1>; limit?: number }> = [
    {
      label: 'unpublished commits (the outbox relay’s poll)',
      used: 'OutboxRelay.publishBatch, every 200 ms when idle, in every service',
      collection: COMMITS_COLLECTION,
      filter: { published: false },
      limit: 500,
    },
    {
      label: `projection: partition rows by _id $in (${stageRows.length} ids)`,
      used: 'rowProjection batch read before b650d33 (now one findOne per row)',
      collection: named('partitions'),
      filter: { _id: { $in: stageRows.map((x) => x.id) } },
    },
    {
      label: `projection: entry rows by _id $in (${entryIds.length} ids)`,
      used: 'rowProjection batch read before b650d33 (entries; now one findOne per row)',
      collection: named('entries'),
      filter: { _id: { $in: entryIds } },
    },
    {
      label: `students by _id $in (${studentIds.length} ids)`,
      used: 'admissionList for a methodologist (olympiadPublicResults before the public tables)',
      collection: named('students'),
      filter: { _id: { $in: studentIds }, ...live },
    },
    { label: 'one student by _id', used: 'ProtocolRow.student, entries', collection: named('students'), filter: { _id: studentIds[0], ...live } },
    {
      label: 'a public revision by _id',
      used: 'olympiadPublicResults (publicResultsOf): the stage’s and each municipality’s, per request',
      collection: named('public_revisions'),
      filter: { _id: `stage~${p.stageId}` },
    },
    {
      label: 'public students of a school',
      used: 'olympiadPublicResults (publicResultsOf), once per school in the protocols',
      collection: named('public_students'),
      filter: { schoolId: w.schools[p.works[0]!.school], ...live },
    },
    {
      label: 'partitions of a stage',
      used: 'olympiadPublicResults when a revision moved, OlympiadStage.partitions',
      collection: named('partitions'),
      filter: { stageId: p.stageId, ...live },
      sort: { groupId: 1 },
    },
    { label: 'one partition by _id', used: 'olympiadPartition', collection: named('partitions'), filter: { _id: p.id, ...live } },
    {
      label: `entries by stage + code $in (${codes.length} codes)`,
      used: 'nothing now (score files before session 18)',
      collection: named('entries'),
      filter: { stageId: p.stageId, code: { $in: codes }, ...live },
    },
    {
      label: 'entries of a grade group (stage + group)',
      used: 'nothing now (score files and the jury assignment before session 21)',
      collection: named('entries'),
      filter: { stageId: p.stageId, groupId: p.groupId, ...live },
    },
    {
      label: 'a stage’s school entries (one row per school, entries packed)',
      used: 'codedWorks: a score file (once per import run), assignOlympiadWorks (once per stage)',
      collection: named('school_entries'),
      filter: { stageId: p.stageId, ...live },
    },
    {
      label: 'a partition stream’s commits',
      used: 'every partition command (publish, appeal, scores)',
      collection: COMMITS_COLLECTION,
      filter: { tenantId: w.municipality, streamId: `partition-${p.id}` },
      sort: { expectedVersion: 1 },
    },
    {
      label: 'a stage stream’s commits (located)',
      used: 'loadStage: every contests command and score-file group',
      collection: COMMITS_COLLECTION,
      filter: { streamId: `stage-${p.stageId}` },
      sort: { expectedVersion: 1 },
    },
  ];
  const out: unknown[] = [];
  for (const q of queries) {
    const coll = db.collection(q.collection);
    const times: number[] = [];
    let n = 0;
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const t = now();
      const docs = await coll.find(q.filter as never, { ...(q.sort ? { sort: q.sort } : {}), ...(q.limit ? { limit: q.limit } : {}) }).toArray();
      times.push(now() - t);
      n = docs.length;
      if (i === 0) bytes = JSON.stringify(docs).length;
    }
    let explain: Record<string, unknown> = {};
    try {
      explain = await db.command({
        explain: { find: q.collection, filter: q.filter, ...(q.sort ? { sort: q.sort } : {}), ...(q.limit ? { limit: q.limit } : {}) },
        verbosity: 'queryPlanner',
      });
    } catch (err) {
      explain = { error: String(err) };
    }
    const flags = Object.entries(explain)
      .filter(([k]) => /pushdown/i.test(k))
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ');
    const t = summary(times);
    row({
      section,
      metric: q.label,
      value: t.p50,
      unit: 'ms',
      note: `${n} of ${sizes[q.collection] ?? '?'} docs (${Math.round(bytes / 1024)} KiB); ${flags || 'no pushdown flag in explain'}; used by ${q.used}`,
    });
    out.push({
      ...q,
      filter: JSON.stringify(q.filter).slice(0, 300),
      ms: times.map((x) => round(x, 2)),
      docs: n,
      bytes,
      collectionSize: sizes[q.collection],
      explain,
    });
  }
  details['diagnosis'] = { collections: sizes, queries: out };
};

// ---------------------------------------------------------------------------- main

const main = async () => {
  const mongo = new MongoClient(MONGO_URL, { maxPoolSize: 10 });
  await mongo.connect();
  cleanups.push(() => mongo.close());
  const admin = new Kafka({ clientId: `bench-contests-${TS}`, brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  cleanups.push(() => admin.disconnect());

  const platform = await startPlatform({
    mongoUrl: MONGO_URL,
    kafkaBrokers: KAFKA_BROKERS,
    dbPrefix: 'bench',
    logPrefix: `${STAMP}-contests`,
    // The public section speaks for many clients behind one proxy (X-Forwarded-For).
    gatewayEnv: { GATEWAY_TRUST_PROXY: '1' },
  });
  const tSetup = now();
  const world = await setup(platform);
  // The read model catching up with the setup's commands (20,000 entries and their codes): measured too, it is the projection's pace.
  const tIdle = now();
  const catchUp = await phaseMeter();
  await waitIdle(mongo, admin, platform, 'setup', CAP_S * 1000);
  const idleMs = now() - tIdle;
  const catchUpPhase = await catchUp();
  log(`setup: read models caught up after ${(idleMs / 1000).toFixed(1)} s; ${catchUpPhase.dbNote}`);
  await checkEntries(platform, world);
  details['setup'] = {
    seconds: round((now() - tSetup) / 1000),
    ...setupTimes,
    catchUpAfterCommandsS: round(idleMs / 1000),
    catchUp: phaseDetails(catchUpPhase),
    schools: SCHOOLS,
    stages: world.stages.length,
    partitions: world.partitions.length,
  };
  log(`setup: ${((now() - tSetup) / 1000).toFixed(1)} s`);

  const sections: Array<[string, () => Promise<void>]> = [
    ['pipeline', () => benchPipeline(platform, world, mongo)],
    ['appeals', () => benchAppeals(platform, world, mongo, admin)],
    ['public', () => benchPublic(platform, world)],
    ['diagnosis', () => diagnose(platform, world, mongo)],
  ];
  let pipelineFailed = false;
  for (const [name, fn] of sections) {
    if (SKIP.has(name)) continue;
    if (pipelineFailed && name !== 'diagnosis') continue; // appeals and public results need the published protocols
    const t = now();
    log(`${name}: start`);
    try {
      await fn();
    } catch (err) {
      report.error(name, err);
      if (name === 'pipeline') pipelineFailed = true;
    }
    log(`${name}: ${((now() - t) / 1000).toFixed(1)}s`);
  }
  await cleanup();
  report.print();
  report.write(`${STAMP}-contests.json`, {
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
  report.write(`${STAMP}-contests.json`);
  process.exit(1);
});
