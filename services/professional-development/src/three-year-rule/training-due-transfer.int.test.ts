import { randomUUID } from 'node:crypto';
import { addDays, addYears, assertMatches, DirectoryContracts as D, EventContract, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { EventEnvelope, toMessage } from '@mms/eventsourcing';
import { MessageProducer, MessagingAdmin } from '@mms/messaging';
import { SERVICE_CONFIG, ServiceConfig } from '@mms/service-kit';
import { testBus, waitFor } from '@mms/testing/infra';
import { claims, codeOf, ok, PdService, startPdService } from '../../test/harness';
import { EDUCATORS_PROJECTION } from '../pd.projection';

/**
 * Three-year rule: the due date follows an educator who moves school or municipality.
 * The directory's public events (real contracts and envelopes, as its outbox relay
 * publishes them: tenant = municipality, stream `educator-<id>` counting from 1 in each
 * municipality) go to the service's directory topic on the real Kafka; the completion
 * that sets the due date goes through the service's own GraphQL API.
 */

const CREATE = `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishProgramme(id: $id) { id } }`;
const SCHEDULE = `mutation($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id } }`;
const APPLY = `mutation($i: ApplyForCohortInput!) { applyForCohort(input: $i) { id } }`;
const APPROVE_ENROLMENT = `mutation($id: ID!) { approveEnrolment(enrolmentId: $id) { status } }`;
const COMPLETE = `mutation($i: CompleteEnrolmentInput!) { completeEnrolment(input: $i) { status } }`;
const TRAINING_DUE = `query($o: ID, $m: ID, $w: Int, $od: Boolean, $asOf: String) {
  trainingDue(organizationId: $o, municipalityId: $m, withinDays: $w, overdueOnly: $od, asOf: $asOf) {
    educator { id } organization { id } municipality { id } dueDate basis lastCompletedOn status daysLeft
  }
}`;
const DUE_DATE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Educator { trainingDueDate } } }`;

interface DueRow {
  educator: { id: string };
  organization: { id: string } | null;
  municipality: { id: string } | null;
  dueDate: string;
  basis: string;
  lastCompletedOn: string | null;
  status: string;
  daysLeft: number;
}

const M1 = 'mun-north';
const M2 = 'mun-south';
const SCHOOL_A = 'school-a'; // in M1
const SCHOOL_B = 'school-b'; // in M1
const SCHOOL_C = 'school-c'; // in M2

describe('three-year rule: the due date follows an educator who moves (service on real Kafka and MongoDB-compatible server)', () => {
  let pd: PdService;
  let producer: MessageProducer;
  let admin: MessagingAdmin;

  const educatorId = randomUUID();
  /** Stays in school A all along: the lists the mover leaves are not simply empty. */
  const bystander = randomUUID();
  const careerStartDate = '2010-09-01'; // career start + 3 years is long past: only the completion gives the expected due date

  const operator = claims('regional_operator');
  const methodologistM1 = claims('municipal_methodologist', { municipalityId: M1 });
  const methodologistM2 = claims('municipal_methodologist', { municipalityId: M2 });
  const coordinatorA = claims('school_coordinator', { municipalityId: M1, organizationId: SCHOOL_A });
  const coordinatorB = claims('school_coordinator', { municipalityId: M1, organizationId: SCHOOL_B });
  const coordinatorC = claims('school_coordinator', { municipalityId: M2, organizationId: SCHOOL_C });

  const today = todayIn(DEFAULT_REGION_TIME_ZONE);
  const cohortStart = addDays(today, -10);
  const issuedOn = addDays(today, -3);
  const dueDate = addYears(issuedOn, 3);
  /** 45 days before the due date: inside the 90- and 60-day windows, outside the 30-day one. */
  const asOf = addDays(dueDate, -45);
  /** 10 days after it: overdue. */
  const lateAsOf = addDays(dueDate, 10);

  // ---- the directory, as its relay publishes --------------------------------------------

  /** A public directory event of the mover, checked against its contract, published as the relay would. */
  const directoryEvent = (contract: EventContract, tenantId: string, streamVersion: number, data: Record<string, unknown>): EventEnvelope => {
    assertMatches(contract, 1, data);
    return {
      eventId: randomUUID(),
      type: contract.type,
      schemaVersion: 1,
      tenantId,
      streamType: 'educator',
      streamId: `educator-${data['educatorId']}`,
      streamVersion,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { subject: 'directory-test', role: 'municipal_methodologist' },
      data,
    };
  };
  const publish = async (...events: EventEnvelope[]) => producer.send(pd.topics.directory, events.map(toMessage));
  /** Sends the very same messages again: a redelivery (same tenant, stream and version, same event id). */
  const redeliver = publish;

  const profile = { position: 'учитель', subjects: ['математика'], careerStartDate, qualificationCategory: 'FIRST' };
  const registeredInA = directoryEvent(D.EducatorRegistered, M1, 1, { educatorId, municipalityId: M1, organizationId: SCHOOL_A, ...profile });
  const movedToB = directoryEvent(D.EducatorMoved, M1, 2, { educatorId, municipalityId: M1, fromOrganizationId: SCHOOL_A, toOrganizationId: SCHOOL_B });
  // A transfer: M1's stream ends with "left", M2's stream starts at 1 with "joined".
  const leftM1 = directoryEvent(D.EducatorLeftMunicipality, M1, 3, { educatorId, municipalityId: M1, toMunicipalityId: M2 });
  const joinedM2 = directoryEvent(D.EducatorJoinedMunicipality, M2, 1, {
    educatorId,
    municipalityId: M2,
    organizationId: SCHOOL_C,
    ...profile,
    fromMunicipalityId: M1,
  });
  const dismissedInM2 = directoryEvent(D.EducatorLeft, M2, 2, { educatorId, municipalityId: M2 });

  /** The educators projection has consumed (and committed) every message on the directory topic. */
  const directoryDrained = async () => {
    const service = (pd.app.get(SERVICE_CONFIG, { strict: false }) as ServiceConfig).service;
    const meta = await pd.db.collection('projection_meta').findOne({ _id: EDUCATORS_PROJECTION as never });
    const groupId = `${service}.${EDUCATORS_PROJECTION}.g${meta?.['active'] ?? 1}`;
    await waitFor(
      async () => {
        const committed = new Map((await admin.groupOffsets(groupId, pd.topics.directory)).map((p) => [p.partition, BigInt(p.offset)]));
        for (const end of await admin.endOffsets(pd.topics.directory)) {
          if (BigInt(end.offset) > 0n && (committed.get(end.partition) ?? -1n) < BigInt(end.offset)) return false;
        }
        return true;
      },
      { what: 'the educators projection to consume the whole directory topic' },
    );
  };

  // ---- queries ------------------------------------------------------------------------------

  const due = async (user: ReturnType<typeof claims>, scope: { o?: string; m?: string }, opts: { w?: number; od?: boolean; asOf?: string } = {}) =>
    ok<{ trainingDue: DueRow[] }>(await pd.gql(user, TRAINING_DUE, { ...scope, asOf, ...opts })).trainingDue;
  const ids = (rows: DueRow[]) => rows.map((r) => r.educator.id);
  const entryOf = (rows: DueRow[]) => rows.filter((r) => r.educator.id === educatorId);
  const dueDateSeenBy = async (user: ReturnType<typeof claims>) =>
    ok(await pd.gql(user, DUE_DATE, { r: [{ __typename: 'Educator', id: educatorId }] }))._entities[0].trainingDueDate as string | null;

  /** What every list that holds the mover must say: the same due date, wherever they are. */
  const expected = (organizationId: string, municipalityId: string, at = asOf) => ({
    educator: { id: educatorId },
    organization: { id: organizationId },
    municipality: { id: municipalityId },
    dueDate,
    basis: 'LAST_TRAINING',
    lastCompletedOn: issuedOn,
    status: at > dueDate ? 'OVERDUE' : 'DUE_SOON',
    daysLeft: at === asOf ? 45 : -10,
  });

  /** Where the mover is listed, as each role would ask; a snapshot to compare across steps. */
  const whereListed = async () => ({
    operatorRegion: entryOf(await due(operator, {})),
    operatorM1: entryOf(await due(operator, { m: M1 })),
    operatorM2: entryOf(await due(operator, { m: M2 })),
    operatorA: entryOf(await due(operator, { o: SCHOOL_A })),
    operatorB: entryOf(await due(operator, { o: SCHOOL_B })),
    operatorC: entryOf(await due(operator, { o: SCHOOL_C })),
    methodologistM1: entryOf(await due(methodologistM1, { m: M1 })),
    methodologistM1SchoolB: entryOf(await due(methodologistM1, { o: SCHOOL_B })),
    methodologistM2: entryOf(await due(methodologistM2, { m: M2 })),
    coordinatorA: entryOf(await due(coordinatorA, { o: SCHOOL_A })),
    coordinatorB: entryOf(await due(coordinatorB, { o: SCHOOL_B })),
    coordinatorC: entryOf(await due(coordinatorC, { o: SCHOOL_C })),
  });

  beforeAll(async () => {
    pd = await startPdService('due-transfer');
    producer = testBus('pd-due-transfer-directory').producer();
    admin = await testBus('pd-due-transfer-admin').admin();
    await pd.registerEducator({ educatorId: bystander, municipalityId: M1, organizationId: SCHOOL_A, careerStartDate });
    await publish(registeredInA);
    await pd.educatorKnown(bystander);
    await pd.educatorKnown(educatorId);

    // A completed regional training in school A sets the due date: certificate + 3 years.
    const programmeId = ok(
      await pd.gql(operator, CREATE, {
        i: { title: 'Функциональная грамотность', provider: 'ЦНППМ', hours: 36, format: 'DISTANCE', competences: ['SUBJECT'] },
      }),
    ).createProgramme.id;
    ok(await pd.gql(operator, PUBLISH, { id: programmeId }));
    const cohortId = ok(await pd.gql(operator, SCHEDULE, { i: { programmeId, startDate: cohortStart, endDate: addDays(today, 20), seats: 5 } })).scheduleCohort
      .id;
    const enrolmentId = ok(await pd.gql(coordinatorA, APPLY, { i: { cohortId, educatorId } })).applyForCohort.id;
    ok(await pd.gql(coordinatorA, APPROVE_ENROLMENT, { id: enrolmentId }));
    expect(
      ok(await pd.gql(coordinatorA, COMPLETE, { i: { enrolmentId, certificateNumber: 'ФГ-2024-0017', hours: 36, issuedOn } })).completeEnrolment.status,
    ).toBe('COMPLETED');
    await waitFor(async () => entryOf(await due(operator, {}))[0]?.basis === 'LAST_TRAINING', { what: 'the completion in the educators read model' });
  });

  afterAll(async () => {
    await producer?.disconnect().catch(() => undefined);
    await admin?.close().catch(() => undefined);
    await pd?.stop();
  });

  it('1–2: in school A of M1, the due date is three years from the certificate and both A and M1 list it', async () => {
    const here = expected(SCHOOL_A, M1);
    expect(entryOf(await due(coordinatorA, { o: SCHOOL_A }))).toEqual([here]);
    expect(entryOf(await due(methodologistM1, { m: M1 }))).toEqual([here]);
    expect(entryOf(await due(operator, { m: M1 }))).toEqual([here]);
    expect(entryOf(await due(operator, { o: SCHOOL_A }))).toEqual([here]);
    expect(await dueDateSeenBy(coordinatorA)).toBe(dueDate);
    // The windows and the overdue list at other dates.
    expect(entryOf(await due(methodologistM1, { m: M1 }, { w: 60 }))).toEqual([here]);
    expect(entryOf(await due(methodologistM1, { m: M1 }, { w: 30 }))).toEqual([]);
    expect(entryOf(await due(methodologistM1, { m: M1 }, { od: true }))).toEqual([]);
    expect(entryOf(await due(methodologistM1, { m: M1 }, { od: true, asOf: lateAsOf }))).toEqual([expected(SCHOOL_A, M1, lateAsOf)]);
    // Not M2's and not school B's.
    expect(entryOf(await due(methodologistM2, { m: M2 }))).toEqual([]);
    expect(entryOf(await due(coordinatorB, { o: SCHOOL_B }))).toEqual([]);
    // The bystander, by career start (long overdue), is on the same lists.
    expect(ids(await due(coordinatorA, { o: SCHOOL_A }))).toEqual([bystander, educatorId]);
  });

  it('3: a move to school B in M1 (delivered twice) takes the same due date to B; A drops them, M1 keeps them', async () => {
    await publish(movedToB);
    await redeliver(movedToB);
    await waitFor(async () => entryOf(await due(coordinatorB, { o: SCHOOL_B })).length === 1, { what: 'school B to list the mover' });
    await directoryDrained();

    const inB = expected(SCHOOL_B, M1);
    const seen = await whereListed();
    expect(seen).toEqual({
      operatorRegion: [inB],
      operatorM1: [inB],
      operatorM2: [],
      operatorA: [],
      operatorB: [inB],
      operatorC: [],
      methodologistM1: [inB],
      methodologistM1SchoolB: [inB],
      methodologistM2: [],
      coordinatorA: [],
      coordinatorB: [inB],
      coordinatorC: [],
    });
    expect(ids(await due(coordinatorA, { o: SCHOOL_A }))).toEqual([bystander]);
    expect(await dueDateSeenBy(coordinatorB)).toBe(dueDate);
    // School A's coordinator no longer reads the educator's record; B's may not ask for A.
    expect(await dueDateSeenBy(coordinatorA)).toBeNull();
    expect(codeOf(await pd.gql(coordinatorB, TRAINING_DUE, { o: SCHOOL_A, asOf }))).toBe('FORBIDDEN');
  });

  it('4: a transfer to school C in M2 takes the same due date to M2 and C; M1, A and B drop them, M1’s methodologist loses sight', async () => {
    await publish(leftM1, joinedM2);
    await waitFor(async () => entryOf(await due(methodologistM2, { m: M2 })).length === 1, { what: 'M2 to list the mover' });
    await directoryDrained();

    const inC = expected(SCHOOL_C, M2);
    expect(await whereListed()).toEqual({
      operatorRegion: [inC],
      operatorM1: [],
      operatorM2: [inC],
      operatorA: [],
      operatorB: [],
      operatorC: [inC],
      methodologistM1: [],
      methodologistM1SchoolB: [],
      methodologistM2: [inC],
      coordinatorA: [],
      coordinatorB: [],
      coordinatorC: [inC],
    });
    // The overdue list follows too.
    expect(entryOf(await due(methodologistM2, { m: M2 }, { od: true, asOf: lateAsOf }))).toEqual([expected(SCHOOL_C, M2, lateAsOf)]);
    expect(entryOf(await due(methodologistM1, { m: M1 }, { od: true, asOf: lateAsOf }))).toEqual([]);
    // M1's methodologist can neither list M2 nor read the educator's due date any more; M2's can.
    expect(codeOf(await pd.gql(methodologistM1, TRAINING_DUE, { m: M2, asOf }))).toBe('FORBIDDEN');
    expect(await dueDateSeenBy(methodologistM1)).toBeNull();
    expect(await dueDateSeenBy(methodologistM2)).toBe(dueDate);
    expect(await dueDateSeenBy(coordinatorC)).toBe(dueDate);
    // The bystander is still where they were.
    expect(ids(await due(methodologistM1, { m: M1 }))).toEqual([bystander]);
  });

  it('5a: redeliveries of the mover’s history change nothing', async () => {
    const before = await whereListed();
    expect(before.operatorRegion).toEqual([expected(SCHOOL_C, M2)]);
    // Late lone duplicates (an at-least-once producer retry): the registration in A and the
    // move to B would put the educator back in M1 / school B if applied again.
    await redeliver(registeredInA);
    await directoryDrained();
    expect(await whereListed()).toEqual(before);
    await redeliver(movedToB);
    await directoryDrained();
    expect(await whereListed()).toEqual(before);
    // The whole history again, in order (a consumer rewound to an old offset).
    await redeliver(registeredInA, movedToB, movedToB, leftM1, joinedM2);
    await directoryDrained();
    expect(await whereListed()).toEqual(before);
  });

  it('5b: dismissed in M2, the educator drops off every list; a late redelivery of the transfer does not bring them back', async () => {
    await publish(dismissedInM2);
    await waitFor(async () => entryOf(await due(operator, {})).length === 0, { what: 'the dismissed educator off the regional list' });
    await redeliver(joinedM2, registeredInA);
    await directoryDrained();
    const nowhere = await whereListed();
    expect(Object.values(nowhere).every((rows) => rows.length === 0)).toBe(true);
    expect(entryOf(await due(operator, {}, { od: true, asOf: lateAsOf }))).toEqual([]);
    expect(ids(await due(coordinatorA, { o: SCHOOL_A }))).toEqual([bystander]);
  });
});
