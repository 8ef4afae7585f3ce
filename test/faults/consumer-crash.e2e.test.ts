import { MongoClient } from 'mongodb';
import { DIRECTORY_TOPIC } from '@mms/contracts/events';
import { MessagingAdmin } from '@mms/messaging';
import { testBus, waitFor } from '@mms/testing/infra';
import { Platform, ServiceName, startPlatform } from '../platform-harness';
import { burst, byCode, educatorInput, FAULT_GATEWAY_ENV, GQL, indicators, isYoung, pdEducators, Region, report, seconds, setUpRegion } from './fault-kit';

/**
 * A consumer crashing after its write but before its offset (issue 9 §6). Monitoring and
 * professional development each project the directory's public events. They are stopped,
 * a burst of registrations piles up on the topic, they start again and, while each catches
 * up, are killed with SIGKILL once their read model holds some but not all of the burst:
 * written documents whose offsets were never committed. Restarted on the same database, they
 * get those events again; the counts must be exact, not doubled.
 */
const N = 150;
const SERVICES: ServiceName[] = ['directory', 'professional-development', 'monitoring'];

/** Where each consumer writes and which group commits its offsets on the directory's topic. */
const CONSUMERS = [
  { service: 'monitoring' as const, group: 'monitoring.educator_facts.g1', collection: 'rm_educator_facts_g1_educators' },
  { service: 'professional-development' as const, group: 'professional-development.pd_educators.g1', collection: 'rm_pd_educators_g1_educators' },
];

const sumOver = (offsets: { partition: number; offset: string }[], from: Map<number, bigint>) =>
  offsets.reduce((n, o) => n + Math.max(0, Number(BigInt(o.offset) - (from.get(o.partition) ?? 0n))), 0);

