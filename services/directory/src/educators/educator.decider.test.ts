import { deciderSpec } from '@mms/testing';
import { DomainError, NotFoundError, SealedPersonalData, Upcasting } from '@mms/eventsourcing/core';
import { DIRECTORY_EVENT_SCHEMAS, educatorDecider, EducatorEvent } from './educator.decider';

const personal: SealedPersonalData = { subjectId: 'e1', sealed: 'xxx' };
const profile = { position: 'учитель математики', subjects: ['математика'], careerStartDate: '2024-09-01', qualificationCategory: 'NONE' as const };
const registered: EducatorEvent = {
  type: 'EducatorRegistered',
  data: { educatorId: 'e1', organizationId: 'o1', personal, ...profile },
};
const spec = deciderSpec(educatorDecider);

describe('educator decider', () => {
  it('registers a new educator', () => {
    spec
      .given([])
      .when({ type: 'RegisterEducator', educatorId: 'e1', organizationId: 'o1', organization: 'active', personal, ...profile })
      .then([registered]);
  });

  it('refuses to register twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterEducator', educatorId: 'e1', organizationId: 'o1', organization: 'active', personal, ...profile })
      .thenThrows(DomainError, 'EDUCATOR_EXISTS');
  });

  it('records only what really changed', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateEducator', educatorId: 'e1', changes: { position: 'учитель математики', qualificationCategory: 'FIRST' } })
      .then([{ type: 'EducatorUpdated', data: { educatorId: 'e1', changes: { qualificationCategory: 'FIRST' } } }]);
    spec
      .given([registered])
      .when({ type: 'UpdateEducator', educatorId: 'e1', changes: { subjects: ['математика'] } })
      .then([]);
  });

  it('places an educator only in an open organisation of the municipality', () => {
    const base = { type: 'RegisterEducator' as const, educatorId: 'e1', organizationId: 'o1', personal, ...profile };
    spec
      .given([])
      .when({ ...base, organization: 'none' })
      .thenThrows(NotFoundError);
    spec
      .given([])
      .when({ ...base, organization: 'closed' })
      .thenThrows(DomainError, 'ORGANIZATION_CLOSED');
    spec
      .given([registered])
      .when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o2', toOrganization: 'closed' })
      .thenThrows(DomainError, 'ORGANIZATION_CLOSED');
  });

  it('transfers only to another, onboarded municipality', () => {
    const out = { type: 'TransferEducatorOut' as const, educatorId: 'e1', transferId: 't1', toOrganizationId: 'o9', toOrganization: 'active' as const };
    spec
      .given([registered])
      .when({ ...out, toMunicipalityId: 'm2', toMunicipalityOnboarded: false })
      .thenThrows(DomainError, 'MUNICIPALITY_NOT_ONBOARDED');
    spec
      .given([registered])
      .when({ ...out, toMunicipalityId: 'm-test', toMunicipalityOnboarded: true })
      .thenThrows(DomainError, 'SAME_MUNICIPALITY');
    spec
      .given([registered])
      .when({ ...out, toMunicipalityId: 'm2', toMunicipalityOnboarded: true, toOrganization: 'none' })
      .thenThrows(NotFoundError);
  });

  it('moves within the municipality, but not to the same school', () => {
    spec
      .given([registered])
      .when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o2', toOrganization: 'active' })
      .then([{ type: 'EducatorMoved', data: { educatorId: 'e1', fromOrganizationId: 'o1', toOrganizationId: 'o2' } }]);
    spec
      .given([registered])
      .when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o1', toOrganization: 'active' })
      .thenThrows(DomainError, 'SAME_ORGANIZATION');
  });

  it('cannot change an educator who does not exist or has left', () => {
    spec.given([]).when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o2', toOrganization: 'active' }).thenThrows(NotFoundError);
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
    spec
      .given([registered])
      .when({
        type: 'TransferEducatorOut',
        educatorId: 'e1',
        transferId: 't1',
        toMunicipalityId: 'm2',
        toMunicipalityOnboarded: true,
        toOrganizationId: 'o9',
        toOrganization: 'active',
      })
      .then([out]);
    spec
      .given([registered, out])
      .when({
        type: 'TransferEducatorOut',
        educatorId: 'e1',
        transferId: 't1',
        toMunicipalityId: 'm2',
        toMunicipalityOnboarded: true,
        toOrganizationId: 'o9',
        toOrganization: 'active',
      })
      .then([]);
    spec
      .given([registered, out])
      .when({ type: 'MoveEducator', educatorId: 'e1', toOrganizationId: 'o3', toOrganization: 'active' })
      .thenThrows(DomainError, 'EDUCATOR_NOT_ACTIVE');
  });

  it('takes a transfer in once; a redelivered transfer changes nothing', () => {
    const cmd = {
      type: 'TransferEducatorIn' as const,
      educatorId: 'e1',
      transferId: 't1',
      fromMunicipalityId: 'm1',
      formerMunicipalityIds: ['m1'],
      organizationId: 'o9',
      personal,
      ...profile,
    };
    const { type: _t, ...data } = cmd;
    const arrived: EducatorEvent = { type: 'EducatorTransferredIn', data };
    spec.given([]).when(cmd).then([arrived]);
    spec.given([arrived]).when(cmd).then([]);
    spec
      .given([arrived])
      .when({ ...cmd, transferId: 't2' })
      .thenThrows(DomainError, 'EDUCATOR_EXISTS');
  });

  it('erases personal data once and then refuses a new name', () => {
    const erased: EducatorEvent = { type: 'EducatorPersonalDataErased', data: { educatorId: 'e1', municipalityIds: ['m-test'] } };
    spec.given([registered]).when({ type: 'EraseEducatorPersonalData', educatorId: 'e1' }).then([erased]);
    spec.given([registered, erased]).when({ type: 'EraseEducatorPersonalData', educatorId: 'e1' }).then([]);
    // After transfers the erasure names every municipality that held a record, so each read model forgets the name.
    const arrived: EducatorEvent = {
      type: 'EducatorTransferredIn',
      data: { educatorId: 'e1', transferId: 't2', fromMunicipalityId: 'm2', formerMunicipalityIds: ['m1', 'm2'], organizationId: 'o3', personal, ...profile },
    };
    spec
      .given([arrived], { tenantId: 'm3' })
      .when({ type: 'EraseEducatorPersonalData', educatorId: 'e1' })
      .then([{ type: 'EducatorPersonalDataErased', data: { educatorId: 'e1', municipalityIds: ['m1', 'm2', 'm3'] } }]);
    spec.given([registered, erased]).when({ type: 'UpdateEducator', educatorId: 'e1', changes: {}, personal }).thenThrows(DomainError, 'PERSONAL_DATA_ERASED');
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
