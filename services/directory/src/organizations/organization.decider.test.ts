import { deciderSpec } from '@mms/testing';
import { DomainError, NotFoundError } from '@mms/eventsourcing/core';
import { organizationDecider, OrganizationEvent } from './organization.decider';
import { municipalityDecider } from '../municipalities/municipality.decider';

const details = { name: 'МБОУ СОШ № 1', shortName: 'СОШ 1', kind: 'SCHOOL' as const, inn: '2466000001' };
const registered: OrganizationEvent = { type: 'OrganizationRegistered', data: { organizationId: 'o1', ...details } };
const spec = deciderSpec(organizationDecider);

describe('organization decider', () => {
  it('registers, refuses a duplicate', () => {
    spec
      .given([])
      .when({ type: 'RegisterOrganization', organizationId: 'o1', municipalityOnboarded: true, ...details })
      .then([registered]);
    spec
      .given([registered])
      .when({ type: 'RegisterOrganization', organizationId: 'o1', municipalityOnboarded: true, ...details })
      .thenThrows(DomainError, 'ORGANIZATION_EXISTS');
  });

  it('registers only in an onboarded municipality', () => {
    spec
      .given([])
      .when({ type: 'RegisterOrganization', organizationId: 'o1', municipalityOnboarded: false, ...details })
      .thenThrows(DomainError, 'MUNICIPALITY_NOT_ONBOARDED');
  });

  it('updates only changed fields; no change → no event', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateOrganization', organizationId: 'o1', changes: { name: 'МАОУ СОШ № 1', kind: 'SCHOOL' } })
      .then([{ type: 'OrganizationUpdated', data: { organizationId: 'o1', changes: { name: 'МАОУ СОШ № 1' } } }]);
    spec
      .given([registered])
      .when({ type: 'UpdateOrganization', organizationId: 'o1', changes: { kind: 'SCHOOL' } })
      .then([]);
  });

  it('closes; a closed or missing organisation cannot change', () => {
    const closed: OrganizationEvent = { type: 'OrganizationClosed', data: { organizationId: 'o1', reason: 'merged' } };
    spec.given([registered]).when({ type: 'CloseOrganization', organizationId: 'o1', reason: 'merged' }).then([closed]);
    spec
      .given([registered, closed])
      .when({ type: 'UpdateOrganization', organizationId: 'o1', changes: { name: 'x' } })
      .thenThrows(DomainError, 'ORGANIZATION_CLOSED');
    spec.given([]).when({ type: 'CloseOrganization', organizationId: 'o1', reason: 'x' }).thenThrows(NotFoundError);
  });
});

describe('municipality decider', () => {
  const m = deciderSpec(municipalityDecider);
  const onboard = {
    type: 'OnboardMunicipality' as const,
    municipalityId: 'krasnoyarsk',
    name: 'г. Красноярск',
    oktmo: '04701000',
    at: '2026-09-01T00:00:00.000Z',
  };
  it('onboards a tenant once', () => {
    const e = {
      type: 'MunicipalityOnboarded' as const,
      data: { municipalityId: 'krasnoyarsk', name: 'г. Красноярск', oktmo: '04701000', onboardedAt: '2026-09-01T00:00:00.000Z' },
    };
    m.given([]).when(onboard).then([e]);
    m.given([e]).when(onboard).thenThrows(DomainError, 'MUNICIPALITY_EXISTS');
  });
});
