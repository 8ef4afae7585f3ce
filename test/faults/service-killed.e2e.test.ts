import { randomUUID } from 'node:crypto';
import { waitFor } from '@mms/testing/infra';
import { Platform, ServiceName, startPlatform } from '../platform-harness';
import {
  burst,
  byCode,
  cohortSeats,
  coordinatorOf,
  directoryEducators,
  duplicates,
  educatorInput,
  enrolledEducators,
  FAULT_GATEWAY_ENV,
  GQL,
  pause,
  pdEducators,
  Region,
  registerKnown,
  report,
  seconds,
  send,
  Sent,
  setUpRegion,
} from './fault-kit';

/**
 * A service killed with SIGKILL mid-burst and restarted, with client retries (issue 9 §6).
 * Every mutation carries its own Idempotency-Key. The directory and professional development
 * are killed while registrations and applications are in flight, then started again on the
 * same port and database. The client sends every mutation that got no good answer again with
 * the same key until it is answered, and sends some answered ones again too: at the end every
 * command is there exactly once (one educator per registration, one enrolment per application,
 * seats held counted once), and every retry of an answered one returned the same entity.
 */
const BASE = 40; // known to PD before the burst: they apply during it
const NEW = 120; // registered during the burst
const KILLED: ServiceName[] = ['directory', 'professional-development'];

interface Command {
  kind: 'register' | 'apply';
  /** Attempt index (registrations) or base educator index (applications). */
  n: number;
  key: string;
  first: Sent;
  final?: Sent;
  tries: number;
}

/** The answers a client may retry: a service or the identity check unreachable, a deadline passed. */
const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'IDENTITY_CHECK_UNAVAILABLE', 'DEADLINE_EXCEEDED']);

