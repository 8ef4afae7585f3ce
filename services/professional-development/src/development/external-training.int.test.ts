import { randomUUID } from 'node:crypto';
import { addDays, addYears, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { EventEnvelope, fromMessage } from '@mms/eventsourcing';
import { testBus, waitFor } from '@mms/testing/infra';
import { claims, codeOf, ok, PdService, startPdService } from '../../test/harness';

const RECORD = `mutation($i: RecordExternalTrainingInput!) {
  recordExternalTraining(input: $i) { id educatorId title provider hours competences certificateNumber issuedOn }
}`;
const EDUCATOR = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Educator { id trainingDueDate externalTrainings { id certificateNumber issuedOn } } } }`;
const DUE = `query($o: ID, $m: ID, $asOf: String) { trainingDue(organizationId: $o, municipalityId: $m, withinDays: 90, asOf: $asOf) { educator { id } dueDate status } }`;

describe('external trainings (service on real Kafka and MongoDB-compatible server)', () => {
  let pd: PdService;
  const [educatorId, other] = [randomUUID(), randomUUID()];
  const coordinator = claims('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
  const today = todayIn(DEFAULT_REGION_TIME_ZONE);
  // Three years ago plus 30 days: due within the next 90 days once recorded.
  const issuedOn = addDays(addYears(today, -3), 30);
  const input = {
    educatorId,
    title: 'Школа современного учителя',
    provider: 'Академия Минпросвещения России',
    hours: 72,
    competences: ['SUBJECT', 'DIGITAL'],
    certificateNumber: 'ПК-0001',
    issuedOn,
  };

  beforeAll(async () => {
    pd = await startPdService('external');
    // Career start long ago: without a training the educator is overdue.
    await pd.registerEducator({ educatorId, municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2005-09-01' });
    await pd.registerEducator({ educatorId: other, municipalityId: 'mun-a', organizationId: 'school-2', careerStartDate: '2005-09-01' });
    for (const id of [educatorId, other]) await pd.educatorKnown(id);
  });

  afterAll(async () => {
    await pd?.stop();
  });

  it('a recorded certificate moves the due date, is published without its details, and a second entry changes nothing', async () => {
    const published: EventEnvelope[] = [];
    const observer = testBus('pd-external-observer').consumer({
      groupId: `pd-external-observer-${randomUUID()}`,
      topics: [pd.topics.public],
      fromBeginning: true,
      handler: async (m) => void published.push(fromMessage(m)),
    });
    await observer.start();
    try {
      const before = ok(await pd.gql(coordinator, DUE, { o: 'school-1', asOf: today })).trainingDue;
      expect(before).toEqual([{ educator: { id: educatorId }, dueDate: '2008-09-01', status: 'OVERDUE' }]);

      const recorded = ok(await pd.gql(coordinator, RECORD, { i: input })).recordExternalTraining;
      expect(recorded).toMatchObject({ ...input, id: expect.any(String) });
      expect(await pd.commits(`development-${educatorId}`)).toBe(1);

      const dueDate = addYears(issuedOn, 3);
      await waitFor(
        async () => {
          const due = ok(await pd.gql(coordinator, DUE, { o: 'school-1', asOf: today })).trainingDue;
          return due.length === 1 && due[0].dueDate === dueDate ? due : null;
        },
        { what: 'the due date from the recorded training' },
      );
      const educator = ok(await pd.gql(coordinator, EDUCATOR, { r: [{ __typename: 'Educator', id: educatorId }] }))._entities[0];
      expect(educator).toEqual({
        id: educatorId,
        trainingDueDate: dueDate,
        externalTrainings: [{ id: recorded.id, certificateNumber: 'ПК-0001', issuedOn }],
      });

      // The same paper typed again (other case and spacing): the same record, nothing written.
      const again = ok(await pd.gql(coordinator, RECORD, { i: { ...input, provider: ' академия минпросвещения  России', certificateNumber: 'пк-0001' } }));
      expect(again.recordExternalTraining.id).toBe(recorded.id);
      expect(await pd.commits(`development-${educatorId}`)).toBe(1);

      const event = await waitFor(async () => published.find((e) => e.type === 'pd.ExternalTrainingRecorded'), { what: 'the public event' });
      expect(event.data).toEqual({
        recordId: recorded.id,
        educatorId,
        municipalityId: 'mun-a',
        hours: 72,
        competences: ['SUBJECT', 'DIGITAL'],
        on: issuedOn,
      });
      expect(published.filter((e) => e.type === 'pd.ExternalTrainingRecorded')).toHaveLength(1);
    } finally {
      await observer.stop();
    }
  });

  it('refuses other details under the same number, a future date, and callers without the right; nothing is written', async () => {
    const i = { ...input, educatorId: other, certificateNumber: 'B-77' };
    const coordinator2 = claims('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-2' });
    ok(await pd.gql(coordinator2, RECORD, { i }));
    expect(codeOf(await pd.gql(coordinator2, RECORD, { i: { ...i, hours: 36 } }))).toBe('CERTIFICATE_ALREADY_RECORDED');
    expect(codeOf(await pd.gql(coordinator2, RECORD, { i: { ...i, certificateNumber: 'B-78', issuedOn: addDays(today, 1) } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await pd.gql(coordinator2, RECORD, { i: { ...i, certificateNumber: 'B-79', hours: 0, title: ' ' } }))).toBe('BAD_USER_INPUT');

    const teacher = claims('teacher', { municipalityId: 'mun-a', organizationId: 'school-2', educatorId: other });
    const otherSchool = claims('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
    const otherMunicipality = claims('municipal_methodologist', { municipalityId: 'mun-b' });
    for (const who of [teacher, otherSchool, otherMunicipality]) {
      expect(codeOf(await pd.gql(who, RECORD, { i: { ...i, certificateNumber: 'B-80' } }))).toBe('FORBIDDEN');
    }
    expect(await pd.commits(`development-${other}`)).toBe(1);

    // The municipality's methodologist and the regional operator may.
    ok(await pd.gql(claims('municipal_methodologist', { municipalityId: 'mun-a' }), RECORD, { i: { ...i, certificateNumber: 'B-81' } }));
    ok(await pd.gql(claims('regional_operator'), RECORD, { i: { ...i, certificateNumber: 'B-82' } }));
    expect(await pd.commits(`development-${other}`)).toBe(3);
  });
});
