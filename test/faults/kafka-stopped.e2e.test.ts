import { kafkaControl } from '@mms/testing/infra';
import { Platform, startPlatform } from '../platform-harness';
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
  indicators,
  isYoung,
  pause,
  pdEducators,
  Region,
  registerKnown,
  report,
  seconds,
  send,
  Sent,
  setUpRegion,
  waitOrExplain,
} from './fault-kit';

/**
 * Kafka stopped under writes (issue 9 §6). Commands only append to the event store (the
 * outbox), so every one is accepted while the broker is gone; reads answer from the read
 * models as they were. When the broker is back, the relay delivers the backlog and every
 * accepted command shows exactly once in each read model it feeds: the directory's list,
 * professional development's seats and educators, monitoring's counts.
 */
const kafka = kafkaControl();
const BASE = 30; // known everywhere before the outage; they apply for the cohort during it
const NEW = 90; // registered during the outage, across the schools
const MIN_OUTAGE_MS = 12_000;

(kafka ? describe : describe.skip)('fault: Kafka stopped under writes', () => {
  let p: Platform;
  let stopped = false;

  beforeAll(async () => {
    p = await startPlatform('fkafka', ['directory', 'professional-development', 'monitoring'], { gatewayEnv: FAULT_GATEWAY_ENV });
  });
  afterAll(async () => {
    if (stopped) await kafka!.startAsync(); // never leave the broker down for later suites
    await p?.stop();
  });

  it('accepts every write during the outage and shows each exactly once in every read model afterwards', async () => {
    const region: Region = await setUpRegion(p, 'fkafka', { schools: 3, seats: BASE + 10 });
    const base = await registerKnown(p, region, 'base', BASE, { pd: true, monitoring: true });

    // The outage: the broker is stopped (gracefully, as an operator or a crash-restart would).
    const outageStart = Date.now();
    stopped = true;
    await kafka!.stopAsync();
    const stopMs = Date.now() - outageStart;
    let writes: Sent[] = [];
    const reads: { what: string; ok: boolean; value: unknown }[] = [];
    try {
      // Registrations for new educators and applications of the known ones, mixed, 6 at a time.
      writes = await burst(NEW + BASE, 6, (i) =>
        i % 4 === 3 && i >> 2 < BASE
          ? p.gql(coordinatorOf(region, i >> 2), GQL.APPLY, { input: { cohortId: region.cohortId, educatorId: base[i >> 2] } })
          : p.gql(region.meth, GQL.REGISTER_EDU, { input: educatorInput(region, 'outage', i) }),
      );
      // Reads while the broker stays down: they answer, from the read models as they were.
      do {
        const list = await send(() => p.gql(region.meth, GQL.EDUCATORS, { after: null }));
        reads.push({ what: 'directory list', ok: list.accepted, value: list.data?.educators?.nodes?.length });
        const seats = await send(() => p.gql(region.meth, GQL.COHORT, { id: region.cohortId }));
        reads.push({ what: 'cohort held', ok: seats.accepted, value: seats.data?.cohort?.held });
        const counts = await send(() => p.gql(region.meth, GQL.INDICATORS));
        reads.push({ what: 'monitoring educators', ok: counts.accepted, value: counts.data?.municipalityIndicators?.educators });
        await pause(250);
      } while (Date.now() - outageStart < MIN_OUTAGE_MS);
    } finally {
      await kafka!.startAsync();
      stopped = false;
    }
    const outageMs = Date.now() - outageStart;
    const backAt = Date.now();

    const registrations = writes.filter((w) => !(w.i % 4 === 3 && w.i >> 2 < BASE));
    const applications = writes.filter((w) => w.i % 4 === 3 && w.i >> 2 < BASE);
    // What the client saw during the outage: every write accepted, every read answered.
    expect(byCode(writes)).toEqual({ OK: writes.length });
    expect(reads.every((r) => r.ok)).toBe(true);
    // Nothing the outage wrote could reach a read model: they show the state before it.
    expect(reads.filter((r) => r.what === 'directory list').every((r) => r.value === BASE)).toBe(true);
    expect(reads.filter((r) => r.what === 'cohort held').every((r) => r.value === 0)).toBe(true);
    expect(reads.filter((r) => r.what === 'monitoring educators').every((r) => r.value === BASE)).toBe(true);

    const accepted = new Set([...base, ...registrations.map((w) => w.data.registerEducator.id as string)]);
    const young = BASE / 3 + registrations.filter((w) => isYoung(w.i)).length;
    // After the broker is back: each accepted command once in every read model it feeds.
    await waitOrExplain(
      p,
      ['directory', 'professional-development', 'monitoring'],
      async () => (await directoryEducators(p, region.meth)).length >= accepted.size,
      { what: 'directory catches up', timeoutMs: 120000 },
    );
    await waitOrExplain(p, ['directory', 'professional-development', 'monitoring'], async () => (await cohortSeats(p, region)).held >= applications.length, {
      what: 'cohort seats catch up',
      timeoutMs: 120000,
    });
    await waitOrExplain(p, ['directory', 'professional-development', 'monitoring'], async () => (await pdEducators(p, region)) >= accepted.size, {
      what: 'PD catches up',
      timeoutMs: 120000,
    });
    await waitOrExplain(p, ['directory', 'professional-development', 'monitoring'], async () => (await indicators(p, region)).educators >= accepted.size, {
      what: 'monitoring catches up',
      timeoutMs: 120000,
    });
    const convergedMs = Date.now() - backAt;

    const listed = (await directoryEducators(p, region.meth)).map((e) => e.id);
    const enrolled = await enrolledEducators(p, region);
    const seats = await cohortSeats(p, region);
    const counts = await indicators(p, region);
    const pd = await pdEducators(p, region);
    expect(duplicates(listed)).toEqual([]);
    expect(new Set(listed)).toEqual(accepted);
    expect(duplicates(enrolled)).toEqual([]);
    expect(new Set(enrolled)).toEqual(new Set(applications.map((w) => base[w.i >> 2])));
    expect(seats).toEqual({ seats: BASE + 10, held: applications.length, free: BASE + 10 - applications.length });
    expect(counts).toEqual({ educators: accepted.size, youngTeachers: young });
    expect(pd).toBe(accepted.size);

    report('Kafka stopped under writes', {
      outage: `${seconds(outageMs)} (broker stop took ${seconds(stopMs)})`,
      'commands sent during it': `${writes.length} (${registrations.length} registerEducator, ${applications.length} applyForCohort)`,
      'answers during it': byCode(writes),
      'write latency during it': `max ${Math.max(...writes.map((w) => w.ms))} ms`,
      'reads during it': `${reads.length}, all answered, showing the state before the outage (list ${BASE}, held 0, monitoring ${BASE})`,
      'time to converge after restart': seconds(convergedMs),
      'directory list': `${listed.length} educators, ${new Set(listed).size} distinct = ${accepted.size} accepted`,
      'cohort seats': `${seats.held} held, ${seats.free} free of ${seats.seats}; ${enrolled.length} enrolments = ${applications.length} accepted applications`,
      'PD educators': `${pd} = ${accepted.size}`,
      'monitoring counts': `${counts.educators} educators, ${counts.youngTeachers} young teachers = ${accepted.size}, ${young} expected`,
    });
  });
});