describe('fault: a service killed with SIGKILL mid-burst, clients retrying with Idempotency-Key', () => {
  let p: Platform;

  beforeAll(async () => {
    p = await startPlatform('fkill', KILLED, { gatewayEnv: FAULT_GATEWAY_ENV });
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('every command is visible exactly once after the restart and the retries', async () => {
    const region: Region = await setUpRegion(p, 'fkill', { schools: 4, seats: BASE + 10 });
    const base = await registerKnown(p, region, 'base', BASE, { pd: true });

    const call = (kind: Command['kind'], n: number, key: string) =>
      kind === 'apply'
        ? p.gql(coordinatorOf(region, n), GQL.APPLY, { input: { cohortId: region.cohortId, educatorId: base[n] } }, { 'Idempotency-Key': key })
        : p.gql(region.meth, GQL.REGISTER_EDU, { input: educatorInput(region, 'burst', n) }, { 'Idempotency-Key': key });
    // Every fourth command is an application (BASE of them), the rest registrations.
    const plan = Array.from({ length: NEW + BASE }, (_, i) =>
      i % 4 === 3 ? { kind: 'apply' as const, n: i >> 2, key: `k-${randomUUID()}` } : { kind: 'register' as const, n: i, key: `k-${randomUUID()}` },
    );

    // The burst; once a third of it is answered, both services are killed.
    let answered = 0;
    let killedAt = 0;
    const killing = waitFor(async () => answered >= plan.length / 3, { what: 'a third answered', timeoutMs: 60000, intervalMs: 10 }).then(async () => {
      killedAt = Date.now();
      await Promise.all(KILLED.map((s) => p.kill(s, 'SIGKILL')));
    });
    const firsts = await burst(plan.length, 6, async (i) => {
      const r = await call(plan[i]!.kind, plan[i]!.n, plan[i]!.key);
      answered++;
      return r;
    });
    await killing;
    const commands: Command[] = plan.map((c, i) => ({ ...c, first: firsts[i]!, tries: 1 }));
    const inFlightAtKill = firsts.filter((s) => s.at < killedAt && s.at + s.ms >= killedAt).length;
    const unanswered = commands.filter((c) => !c.first.accepted);

    // Started again on the same port and database, while the client keeps retrying.
    const restartedAt = Date.now();
    const restarting = Promise.all(KILLED.map((s) => p.restart(s, { readyTimeoutMs: 90000 })));
    const retryCodes: Record<string, number> = {};
    const retryAll = async () => {
      for (const c of commands.filter((x) => !x.first.accepted)) {
        while (!c.final?.accepted) {
          if (Date.now() - restartedAt > 120000) throw new Error(`retries never got an answer: ${JSON.stringify(retryCodes)}`);
          c.tries++;
          c.final = await send(() => call(c.kind, c.n, c.key), c.n);
          if (!c.final.accepted) {
            retryCodes[c.final.code ?? `HTTP_${c.final.status}`] = (retryCodes[c.final.code ?? `HTTP_${c.final.status}`] ?? 0) + 1;
            await pause(500);
          }
        }
      }
    };
    await Promise.all([restarting, retryAll()]);
    const allAnsweredMs = Date.now() - restartedAt;
    // What the client saw while a service was gone: typed, retryable codes only, never a masked internal error.
    const failedCodes = [...unanswered.map((c) => c.first.code ?? `HTTP_${c.first.status}`), ...Object.keys(retryCodes)];
    expect(failedCodes.filter((code) => !RETRYABLE.has(code))).toEqual([]);
    for (const c of commands) if (c.first.accepted) c.final = c.first;
    expect(commands.filter((c) => !c.final?.accepted)).toEqual([]);

    // A retry of a command that was answered changes nothing and answers the same entity.
    const idOf = (c: Command, s: Sent) => (c.kind === 'apply' ? s.data.applyForCohort.id : s.data.registerEducator.id) as string;
    const again = commands.filter((c) => c.first.accepted).filter((_, i) => i % 5 === 0);
    const repeated = await Promise.all(again.map((c) => send(() => call(c.kind, c.n, c.key), c.n)));
    expect(repeated.filter((r) => !r.accepted)).toEqual([]);
    expect(repeated.map((r, i) => idOf(again[i]!, r))).toEqual(again.map((c) => idOf(c, c.first)));

    // Every command exactly once in the read models.
    const registrations = commands.filter((c) => c.kind === 'register');
    const applications = commands.filter((c) => c.kind === 'apply');
    const educatorIds = new Set([...base, ...registrations.map((c) => idOf(c, c.final!))]);
    await waitFor(async () => (await directoryEducators(p, region.meth)).length >= educatorIds.size, { what: 'directory converges', timeoutMs: 90000 });
    await waitFor(async () => (await cohortSeats(p, region)).held >= applications.length, { what: 'seats converge', timeoutMs: 90000 });
    await waitFor(async () => (await pdEducators(p, region)) >= educatorIds.size, { what: 'PD converges', timeoutMs: 90000 });
    const convergedMs = Date.now() - restartedAt;
    const listed = await directoryEducators(p, region.meth);
    const names = listed.map((e) => e.fullName ?? '');
    const seats = await cohortSeats(p, region);
    const enrolled = await enrolledEducators(p, region);
    const pd = await pdEducators(p, region);
    expect(duplicates(listed.map((e) => e.id))).toEqual([]);
    expect(duplicates(names)).toEqual([]);
    expect(new Set(listed.map((e) => e.id))).toEqual(educatorIds);
    expect(seats).toEqual({ seats: BASE + 10, held: BASE, free: 10 });
    expect(duplicates(enrolled)).toEqual([]);
    expect(new Set(enrolled)).toEqual(new Set(base));
    expect(pd).toBe(educatorIds.size);

    const retried = commands.filter((c) => !c.first.accepted);
    report('service killed with SIGKILL mid-burst, clients retrying', {
      'commands sent': `${commands.length} (${registrations.length} registerEducator, ${applications.length} applyForCohort), each with its own Idempotency-Key`,
      'kill landed': `${KILLED.join(' + ')} after ${firsts.filter((s) => s.at + s.ms < killedAt).length} answers, ${inFlightAtKill} in flight`,
      'first answers': byCode(firsts),
      'retried (no good answer)': `${retried.length} commands, ${retried.reduce((n, c) => n + c.tries - 1, 0)} retries; failed retries by code ${JSON.stringify(retryCodes)}`,
      'all answered': `${seconds(allAnsweredMs)} after the restart began`,
      'answered ones sent again': `${again.length}, each answered with the same id, nothing added`,
      'directory list': `${listed.length} educators, ${new Set(listed.map((e) => e.id)).size} distinct ids and names = ${BASE} + ${registrations.length} registrations`,
      'cohort seats': `${seats.held} held of ${seats.seats}, ${enrolled.length} enrolments of ${new Set(enrolled).size} educators = ${applications.length} applications`,
      'PD educators': `${pd}`,
      'time to converge': seconds(convergedMs),
    });
    expect(unanswered.length).toBeGreaterThan(0); // the kill was felt
  });
});
