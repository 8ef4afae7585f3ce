import { deciderSpec } from '@mms/testing';
import { DomainError, NotFoundError, SealedPersonalData, Upcasting } from '@mms/eventsourcing';
import { DIRECTORY_EVENT_SCHEMAS, educatorDecider, EducatorEvent, isYoungTeacher } from './educator';

const personal: SealedPersonalData = { subjectId: 'e1', sealed: 'xxx' };
const profile = { position: 'учитель математики', subjects: ['математика'], careerStartDate: '2024-09-01', qualificationCategory: 'NONE' as const };
const registered: EducatorEvent = {
  type: 'EducatorRegistered',
  data: { educatorId: 'e1', organizationId: 'o1', personal, ...profile },
};
const spec = deciderSpec(educatorDecider);

describe('educator decider', () => {
  it('registers a new educator', () => {
    spec.given([]).when({ type: 'RegisterEducator', educatorId: 'e1', organizationId: 'o1', personal, ...profile }).then([registered]);
  });

  it('refuses to register twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterEducator', educatorId: 'e1', organizationId: 'o1', personal, ...profile })
      .thenThrows(DomainError, 'EDUCATOR_EXISTS');
  });

  it('records only what really changed', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateEducator', educatorId: 'e1', changes: { position: 'учитель математики', qualificationCategory: 'FIRST' } })
      .then([{ type: 'EducatorUpdated', data: { educatorId: 'e1', changes: { qualificationCategory: 'FIRST' } } }]);
    spec.given([registered]).when({ type: 'UpdateEducator', educatorId: 'e1', changes: { subjects: ['математика'] } }).then([]);
  });

  it('moves within the municipality, but not to the same school', () => {
    spec
      .given([registered])
      .when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o2' })
      .then([{ type: 'EducatorMoved', data: { educatorId: 'e1', fromOrganizationId: 'o1', toOrganizationId: 'o2' } }]);
    spec.given([registered]).when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o1' }).thenThrows(DomainError, 'SAME_ORGANIZATION');
  });

  it('cannot change an educator who does not exist or has left', () => {
    spec.given([]).when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o2' }).thenThrows(NotFoundError);
    spec
      .given([registered, { type: 'EducatorLeft', data: { educatorId: 'e1', reason: 'retired' } }])
      .when({ type: 'UpdateEducator', educatorId: 'e1', changes: { position: 'завуч' } })
      .thenThrows(DomainError, 'EDUCATOR_NOT_ACTIVE');
  });

  it('transfers out once per transfer id (a repeat is a no-op)', () => {
    const out: EducatorEvent = {
      type: 'EducatorTransferredOut',
      data: { educatorId: 'e1', transferId: 't1', toMunicipalityId: 'm2', toOrganizationId: 'o9' },
    };
    spec.given([registered]).when({ type: 'TransferEducatorOut', educatorId: 'e1', transferId: 't1', toMunicipalityId: 'm2', toOrganizationId: 'o9' }).then([out]);
    spec.given([registered, out]).when({ type: 'TransferEducatorOut', educatorId: 'e1', transferId: 't1', toMunicipalityId: 'm2', toOrganizationId: 'o9' }).then([]);
    spec
      .given([registered, out])
      .when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o3' })
      .thenThrows(DomainError, 'EDUCATOR_NOT_ACTIVE');
  });

  it('takes a transfer in once; a redelivered transfer changes nothing', () => {
    const cmd = {
      type: 'TransferEducatorIn' as const,
      educatorId: 'e1',
      transferId: 't1',
      fromMunicipalityId: 'm1',
      organizationId: 'o9',
      personal,
      ...profile,
    };
    const { type: _t, ...data } = cmd;
    const arrived: EducatorEvent = { type: 'EducatorTransferredIn', data };
    spec.given([]).when(cmd).then([arrived]);
    spec.given([arrived]).when(cmd).then([]);
    spec.given([arrived]).when({ ...cmd, transferId: 't2' }).thenThrows(DomainError, 'EDUCATOR_EXISTS');
  });

  it('erases personal data once and then refuses a new name', () => {
    const erased: EducatorEvent = { type: 'EducatorPersonalDataErased', data: { educatorId: 'e1' } };
    spec.given([registered]).when({ type: 'EraseEducatorPersonalData', educatorId: 'e1' }).then([erased]);
    spec.given([registered, erased]).when({ type: 'EraseEducatorPersonalData', educatorId: 'e1' }).then([]);
    spec
      .given([registered, erased])
      .when({ type: 'UpdateEducator', educatorId: 'e1', changes: {}, personal })
      .thenThrows(DomainError, 'PERSONAL_DATA_ERASED');
  });
});

describe('young teacher', () => {
  it('is under three years in the profession', () => {
    const today = new Date('2026-11-22T10:00:00Z');
    expect(isYoungTeacher('2023-11-23', today)).toBe(true);
    expect(isYoungTeacher('2023-11-22', today)).toBe(false);
    expect(isYoungTeacher('2010-09-01', today)).toBe(false);
  });
});

describe('EducatorRegistered schema history', () => {
  it('upcasts v1 (one subject) to v2 (a list)', () => {
    const u = new Upcasting(DIRECTORY_EVENT_SCHEMAS);
    expect(u.upcast('EducatorRegistered', 1, { educatorId: 'e1', subject: 'физика' })).toEqual({
      data: { educatorId: 'e1', subjects: ['физика'] },
      schemaVersion: 2,
    });
  });
});
