import { ferretControl, waitFor } from '@mms/testing/infra';
import { Platform, ServiceName, startPlatform } from '../platform-harness';
import {
  byCode,
  cohortSeats,
  coordinatorOf,
  directoryEducators,
  duplicates,
  educatorInput,
  enrolledEducators,
  FAULT_GATEWAY_ENV,
  GQL,
  indicators,
  pause,
  pdEducators,
  overlaps,
  Region,
  registerKnown,
  report,
  seconds,
  send,
  Sent,
  setUpRegion,
  waitOrExplain,
  diagnosis,
} from './fault-kit';

/**
 * FerretDB restarted under load (issue 9 §6). While the database is gone, writes and reads
 * get a typed error a client may retry (never an internal error, never an answer later than
 * the deadline), every service says it is not ready, and none needs a restart afterwards.
 * Every accepted command is then visible exactly once; a write whose answer was an error is
 * either absent or, when the database took it before the connection dropped, there once.
 */
const ferret = ferretControl();
const SERVICES: ServiceName[] = ['directory', 'professional-development', 'monitoring'];
const BASE = 20; // known everywhere before the outage; they apply for the cohort under load
const MIN_OUTAGE_MS = 12_000;
/** Readiness waits this long for the database (packages/service-kit health controller). */
const DATABASE_PROBE_MS = 2000;
/** The methodologist's deadline at the gateway (README "limits"), and some room for the answer to travel. */
const DEADLINE_MS = 10_000;
const SLACK_MS = 3_000;
/** Typed answers that tell a client to try again later. */
const RO_DEADLINE_MS = 15_000;
const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'DEADLINE_EXCEEDED', 'IDENTITY_CHECK_UNAVAILABLE']);

/** Load: registrations (tagged by attempt), the known educators' applications, and reads as a methodologist and as the regional operator. */
interface Attempt extends Sent {
  kind: 'register' | 'apply' | 'read' | 'read-ro';
}

