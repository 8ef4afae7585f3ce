import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  ensureDevKeys,
  INTERNAL_CONTEXT_HEADER,
  InternalContextSigner,
  mintUserToken,
  readPem,
  UserClaims,
  UserTokenVerifier,
} from '@mms/auth';
import { DirectoryContracts } from '@mms/contracts';
import { COMMITS_COLLECTION, EventEnvelope, fromStored, physicalName, StoredCommit, toMessage } from '@mms/eventsourcing';
import { bootstrapService, IMPORT_ROWS_COLLECTION, loadServiceConfig, MONGO_CLIENT } from '@mms/service-kit';
import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
// The gateway's upload route, mounted on a plain HTTP server here (the lead wires it into the gateway's own).
import { Authenticator } from '../../../../gateway/src/auth-context';
import { createUploadHandler } from '../../../../gateway/src/uploads/upload-proxy';
import { PdTopics, ProfessionalDevelopmentModule, professionalDevelopmentEventHandlers } from '../app.module';
import { EDUCATORS_PROJECTION } from '../pd.projection';

/**
 * A municipality's real file, through the gateway's upload route into the service's
 * POST /imports/diagnostics, on the real FerretDB and Kafka: 100,000 rows (IMPORT_TEST_ROWS)
 * for 10,000 educators (IMPORT_TEST_EDUCATORS). Progress is read through GraphQL while it
 * runs; half-way through applying, the service's database connection is cut (the process
 * dies as far as the import can tell) and a new instance on the same database resumes it.
 * Every valid line must end applied exactly once, every bad one reported.
 */
const ROWS = Number(process.env['IMPORT_TEST_ROWS'] ?? 100_000);
const EDUCATORS = Number(process.env['IMPORT_TEST_EDUCATORS'] ?? 10_000);
const AREAS = ['SUBJECT', 'METHODICAL', 'PSYCHOLOGY_PEDAGOGY', 'DIGITAL', 'FUNCTIONAL_LITERACY', 'INCLUSIVE', 'UPBRINGING', 'ASSESSMENT'];
const educatorId = (i: number) => `edu-${String(i).padStart(6, '0')}`;

/** Line numbers (the header is line 1) and why they are bad. */
const badLine = (line: number): 'future' | 'stranger' | 'number' | null => {
  if (line % 10_000 === 0) return 'future';
  if (line % 25_000 === 7) return 'stranger';
  if (line === 50_001) return 'number';
  return null;
};

const lineText = (line: number): string => {
  const i = line - 2;
  const edu = educatorId(i % EDUCATORS);
  const area = AREAS[Math.floor(i / EDUCATORS) % AREAS.length];
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (i % 12)).padStart(2, '0');
  switch (badLine(line)) {
    case 'future':
      return `${edu};${area};5;10;2099-${month}-${day}`;
    case 'stranger':
      return `stranger-${line};${area};5;10;2025-${month}-${day}`;
    case 'number':
      return `${edu};${area};five;10;2025-${month}-${day}`;
    default:
      return `${edu};${area};${i % 21};20;2025-${month}-${day}`;
  }
};

/** The file as the client sends it: produced while it is sent, in 64 KB chunks, paced a little. */
async function* file(): AsyncGenerator<Buffer> {
  let chunk: string[] = ['educator_id;area;score;max_score;taken_on'];
  let size = 0;
  for (let line = 2; line <= ROWS + 1; line++) {
    const text = lineText(line);
    chunk.push(text);
    size += text.length + 1;
    if (size >= 64 * 1024) {
      yield Buffer.from(chunk.join('\n') + '\n');
      chunk = [];
      size = 0;
      await new Promise((r) => setTimeout(r, 15));
    }
  }
  if (chunk.length) yield Buffer.from(chunk.join('\n') + '\n');
}

const PROGRESS = `query($id: ID!, $after: String) {
  diagnosticsImport(importId: $id) {
    status receivedLines valid rejected applied problemCount updatedAt failure { code message }
    problems(first: 200, after: $after) { nodes { line message } pageInfo { hasNextPage endCursor } }
  }
}`;

interface Sample {
  at: number;
  status: string;
  receivedLines: number;
  applied: number;
  updatedAt: string;
}

const mb = (n: number) => Math.round(n / 1024 / 1024);

