import { RequestContext } from '@mms/auth';
import { EventEnvelope, ProjectionRunner, toMessage } from '@mms/eventsourcing';
import { MessagingAdmin } from '@mms/messaging';
import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import type { OlympiadDeps } from '../monitoring.deps';
import { sourceUpcasting } from '../monitoring.topics';
import { olympiadGenerationTables } from './olympiad-generation-tables';
import { OLYMPIAD_REVISIONS, OLYMPIAD_SCHOOLS, OlympiadRevisionDocument } from './olympiad-tables';
import { OlympiadCache } from './olympiads.cache';
import { participation, protocol, StageOf } from './olympiads.in-memory';
import { OLYMPIADS_PROJECTION, olympiadsProjection } from './olympiads.projection';
import { municipalityOlympiads, regionOlympiads, schoolOlympiads } from './olympiads.queries';

const YEAR = '2025/2026';
const operator: RequestContext = {
  requestId: 'r',
  correlationId: 'c',
  user: { subject: 'op', role: 'regional_operator', municipalityId: null, organizationId: null, educatorId: null },
};

const stage = (stageId: string, subject: string, level: StageOf['level'], organiser: string): StageOf => ({ stageId, subject, level, organiser });
const mathsS1 = stage('math-s-m1', 'MATHEMATICS', 'SCHOOL', 'm1');
const mathsS2 = stage('math-s-m2', 'MATHEMATICS', 'SCHOOL', 'm2');
const mathsM1 = stage('math-m-m1', 'MATHEMATICS', 'MUNICIPAL', 'm1');
const mathsR = stage('math-r', 'MATHEMATICS', 'REGIONAL', 'region');
const physicsS1 = stage('phys-s-m1', 'PHYSICS', 'SCHOOL', 'm1');
const physicsM1 = stage('phys-m-m1', 'PHYSICS', 'MUNICIPAL', 'm1');
const st = (studentId: string, schoolId: string, municipalityId: string) => ({ studentId, schoolId, municipalityId });
const [a, b, f] = [st('a', 'o1', 'm1'), st('b', 'o1', 'm1'), st('f', 'o1', 'm1')];
const [c, e] = [st('c', 'o2', 'm1'), st('e', 'o2', 'm1')];
const d = st('d', 'o3', 'm2');

const poisoned = (e: EventEnvelope): EventEnvelope => ({ ...e, data: { ...(e.data as object), level: 'STATE' } });

/** Each stream in its own order; streams interleave (and protocols come before entries of other streams). */
const events: EventEnvelope[] = [
  protocol(mathsM1, '9', 1, [
    [a, 'WINNER'],
    [c, 'PRIZE_WINNER'],
  ]),
  protocol(physicsM1, '10', 1, [
    [e, 'WINNER'],
    [f, 'PARTICIPANT'],
  ]),
  participation(mathsS1, a, 1),
  participation(mathsS1, b, 2),
  participation(mathsS1, b, 3, false),
  participation(mathsS1, c, 1),
  participation(mathsS1, e, 2),
  participation(mathsS2, d, 1),
  participation(mathsM1, a, 1),
  participation(mathsM1, c, 1),
  participation(mathsR, a, 1),
  protocol(mathsR, '11', 1, [[a, 'PARTICIPANT']]),
  participation(physicsS1, a, 1),
  participation(physicsS1, f, 2),
  participation(physicsS1, e, 1),
  participation(physicsM1, e, 1),
  // Breaks its contract (no such level): parked on the dead-letter topic, never applied.
  poisoned(participation(mathsS1, st('x', 'o1', 'm1'), 4)),
];

/** The group has committed every message written so far: the read model holds them all. */
const caughtUp = async (admin: MessagingAdmin, groupId: string, topic: string) => {
  const committed = new Map((await admin.groupOffsets(groupId, topic)).map((p) => [p.partition, BigInt(p.offset)]));
  for (const end of await admin.endOffsets(topic)) {
    if (BigInt(end.offset) > 0n && (committed.get(end.partition) ?? -1n) < BigInt(end.offset)) return false;
  }
  return true;
};

