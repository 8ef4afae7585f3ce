import { DirectoryContracts as C } from '@mms/contracts';
import { EventEnvelope, IntegrationEvent, IntegrationTranslator } from '@mms/eventsourcing';
import { EducatorEvent, EducatorProfile } from '../educators/educator.decider';
import { MunicipalityEvent } from '../municipalities/municipality.decider';
import { OrganizationEvent } from '../organizations/organization.decider';

type Internal = MunicipalityEvent | OrganizationEvent | EducatorEvent;

/** The public, personal-data-free state of an educator (the sealed name stays behind). */
const publicEducator = (d: { educatorId: string; organizationId: string } & EducatorProfile, municipalityId: string) => ({
  educatorId: d.educatorId,
  municipalityId,
  organizationId: d.organizationId,
  position: d.position,
  subjects: d.subjects,
  careerStartDate: d.careerStartDate,
  qualificationCategory: d.qualificationCategory,
});

const v1 = (type: string, data: unknown): IntegrationEvent[] => [{ type, schemaVersion: 1, data }];

/**
 * Internal events → public contracts. Personal data (the sealed name) never leaves;
 * the tenant (municipality) comes from the envelope.
 */
export const translateDirectoryEvent: IntegrationTranslator = (envelope: EventEnvelope) => {
  const e = { type: envelope.type, data: envelope.data } as Internal;
  const municipalityId = envelope.tenantId;
  switch (e.type) {
    case 'MunicipalityOnboarded':
      return v1(C.MunicipalityOnboarded.type, e.data);
    case 'OrganizationRegistered':
      return v1(C.OrganizationRegistered.type, {
        organizationId: e.data.organizationId,
        municipalityId,
        name: e.data.name,
        kind: e.data.kind,
      });
    case 'OrganizationUpdated': {
      const { name, kind } = e.data.changes;
      if (name === undefined && kind === undefined) return [];
      return v1(C.OrganizationChanged.type, {
        organizationId: e.data.organizationId,
        municipalityId,
        ...(name !== undefined ? { name } : {}),
        ...(kind !== undefined ? { kind } : {}),
      });
    }
    case 'OrganizationClosed':
      return v1(C.OrganizationChanged.type, { organizationId: e.data.organizationId, municipalityId, status: 'CLOSED' });
    case 'EducatorRegistered':
      return v1(C.EducatorRegistered.type, publicEducator(e.data, municipalityId));
    case 'EducatorUpdated':
      // A name-only change is not public.
      if (Object.keys(e.data.changes).length === 0) return [];
      return v1(C.EducatorChanged.type, { educatorId: e.data.educatorId, municipalityId, ...e.data.changes });
    case 'EducatorMoved':
      return v1(C.EducatorMoved.type, { municipalityId, ...e.data });
    case 'EducatorTransferredOut':
      return v1(C.EducatorLeftMunicipality.type, {
        educatorId: e.data.educatorId,
        municipalityId,
        toMunicipalityId: e.data.toMunicipalityId,
      });
    case 'EducatorTransferredIn':
      return v1(C.EducatorJoinedMunicipality.type, {
        ...publicEducator(e.data, municipalityId),
        fromMunicipalityId: e.data.fromMunicipalityId,
      });
    case 'EducatorLeft':
      return v1(C.EducatorLeft.type, { educatorId: e.data.educatorId, municipalityId });
    case 'EducatorPersonalDataErased':
      return v1(C.EducatorPersonalDataErased.type, { educatorId: e.data.educatorId, municipalityId });
    default:
      return [];
  }
};

export { DIRECTORY_INTERNAL_TOPIC } from '../directory.topics';