describe('diagnostics upload of a municipality’s real file (100,000 rows) through the gateway, with a crash half-way', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'pd-upload-keys-'));
  const keys = ensureDevKeys(keysDir);
  const topics: PdTopics = { internal: uniqueTopic('pd-internal'), public: uniqueTopic('pd-public'), directory: uniqueTopic('directory') };
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let config: ReturnType<typeof loadServiceConfig>;
  let app: INestApplication | null = null;
  let pdUrl = '';
  let gateway: Server;
  let gatewayUrl = '';
  let signer: InternalContextSigner;
  const methodologist: UserClaims = { subject: 'meth-1', role: 'municipal_methodologist', municipalityId: 'mun-a', organizationId: null, educatorId: null };

  const startPd = async () => {
    app = await bootstrapService(ProfessionalDevelopmentModule.forRoot(config, topics), config, professionalDevelopmentEventHandlers(config, topics));
    pdUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  };

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const token = await signer.sign({ requestId: randomUUID(), correlationId: randomUUID(), user: methodologist });
    const res = await fetch(`${pdUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: token },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  beforeAll(async () => {
    // Short leases so the survivor takes over within seconds of the crash.
    Object.assign(process.env, { IMPORT_LEASE_MS: '3000', IMPORT_SWEEP_MS: '500', IMPORT_RETRY_MS: '500' });
    signer = await InternalContextSigner.fromPem(readPem(keys.internalPrivate));
    database = await testDatabase('pd_upload');
    config = loadServiceConfig(
      `pd-upload-${randomUUID().slice(0, 8)}`,
      { port: 0 },
      { ...process.env, PORT: '0', HOST: '127.0.0.1', MONGO_DB: database.name, INTERNAL_CONTEXT_PUBLIC_KEY_FILE: keys.internalPublic, LOG_LEVEL: 'error' },
    );
    await startPd();

    const upload = createUploadHandler({
      authenticator: new Authenticator(await UserTokenVerifier.fromPem(readPem(keys.userPublic), DEFAULT_ISSUER, DEFAULT_AUDIENCE)),
      signer,
      subgraphUrl: () => `${pdUrl}/graphql`,
      maxBytes: 256 * 1024 * 1024,
      logger: pino({ level: 'silent' }),
    });
    gateway = createServer((req, res) => void upload(req, res));
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;

    // The directory announces the municipality's educators (in batches, as its topic carries them).
    const producer = testBus('pd-upload').producer();
    for (let from = 0; from < EDUCATORS; from += 1000) {
      const batch = Array.from({ length: Math.min(1000, EDUCATORS - from) }, (_, k) => {
        const id = educatorId(from + k);
        const envelope: EventEnvelope = {
          eventId: randomUUID(),
          type: DirectoryContracts.EducatorRegistered.type,
          schemaVersion: 1,
          tenantId: 'mun-a',
          streamType: 'educator',
          streamId: `educator-${id}`,
          streamVersion: 1,
          occurredAt: new Date().toISOString(),
          correlationId: randomUUID(),
          causationId: null,
          actor: { subject: 'directory-test', role: 'municipal_methodologist' },
          data: {
            educatorId: id,
            municipalityId: 'mun-a',
            organizationId: `school-${(from + k) % 40}`,
            careerStartDate: '2012-09-01',
            position: 'учитель',
            subjects: ['математика'],
            qualificationCategory: 'NONE',
          },
        };
        return toMessage(envelope);
      });
      await producer.send(topics.directory, batch);
    }
    await producer.disconnect();
    const educators = database.db.collection(physicalName(EDUCATORS_PROJECTION, 1, 'educators'));
    await waitFor(async () => (await educators.countDocuments({})) >= EDUCATORS, {
      what: `${EDUCATORS} educators in the read model`,
      timeoutMs: 300_000,
      intervalMs: 1000,
    });
  }, 600_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await new Promise((r) => gateway?.close(r));
    await database?.drop();
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('streams in with progress, survives a crash while applying, and ends with every valid line applied exactly once and every bad one reported', async () => {
    const importId = `big-${randomUUID().slice(0, 8)}`;
    const token = await mintUserToken(readPem(keys.userPrivate), { subject: 'meth-1', role: 'municipal_methodologist', municipality: 'mun-a' });
    const expectedBad = Array.from({ length: ROWS }, (_, i) => i + 2).filter((l) => badLine(l) !== null);
    const expectedValid = ROWS - expectedBad.length;

    const samples: Sample[] = [];
    let polling = true;
    let memory = { rss: 0, heap: 0 };
    const heapBefore = process.memoryUsage().heapUsed;
    const poll = (async () => {
      while (polling) {
        try {
          const p = (await gql(PROGRESS, { id: importId })).diagnosticsImport;
          if (p) samples.push({ at: Date.now(), status: p.status, receivedLines: p.receivedLines, applied: p.applied, updatedAt: p.updatedAt });
        } catch {
          // The service is down between the crash and the restart.
        }
        const m = process.memoryUsage();
        memory = { rss: Math.max(memory.rss, m.rss), heap: Math.max(memory.heap, m.heapUsed) };
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    // Upload through the gateway route, the body streamed (chunked, no length).
    const started = Date.now();
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(`${gatewayUrl}/imports/diagnostics?importId=${importId}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      });
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
      });
      req.on('error', reject);
      Readable.from(file()).pipe(req);
    });
    const received = Date.now();
    expect(answer.status).toBe(202);
    // Lines refused by their own content are known once the file is in; strangers only after the educators are checked.
    const byContent = expectedBad.filter((l) => badLine(l) !== 'stranger').length;
    expect(answer.body.import).toMatchObject({ importId, receivedLines: ROWS, rejected: byContent, onInvalid: 'SKIP_LINE' });
    expect(['VALIDATING', 'APPLYING']).toContain(answer.body.import.status);

    // Half-way through applying, the process "dies": its database connection is cut mid-write.
    const before = await waitFor(() => samples.find((s) => s.status === 'APPLYING' && s.applied >= expectedValid * 0.3) ?? null, {
      what: 'applying under way',
      timeoutMs: 600_000,
      intervalMs: 200,
    });
    const validated = samples.find((s) => s.status === 'APPLYING')!.at;
    await (app!.get(MONGO_CLIENT) as MongoClient).close(true);
    const crashedAt = Date.now();
    await app!.close().catch(() => undefined);
    app = null;
    await startPd(); // a new instance on the same database: its sweep resumes the import once the dead run's lease passed

    const done = await waitFor(
      async () => {
        const last = samples.at(-1);
        return last?.status === 'DONE' ? last : null;
      },
      { what: 'the import DONE', timeoutMs: 900_000, intervalMs: 500 },
    );
    polling = false;
    await poll;

    // Progress was visible while it ran: lines arriving while the client still sent, rows applied before it ended.
    expect(samples.some((s) => s.status === 'RECEIVING' && s.receivedLines > 0 && s.receivedLines < ROWS)).toBe(true);
    expect(samples.some((s) => s.status === 'APPLYING' && s.applied > 0 && s.applied < expectedValid)).toBe(true);

    // The per-line report, paged: exactly the bad lines, each with why (a 2099 date in the manual entry's words).
    const report: Array<{ line: number; message: string }> = [];
    let after: string | null = null;
    let final: any;
    do {
      final = (await gql(PROGRESS, { id: importId, after })).diagnosticsImport;
      report.push(...final.problems.nodes);
      after = final.problems.pageInfo.hasNextPage ? final.problems.pageInfo.endCursor : null;
    } while (after);
    expect(final).toMatchObject({
      status: 'DONE',
      failure: null,
      receivedLines: ROWS,
      valid: expectedValid,
      applied: expectedValid,
      rejected: expectedBad.length,
    });
    expect(report.map((p) => p.line).sort((a, b) => a - b)).toEqual(expectedBad);
    const why = (kind: string) => report.find((p) => p.line === expectedBad.find((l) => badLine(l) === kind))?.message;
    expect(why('future')).toMatch(/^taken_on "2099-\d\d-\d\d" must not be in the future \(today is \d{4}-\d\d-\d\d\)$/);
    expect(why('stranger')).toBe('educator stranger-7 is not an active educator of this municipality');
    if (ROWS > 50_000) expect(why('number')).toBe('score "five" is not a number');

    // Nothing lost, nothing doubled: one commit per educator, every valid line's result exactly once.
    const commits = database.db.collection<StoredCommit>(COMMITS_COLLECTION);
    const perStream = new Map<string, number>();
    const resultIds = new Set<string>();
    let results = 0;
    for await (const c of commits.find({ streamType: 'development' }).map(fromStored)) {
      perStream.set(c.streamId, (perStream.get(c.streamId) ?? 0) + 1);
      for (const e of c.events as Array<{ type: string; data: { resultId?: string; importId?: string } }>) {
        if (e.type !== 'DiagnosticResultRecorded' || e.data.importId !== importId) continue;
        results++;
        resultIds.add(e.data.resultId!);
      }
    }
    // Every educator with a valid line has one stream (edu-009998's ten lines are all dated 2099: none).
    const withValidLines = new Set(
      Array.from({ length: ROWS }, (_, i) => i + 2)
        .filter((l) => badLine(l) === null)
        .map((l) => `development-${educatorId((l - 2) % EDUCATORS)}`),
    );
    expect([...perStream.keys()].sort()).toEqual([...withValidLines].sort());
    expect([...perStream.values()].every((n) => n === 1)).toBe(true);
    expect([results, resultIds.size]).toEqual([expectedValid, expectedValid]);
    expect(await commits.countDocuments({ streamId: `diagnostic-import-${importId}` })).toBe(1);
    expect(await database.db.collection(IMPORT_ROWS_COLLECTION).countDocuments({})).toBe(0); // staging cleared

    // The figures (README, "Imports"): printed, not asserted.
    const firstApplying = samples.find((s) => s.status === 'APPLYING')!;
    // The survivor's first write after the crash (the record's own time).
    const resumedAt = samples.find((s) => Date.parse(s.updatedAt) > crashedAt)!.at;
    const applyBefore = (before.applied - firstApplying.applied) / ((before.at - firstApplying.at) / 1000);
    const applyAfter = (done.applied - before.applied) / ((done.at - resumedAt) / 1000);
    console.log(
      JSON.stringify({
        rows: ROWS,
        educators: EDUCATORS,
        receiveSeconds: (received - started) / 1000,
        receiveRowsPerSecond: Math.round(ROWS / ((received - started) / 1000)),
        validateSeconds: (validated - received) / 1000,
        applyRowsPerSecondBeforeCrash: Math.round(applyBefore),
        applyRowsPerSecondAfterResume: Math.round(applyAfter),
        resumedAfterCrashSeconds: (resumedAt - crashedAt) / 1000,
        totalSeconds: (done.at - started) / 1000,
        peakRssMb: mb(memory.rss),
        peakHeapMb: mb(memory.heap),
        heapBeforeMb: mb(heapBefore),
      }),
    );
  }, 1_800_000);
});