(ferret ? describe : describe.skip)('fault: FerretDB restarted under load', () => {
  let p: Platform;
  let stopped = false;

  beforeAll(async () => {
    p = await startPlatform('fferret', SERVICES, { gatewayEnv: FAULT_GATEWAY_ENV });
  });
  afterAll(async () => {
    if (stopped) await ferret!.startAsync(); // never leave the database down for later suites
    await p?.stop();
  });

  it('answers with typed retryable errors while it is down, recovers without restarts, and shows every accepted command once', async () => {
    const region: Region = await setUpRegion(p, 'fferret', { schools: 3, seats: BASE + 10 });
    const base = await registerKnown(p, region, 'base', BASE, { pd: true, monitoring: true });

    let running = true;
    const sent: Attempt[] = [];
    let attempt = 0;
    let applied = 0;
    const writer = async () => {
      while (running) {
        const i = attempt++;
        if (applied < BASE && i % 3 === 2) {
          const k = applied++;
          const s = await send(() => p.gql(coordinatorOf(region, k), GQL.APPLY, { input: { cohortId: region.cohortId, educatorId: base[k] } }), k);
          sent.push({ ...s, kind: 'apply' });
        } else {
          sent.push({ ...(await send(() => p.gql(region.meth, GQL.REGISTER_EDU, { input: educatorInput(region, 'load', i) }), i)), kind: 'register' });
        }
        await pause(50);
      }
    };
    const reader = async () => {
      while (running) {
        sent.push({ ...(await send(() => p.gql(region.meth, GQL.INDICATORS))), kind: 'read' });
        sent.push({ ...(await send(() => p.gql(region.meth, GQL.EDUCATORS, { after: null }))), kind: 'read' });
        // The regional operator's deadline (15 s) is longer than the driver's wait for a server (10 s).
        sent.push({ ...(await send(() => p.gql(region.ro, GQL.INDICATORS_OF, { m: region.id }))), kind: 'read-ro' });
        await pause(200);
      }
    };
    const load = Promise.all([writer(), writer(), writer(), writer(), reader()]);

    const readiness: { service: ServiceName; during: boolean; status: number; ms: number }[] = [];
    const probe = async (during: boolean) =>
      Promise.all(
        SERVICES.map(async (service) => {
          const started = Date.now();
          const r = await p.readiness(service);
          readiness.push({ service, during, status: r.status, ms: Date.now() - started });
          return r.status;
        }),
      );

    await waitFor(async () => sent.filter((w) => w.accepted && w.kind === 'register').length >= 10, { what: 'load running', timeoutMs: 30000 });
    const outageStart = Date.now();
    let notReadyAfterMs = 0;
    let outageEnd = 0;
    try {
      stopped = true;
      await ferret!.stopAsync();
      const down = Date.now();
      // Every service says it is not ready while its database is gone, and says so promptly.
      await waitFor(async () => (await probe(true)).every((s) => s === 503), { what: 'every service not ready', timeoutMs: 20000, intervalMs: 250 });
      notReadyAfterMs = Date.now() - down;
      while (Date.now() - outageStart < MIN_OUTAGE_MS) {
        await probe(true);
        await pause(500);
      }
    } finally {
      await ferret!.startAsync();
      stopped = false;
      outageEnd = Date.now();
    }
    // The same processes recover by themselves.
    await waitFor(async () => (await probe(false)).every((s) => s === 200), { what: 'every service ready again', timeoutMs: 60000, intervalMs: 250 }).catch(
      async (err: Error) => {
        const why = await Promise.all(SERVICES.map(async (s) => `${s}: ${JSON.stringify((await p.readiness(s)).body)}\n${p.logs(s, 1500)}`));
        throw new Error(`${err.message}\n${why.join('\n')}`);
      },
    );
    const readyAfterMs = Date.now() - outageEnd;
    await waitFor(async () => sent.filter((w) => w.accepted && w.kind === 'register' && w.at > outageEnd).length >= 10, {
      what: 'writes accepted again',
      timeoutMs: 60000,
    });
    const writesBackMs = Math.min(...sent.filter((w) => w.accepted && w.kind === 'register' && w.at > outageEnd).map((w) => w.at + w.ms)) - outageEnd;
    running = false;
    await load;

    // What the client saw: accepted, or a typed error it may retry, never later than its deadline.
    const during = sent.filter((w) => overlaps(w, outageStart, outageEnd));
    const failed = sent.filter((w) => !w.accepted);
    const untyped = failed.filter((f) => !RETRYABLE.has(f.code ?? ''));
    if (untyped.length)
      throw new Error(
        `answers a client cannot retry: ${JSON.stringify(untyped)}\n${await diagnosis(
          p,
          SERVICES,
          untyped.map((u) => u.at + u.ms),
        )}`,
      );
    expect(failed.filter((f) => f.ms > (f.kind === 'read-ro' ? RO_DEADLINE_MS : DEADLINE_MS) + SLACK_MS)).toEqual([]);
    expect(during.filter((w) => !w.accepted).length).toBeGreaterThan(0); // the outage was felt
    expect(readiness.filter((r) => r.during && r.status !== 503 && r.status !== 200)).toEqual([]);
    expect(Math.max(...readiness.map((r) => r.ms))).toBeLessThan(DATABASE_PROBE_MS + 1000);

    // The client retries its failed applications: each is taken now, or was taken already.
    const applications = sent.filter((w) => w.kind === 'apply');
    const retried = await Promise.all(
      applications
        .filter((a) => !a.accepted)
        .map((a) => send(() => p.gql(coordinatorOf(region, a.i), GQL.APPLY, { input: { cohortId: region.cohortId, educatorId: base[a.i] } }), a.i)),
    );
    expect(retried.filter((r) => !r.accepted && r.code !== 'ALREADY_ENROLLED')).toEqual([]);

    // Every accepted registration is listed once; a failed one is absent, or there once when
    // the database stored it before the answer was lost.
    const registrations = sent.filter((w) => w.kind === 'register');
    const acceptedAttempts = new Set(registrations.filter((w) => w.accepted).map((w) => w.i));
    const failedAttempts = new Set(registrations.filter((w) => !w.accepted).map((w) => w.i));
    const convergeFrom = Date.now();
    await waitOrExplain(p, SERVICES, async () => (await directoryEducators(p, region.meth)).length >= BASE + acceptedAttempts.size, {
      what: 'directory shows the accepted registrations',
      timeoutMs: 60000,
    });
    const listed = await directoryEducators(p, region.meth);
    const attemptOf = (name: string | null) => Number(/ load (\d+)$/.exec(name ?? '')?.[1] ?? NaN);
    const listedAttempts = listed.map((e) => attemptOf(e.fullName)).filter((i) => !Number.isNaN(i));
    const visible = new Set(listedAttempts);
    expect(duplicates(listed.map((e) => e.id))).toEqual([]);
    expect(duplicates(listedAttempts.map(String))).toEqual([]);
    const missing = [...acceptedAttempts].filter((i) => !visible.has(i));
    if (missing.length) throw new Error(`accepted registrations not listed: ${JSON.stringify(missing)}\n${await diagnosis(p, SERVICES)}`);
    const storedThoughFailed = [...visible].filter((i) => !acceptedAttempts.has(i));
    expect(storedThoughFailed.filter((i) => !failedAttempts.has(i))).toEqual([]);
    expect(listed).toHaveLength(BASE + visible.size);

    // Every read model fed by them counts each once.
    const expected = BASE + visible.size;
    await waitOrExplain(p, SERVICES, async () => (await pdEducators(p, region)) >= expected, { what: 'PD counts them', timeoutMs: 60000 });
    await waitOrExplain(p, SERVICES, async () => (await indicators(p, region)).educators >= expected, { what: 'monitoring counts them', timeoutMs: 60000 });
    await waitOrExplain(p, SERVICES, async () => (await cohortSeats(p, region)).held >= applications.length, { what: 'seats held', timeoutMs: 60000 });
    const convergedMs = Date.now() - convergeFrom;
    const pd = await pdEducators(p, region);
    const counts = await indicators(p, region);
    const seats = await cohortSeats(p, region);
    const enrolled = await enrolledEducators(p, region);
    expect(pd).toBe(expected);
    expect(counts.educators).toBe(expected);
    expect(seats.held).toBe(applications.length);
    expect(duplicates(enrolled)).toEqual([]);
    expect(new Set(enrolled)).toEqual(new Set(applications.map((a) => base[a.i])));

    const readinessDuring = readiness.filter((r) => r.during);
    report('FerretDB restarted under load', {
      outage: `${seconds(outageEnd - outageStart)} (stop to start done)`,
      'requests sent': `${sent.length}: ${registrations.length} registerEducator, ${applications.length} applyForCohort, ${sent.length - registrations.length - applications.length} reads`,
      'answers, all': byCode(sent),
      'answers in flight during the outage': byCode(during),
      'slowest failed answer': `${Math.max(0, ...failed.map((f) => f.ms))} ms (deadline ${DEADLINE_MS} ms, regional operator ${RO_DEADLINE_MS} ms)`,
      readiness: `${readinessDuring.length} probes during the outage: ${JSON.stringify(byStatus(readinessDuring))}, slowest ${Math.max(...readinessDuring.map((r) => r.ms))} ms; all not ready ${seconds(notReadyAfterMs)} after the stop; all ready ${seconds(readyAfterMs)} after the start, no restart`,
      'first write accepted after the start': seconds(writesBackMs),
      'applications retried': `${retried.length}: ${JSON.stringify(byCode(retried))}`,
      'registrations visible': `${visible.size} = ${acceptedAttempts.size} accepted + ${storedThoughFailed.length} stored though the answer was an error (of ${failedAttempts.size} failed); none twice`,
      'read models': `directory ${listed.length}, PD ${pd}, monitoring ${counts.educators} (expected ${expected}); seats held ${seats.held} = ${applications.length} applications, ${enrolled.length} enrolments`,
      'time to converge': seconds(convergedMs),
    });
  });
});

const byStatus = (rs: { status: number }[]) =>
  rs.reduce<Record<string, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});