describe('olympiads projection (real Kafka, real MongoDB-compatible server)', () => {
  it('computes olympiad figures from the contests public events, ignores redeliveries, heals a lost revision and rebuilds to the same figures', async () => {
    const t = await testDatabase('monitoring-olympiads');
    const bus = testBus('monitoring-olympiads-test');
    const topic = uniqueTopic('contests');
    const service = `monitoring-${topic.slice(-8)}`;
    const runner = new ProjectionRunner({ db: t.db, bus, service, projection: olympiadsProjection(topic), upcasting: sourceUpcasting(), metaPollMs: 200 });
    // As the olympiads module builds them, over this runner's active generation.
    const deps: OlympiadDeps = { tables: olympiadGenerationTables(() => runner.readModel()), cache: new OlympiadCache() };
    const producer = bus.producer();
    const admin = await bus.admin();
    const settled = (generation: number) =>
      waitFor(() => caughtUp(admin, `${service}.${OLYMPIADS_PROJECTION}.g${generation}`, topic), {
        what: `generation ${generation} to catch up`,
        timeoutMs: 60000,
      });
    const snapshot = async () => ({
      o1: await schoolOlympiads(deps, operator, 'o1', YEAR),
      o2: await schoolOlympiads(deps, operator, 'o2', YEAR),
      o3: await schoolOlympiads(deps, operator, 'o3', YEAR),
      m1: await municipalityOlympiads(deps, operator, 'm1', YEAR),
      m2: await municipalityOlympiads(deps, operator, 'm2', YEAR),
      region: await regionOlympiads(deps, operator, YEAR),
    });
    try {
      await producer.send(topic, events.map(toMessage));
      await runner.start();
      await settled(1);

      const first = await snapshot();
      // o1: maths school a (b withdrawn, x parked), municipal a (winner), regional a; physics school a, f; f listed at the municipal stage.
      expect(first.o1).toMatchObject({
        students: 2,
        school: { participants: 3, students: 2, winners: 0 },
        municipal: { participants: 2, students: 2, winners: 1, prizeWinners: 0, winnersPer100: 50, prizeWinnersPer100: 0 },
        regional: { participants: 1, winners: 0 },
        passOn: { schoolStage: 3, schoolToMunicipal: 2, schoolToMunicipalRate: 2 / 3, municipalStage: 2, municipalToRegional: 1, municipalToRegionalRate: 0.5 },
      });
      expect(first.o1.subjects.map((s) => [s.subject, s.school.participants, s.municipal.participants, s.regional.participants])).toEqual([
        ['MATHEMATICS', 1, 1, 1],
        ['PHYSICS', 2, 1, 0],
      ]);
      // o2: maths school c, e; municipal c (prize-winner); physics school e, municipal e (winner).
      expect(first.o2).toMatchObject({
        students: 2,
        school: { participants: 3 },
        municipal: { participants: 2, winners: 1, prizeWinners: 1, winnersPer100: 50, prizeWinnersPer100: 50 },
        passOn: { schoolStage: 3, schoolToMunicipal: 2 },
      });
      expect(first.o3).toMatchObject({ students: 1, school: { participants: 1 }, passOn: { schoolToMunicipalRate: 0 } });
      expect(first.m1).toMatchObject({
        students: 4,
        school: { participants: 6, students: 4 },
        municipal: { participants: 4, students: 4, winners: 2, prizeWinners: 1, winnersPer100: 50, prizeWinnersPer100: 25 },
        regional: { participants: 1 },
        passOn: {
          schoolStage: 6,
          schoolToMunicipal: 4,
          schoolToMunicipalRate: 4 / 6,
          municipalStage: 4,
          municipalToRegional: 1,
          municipalToRegionalRate: 0.25,
        },
      });
      expect(first.m2).toEqual(first.o3);
      expect(first.region).toMatchObject({ students: 5, school: { participants: 7, students: 5 }, passOn: { schoolStage: 7, schoolToMunicipal: 4 } });

      // Redelivery of early events (every stream's first two): applied again, they would
      // bring b back into the maths school stage.
      await producer.send(topic, events.filter((x) => x.streamVersion <= 2).map(toMessage));
      await settled(1);
      expect(await snapshot()).toEqual(first);

      // A revision lost (say a crash between the rows and the revisions): o1 is missing from
      // its municipality until an event of o1 comes again, redelivered or new.
      const rm = await runner.readModel();
      await rm.collection<OlympiadRevisionDocument>(OLYMPIAD_REVISIONS).deleteOne({ _id: `${YEAR}~o1` });
      expect((await municipalityOlympiads(deps, operator, 'm1', YEAR)).students).toBe(2);
      await producer.send(topic, [toMessage(events[2]!)]);
      await settled(1);
      expect(await snapshot()).toEqual(first);
      expect(await rm.collection(OLYMPIAD_SCHOOLS).countDocuments({})).toBe(3);

      // Rebuild from the start of the topic into a new generation: the same figures.
      const { generation } = await runner.rebuild();
      expect(generation).toBe(2);
      expect(await runner.activeGeneration(0)).toBe(2);
      expect(await snapshot()).toEqual(first);
    } finally {
      await runner.stop();
      await producer.disconnect();
      await admin.close();
      await t.drop();
    }
  });
});
