import { applyOnce, EventEnvelope, PersonalDataVault, Projection, SealedPersonalData } from '@mms/eventsourcing';
import { EducatorEvent } from '../educators/educator';
import { MunicipalityEvent } from '../municipalities/municipality';
import { OrganizationEvent } from '../organizations/organization';
import { DIRECTORY_INTERNAL_TOPIC } from '../integration/translate';

export const DIRECTORY_PROJECTION = 'directory';

export interface MunicipalityRow {
  _id: string;
  name: string;
  oktmo: string;
  onboardedAt: string;
}

export interface OrganizationRow {
  _id: string;
  tenantId: string;
  name: string;
  nameLower: string;
  shortName: string | null;
  kind: string;
  inn: string | null;
  status: 'ACTIVE' | 'CLOSED';
}

export interface EducatorRow {
  /** `${tenantId}|${educatorId}`: a transferred educator has one row per municipality. */
  _id: string;
  educatorId: string;
  tenantId: string;
  organizationId: string;
  fullName: string | null;
  position: string;
  subjects: string[];
  careerStartDate: string;
  qualificationCategory: string;
  status: 'ACTIVE' | 'TRANSFERRED' | 'LEFT';
  personalDataErased: boolean;
}

export const educatorRowId = (tenantId: string, educatorId: string) => `${tenantId}|${educatorId}`;

type Internal = MunicipalityEvent | OrganizationEvent | EducatorEvent;

/**
 * The directory's query side, fed from its own internal topic. Every row has one
 * source stream, so `applyOnce` with the stream version makes redelivery harmless.
 */
export const directoryProjection = (vault: PersonalDataVault): Projection => {
  const open = async (p: SealedPersonalData | null | undefined) =>
    p ? ((await vault.open<{ fullName: string }>(p))?.fullName ?? null) : null;

  return {
    name: DIRECTORY_PROJECTION,
    topics: [DIRECTORY_INTERNAL_TOPIC],
    collections: ['municipalities', 'organizations', 'educators'],
    indexes: [
      { collection: 'organizations', keys: { tenantId: 1, _id: 1 } },
      { collection: 'educators', keys: { tenantId: 1, _id: 1 } },
      { collection: 'educators', keys: { educatorId: 1 } },
      { collection: 'educators', keys: { tenantId: 1, organizationId: 1 } },
    ],
    async apply(envelope: EventEnvelope, rm) {
      const e = { type: envelope.type, data: envelope.data } as Internal;
      const v = envelope.streamVersion;
      const t = envelope.tenantId;
      const municipalities = rm.collection('municipalities');
      const organizations = rm.collection('organizations');
      const educators = rm.collection('educators');
      switch (e.type) {
        case 'MunicipalityOnboarded':
          await applyOnce(municipalities, e.data.municipalityId, v, {
            $set: { name: e.data.name, oktmo: e.data.oktmo, onboardedAt: e.data.onboardedAt ?? envelope.occurredAt },
          });
          return;
        case 'OrganizationRegistered':
          await applyOnce(organizations, e.data.organizationId, v, {
            $set: {
              tenantId: t,
              name: e.data.name,
              nameLower: e.data.name.toLowerCase(),
              shortName: e.data.shortName,
              kind: e.data.kind,
              inn: e.data.inn,
              status: 'ACTIVE',
            },
          });
          return;
        case 'OrganizationUpdated': {
          const set: Record<string, unknown> = { ...e.data.changes };
          if (e.data.changes.name) set['nameLower'] = e.data.changes.name.toLowerCase();
          await applyOnce(organizations, e.data.organizationId, v, { $set: set }, { upsert: false });
          return;
        }
        case 'OrganizationClosed':
          await applyOnce(organizations, e.data.organizationId, v, { $set: { status: 'CLOSED' } }, { upsert: false });
          return;
        case 'EducatorRegistered':
        case 'EducatorTransferredIn': {
          const d = e.data;
          await applyOnce(educators, educatorRowId(t, d.educatorId), v, {
            $set: {
              educatorId: d.educatorId,
              tenantId: t,
              organizationId: d.organizationId,
              fullName: await open(d.personal),
              position: d.position,
              subjects: d.subjects,
              careerStartDate: d.careerStartDate,
              qualificationCategory: d.qualificationCategory,
              status: 'ACTIVE',
              personalDataErased: d.personal === null,
            },
          });
          return;
        }
        case 'EducatorUpdated': {
          const set: Record<string, unknown> = { ...e.data.changes };
          if (e.data.personal) set['fullName'] = await open(e.data.personal);
          await applyOnce(educators, educatorRowId(t, e.data.educatorId), v, { $set: set }, { upsert: false });
          return;
        }
        case 'EducatorMoved':
          await applyOnce(
            educators,
            educatorRowId(t, e.data.educatorId),
            v,
            { $set: { organizationId: e.data.toOrganizationId } },
            { upsert: false },
          );
          return;
        case 'EducatorTransferredOut':
          await applyOnce(educators, educatorRowId(t, e.data.educatorId), v, { $set: { status: 'TRANSFERRED' } }, { upsert: false });
          return;
        case 'EducatorLeft':
          await applyOnce(educators, educatorRowId(t, e.data.educatorId), v, { $set: { status: 'LEFT' } }, { upsert: false });
          return;
        case 'EducatorPersonalDataErased':
          // Every row of this person, in every municipality, loses the name.
          await educators.updateMany(
            { educatorId: e.data.educatorId },
            { $set: { fullName: null, personalDataErased: true } },
          );
          return;
      }
    },
  };
};