describe('fault: a consumer crashes after its write, before its offset', () => {
  let p: Platform;
  let mongo: MongoClient;
  let admin: MessagingAdmin;

  beforeAll(async () => {
    p = await startPlatform('fcrash', SERVICES, { gatewayEnv: FAULT_GATEWAY_ENV });
    mongo = await new MongoClient(process.env['MONGO_URL']!).connect();
    admin = await testBus('fault-crash').admin();
  });
  afterAll(async () => {
    await admin?.close();
    await mongo?.close();
    await p?.stop();
  });

  it('redelivered events change nothing: educators and young teachers counted once in monitoring and PD', async () => {
    const region: Region = await setUpRegion(p, 'fcrash', { schools: 3 });
    const ends = async () => new Map((await admin.endOffsets(DIRECTORY_TOPIC)).map((o) => [o.partition, BigInt(o.offset)]));
    const lag = async (group: string) => {
      const end = await ends();
      const committed = new Map((await admin.groupOffsets(group, DIRECTORY_TOPIC)).map((o) => [o.partition, BigInt(o.offset)]));
      // A group that has committed nothing on a partition says -1 (the port's "none"): an empty
      // partition then lags by nothing, not by 1 (on a fresh broker one of them may hold no event yet).
      return [...end].reduce((n, [partition, e]) => {
        const c = committed.get(partition) ?? -1n;
        return n + Number(e - (c < 0n ? 0n : c));
      }, 0);
    };
    // Both consumers have taken everything so far (the region's set-up), then stop cleanly.
    // Up to two Kafka session timeouts (30 s each): a member an earlier suite killed holds the group's rebalance until it expires.
    for (const c of CONSUMERS) await waitFor(async () => (await lag(c.group)) === 0, { what: `${c.service} caught up`, timeoutMs: 120000 });
    await Promise.all(CONSUMERS.map((c) => p.kill(c.service, 'SIGTERM')));

    // The burst piles up on the directory's public topic.
    const before = await ends();
    const sent = await burst(N, 6, (i) => p.gql(region.meth, GQL.REGISTER_EDU, { input: educatorInput(region, 'crash', i) }));
    expect(byCode(sent)).toEqual({ OK: N });
    await waitFor(async () => sumOver(await admin.endOffsets(DIRECTORY_TOPIC), before) >= N, { what: 'the burst published' });
    const published = sumOver(await admin.endOffsets(DIRECTORY_TOPIC), before);

    // Each consumer starts again and is killed while it catches up: some documents written, not all.
    const db = (service: ServiceName) => mongo.db(p.mongoDbs[service]);
    const landed = await Promise.all(
      CONSUMERS.map(async (c) => {
        const written = () => db(c.service).collection(c.collection).countDocuments({ municipalityId: region.id });
        // Small batches: a batch's rows are inserted together, and the server finishes a write
        // whose sender was killed, so with the default 100 one batch in flight could hold the
        // rest of the burst and everything land although the kill came part-way.
        const restarting = p.restart(c.service, { env: { PROJECTION_MAX_BATCH: '5' } });
        // Polled straight from the database: the kill must land between two writes of a batch.
        const atTrigger = await waitFor(
          async () => {
            const n = await written();
            if (n >= N) throw new Error(`${c.service} projected all ${N} before the kill`);
            return n >= N / 4 ? n : null;
          },
          { what: `${c.service} part-way`, timeoutMs: 90000, intervalMs: 5 },
        );
        await p.kill(c.service, 'SIGKILL');
        await restarting.catch(() => undefined); // it was killed on its way to ready, or after
        const committed = sumOver(await admin.groupOffsets(c.group, DIRECTORY_TOPIC), before);
        return { ...c, atTrigger, writtenAtKill: await written(), committed };
      }),
    );
    for (const l of landed) {
      expect(l.writtenAtKill).toBeLessThan(N);
      expect(l.writtenAtKill).toBeGreaterThan(0);
    }

    // Started again on the same database: the uncommitted events come again.
    const restartedAt = Date.now();
    await Promise.all(CONSUMERS.map((c) => p.restart(c.service, { readyTimeoutMs: 90000 })));
    const readyMs = Date.now() - restartedAt;
    const young = sent.filter((s) => isYoung(s.i)).length;
    await waitFor(async () => (await indicators(p, region)).educators >= N, { what: 'monitoring converges', timeoutMs: 90000 });
    await waitFor(async () => (await pdEducators(p, region)) >= N, { what: 'PD converges', timeoutMs: 90000 });
    for (const c of CONSUMERS) await waitFor(async () => (await lag(c.group)) === 0, { what: `${c.service} committed everything`, timeoutMs: 60000 });
    const convergedMs = Date.now() - restartedAt;

    const counts = await indicators(p, region);
    const pd = await pdEducators(p, region);
    const documents = await Promise.all(CONSUMERS.map((c) => db(c.service).collection(c.collection).countDocuments({ municipalityId: region.id })));
    expect(counts).toEqual({ educators: N, youngTeachers: young });
    expect(pd).toBe(N);
    expect(documents).toEqual([N, N]);

    report('consumer crashed after its write, before its offset', {
      'commands sent': `${N} registerEducator, ${JSON.stringify(byCode(sent))}; ${published} events on ${DIRECTORY_TOPIC}`,
      ...Object.fromEntries(
        landed.map((l) => [
          `${l.service} killed at`,
          `${l.writtenAtKill} of ${N} documents written, offsets of ${l.committed} committed: ${Math.max(0, l.writtenAtKill - l.committed)} written but not committed, ${published - l.committed} delivered again`,
        ]),
      ),
      'restart to ready': seconds(readyMs),
      'time to converge': seconds(convergedMs),
      monitoring: `${counts.educators} educators (expected ${N}), ${counts.youngTeachers} young teachers (expected ${young})`,
      'professional development': `${pd} educators (expected ${N})`,
      'documents per educator': `monitoring ${documents[0]}, PD ${documents[1]}: one each`,
    });
    // The kill landed after a write and before its offset for at least one consumer (else the test proved little).
    expect(landed.some((l) => l.writtenAtKill > l.committed)).toBe(true);
  });
});
