import { envelope, rowsFrom, streamOf } from '@mms/testing';
import { EducatorEvent } from './educator.decider';
import { educatorRows, OpenedEnvelope } from './educator.rows';

const personal = { subjectId: 'e1', sealed: 'x' };
const profile = { position: 'учитель', subjects: ['физика'], careerStartDate: '2020-09-01', qualificationCategory: 'NONE' as const };
const named = (e: ReturnType<typeof envelope>, fullName: string | null): OpenedEnvelope => ({ ...e, opened: { fullName } });

describe('educator rows', () => {
  it('one row per municipality that held the record; an erasure reaches all of them; a redelivery changes nothing', async () => {
    const inA = streamOf<EducatorEvent>('a', 'educator-e1', [
      { type: 'EducatorRegistered', data: { educatorId: 'e1', organizationId: 'o1', personal, ...profile } },
      { type: 'EducatorTransferredOut', data: { educatorId: 'e1', transferId: 't', toMunicipalityId: 'b', toOrganizationId: 'o9' } },
    ]);
    const inB = streamOf<EducatorEvent>('b', 'educator-e1', [
      { type: 'EducatorTransferredIn', data: { educatorId: 'e1', transferId: 't', fromMunicipalityId: 'a', organizationId: 'o9', personal, ...profile } },
      { type: 'EducatorPersonalDataErased', data: { educatorId: 'e1', municipalityIds: ['a', 'b'] } },
    ]);
    const events = [named(inA[0]!, 'Иванова'), inA[1]!, named(inB[0]!, 'Иванова'), inB[1]!];
    const rows = await rowsFrom(educatorRows, [...events, events[0]!]);
    expect(rows.map((r) => [r._id, r.status, r.fullName, r.personalDataErased])).toEqual([
      ['a|e1', 'TRANSFERRED', null, true],
      ['b|e1', 'ACTIVE', null, true],
    ]);
  });

  it('an early erasure event (no municipality list) clears its own municipality’s row', async () => {
    const [reg, erased] = streamOf<EducatorEvent>('a', 'educator-e2', [
      { type: 'EducatorRegistered', data: { educatorId: 'e2', organizationId: 'o1', personal, ...profile } },
      { type: 'EducatorPersonalDataErased', data: { educatorId: 'e2' } },
    ]);
    expect(await rowsFrom(educatorRows, [named(reg!, 'Петров'), erased!])).toMatchObject([{ _id: 'a|e2', fullName: null, personalDataErased: true }]);
  });
});
