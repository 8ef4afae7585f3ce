import { Decider, DomainEvent, EventSchemas, notFound, refuse, SealedPersonalData } from '@mms/eventsourcing/core';
import { OrganizationFact, requireOpenOrganization } from '../organizations/organization.decider';

export const QUALIFICATION_CATEGORIES = ['NONE', 'FIRST', 'HIGHEST', 'METHODIST', 'MENTOR'] as const;
export type QualificationCategory = (typeof QUALIFICATION_CATEGORIES)[number];

/** What an educator record holds besides personal data (which travels sealed). */
export interface EducatorProfile {
  position: string;
  subjects: string[];
  /** ISO date the person started working in the profession. */
  careerStartDate: string;
  qualificationCategory: QualificationCategory;
}

export type EducatorEvent =
  | DomainEvent<'EducatorRegistered', { educatorId: string; organizationId: string; personal: SealedPersonalData } & EducatorProfile>
  | DomainEvent<'EducatorUpdated', { educatorId: string; changes: Partial<Omit<EducatorProfile, 'careerStartDate'>>; personal?: SealedPersonalData }>
  | DomainEvent<'EducatorMoved', { educatorId: string; fromOrganizationId: string; toOrganizationId: string }>
  | DomainEvent<'EducatorTransferredOut', { educatorId: string; transferId: string; toMunicipalityId: string; toOrganizationId: string }>
  | DomainEvent<
      'EducatorTransferredIn',
      {
        educatorId: string;
        transferId: string;
        fromMunicipalityId: string;
        /** Every municipality that held this person's record before, oldest first (absent in early events: then just `fromMunicipalityId`). */
        formerMunicipalityIds?: string[];
        organizationId: string;
        personal: SealedPersonalData | null;
      } & EducatorProfile
    >
  | DomainEvent<'EducatorLeft', { educatorId: string; reason: string }>
  /** `municipalityIds`: every municipality holding a record of the person, so every read model forgets the name (absent in early events). */
  | DomainEvent<'EducatorPersonalDataErased', { educatorId: string; municipalityIds?: string[] }>;

/** An organisation as the handler found it in the target municipality (a fact, not input). */
type At = { organizationId: string; organization: OrganizationFact };

export type EducatorCommand =
  | ({ type: 'RegisterEducator'; educatorId: string; personal: SealedPersonalData } & At & EducatorProfile)
  | { type: 'UpdateEducator'; educatorId: string; changes: Partial<Omit<EducatorProfile, 'careerStartDate'>>; personal?: SealedPersonalData }
  | { type: 'MoveEducator'; educatorId: string; toOrganizationId: string; toOrganization: OrganizationFact }
  | {
      type: 'TransferEducatorOut';
      educatorId: string;
      transferId: string;
      toMunicipalityId: string;
      toMunicipalityOnboarded: boolean;
      toOrganizationId: string;
      toOrganization: OrganizationFact;
    }
  | ({
      type: 'TransferEducatorIn';
      educatorId: string;
      transferId: string;
      fromMunicipalityId: string;
      formerMunicipalityIds: string[];
      organizationId: string;
      personal: SealedPersonalData | null;
    } & EducatorProfile)
  | { type: 'RecordEducatorLeaving'; educatorId: string; reason: string }
  | { type: 'EraseEducatorPersonalData'; educatorId: string };

export type EducatorStatus = 'none' | 'active' | 'transferred' | 'left';

export interface EducatorState extends Partial<EducatorProfile> {
  status: EducatorStatus;
  organizationId?: string;
  personal?: SealedPersonalData | null;
  personalDataErased: boolean;
  /** Transfers already taken in: makes a repeated transfer-in a no-op. */
  transfersIn: string[];
  /** Municipalities that held this record before this one, oldest first. */
  formerMunicipalityIds: string[];
  transferOut?: { transferId: string; toMunicipalityId: string; toOrganizationId: string };
}

export const educatorStream = (educatorId: string) => `educator-${educatorId}`;
export const educatorIdOf = (streamId: string) => streamId.replace(/^educator-/, '');

const initialState = (): EducatorState => ({ status: 'none', personalDataErased: false, transfersIn: [], formerMunicipalityIds: [] });

export const educatorDecider: Decider<EducatorState, EducatorCommand, EducatorEvent> = {
  streamType: 'educator',
  initialState,
  evolve: (s, e) => {
    switch (e.type) {
      case 'EducatorRegistered': {
        const { organizationId, personal, position, subjects, careerStartDate, qualificationCategory } = e.data;
        return { ...s, status: 'active', organizationId, personal, position, subjects, careerStartDate, qualificationCategory };
      }
      case 'EducatorUpdated':
        return { ...s, ...e.data.changes, personal: e.data.personal ?? s.personal };
      case 'EducatorMoved':
        return { ...s, organizationId: e.data.toOrganizationId };
      case 'EducatorTransferredOut': {
        const { transferId, toMunicipalityId, toOrganizationId } = e.data;
        return { ...s, status: 'transferred', transferOut: { transferId, toMunicipalityId, toOrganizationId } };
      }
      case 'EducatorTransferredIn': {
        const { organizationId, personal, position, subjects, careerStartDate, qualificationCategory, transferId } = e.data;
        return {
          ...s,
          status: 'active',
          organizationId,
          personal,
          personalDataErased: personal === null,
          position,
          subjects,
          careerStartDate,
          qualificationCategory,
          transferOut: undefined,
          transfersIn: [...s.transfersIn, transferId],
          formerMunicipalityIds: e.data.formerMunicipalityIds ?? [e.data.fromMunicipalityId],
        };
      }
      case 'EducatorLeft':
        return { ...s, status: 'left' };
      case 'EducatorPersonalDataErased':
        return { ...s, personal: null, personalDataErased: true };
    }
  },
  decide: (c, s, stream) => {
    switch (c.type) {
      case 'RegisterEducator': {
        if (s.status !== 'none') refuse('EDUCATOR_EXISTS', `educator ${c.educatorId} already exists`);
        requireOpenOrganization(c.organization, c.organizationId, 'organizationId');
        const { educatorId, organizationId, personal, position, subjects, careerStartDate, qualificationCategory } = c;
        return [{ type: 'EducatorRegistered', data: { educatorId, organizationId, personal, position, subjects, careerStartDate, qualificationCategory } }];
      }
      case 'UpdateEducator': {
        requireActive(s, c.educatorId);
        if (c.personal && s.personalDataErased) refuse('PERSONAL_DATA_ERASED', `personal data of educator ${c.educatorId} was erased`);
        const changes: Partial<Omit<EducatorProfile, 'careerStartDate'>> = {};
        if (c.changes.position !== undefined && c.changes.position !== s.position) changes.position = c.changes.position;
        if (c.changes.subjects !== undefined && !sameList(c.changes.subjects, s.subjects ?? [])) changes.subjects = c.changes.subjects;
        if (c.changes.qualificationCategory !== undefined && c.changes.qualificationCategory !== s.qualificationCategory) {
          changes.qualificationCategory = c.changes.qualificationCategory;
        }
        if (Object.keys(changes).length === 0 && !c.personal) return [];
        return [{ type: 'EducatorUpdated', data: { educatorId: c.educatorId, changes, ...(c.personal ? { personal: c.personal } : {}) } }];
      }
      case 'MoveEducator': {
        requireActive(s, c.educatorId);
        if (s.organizationId === c.toOrganizationId) refuse('SAME_ORGANIZATION', `educator ${c.educatorId} already works at ${c.toOrganizationId}`);
        requireOpenOrganization(c.toOrganization, c.toOrganizationId, 'toOrganizationId');
        return [{ type: 'EducatorMoved', data: { educatorId: c.educatorId, fromOrganizationId: s.organizationId!, toOrganizationId: c.toOrganizationId } }];
      }
      case 'TransferEducatorOut': {
        if (s.status === 'transferred' && s.transferOut?.transferId === c.transferId) return [];
        requireActive(s, c.educatorId);
        if (c.toMunicipalityId === stream.tenantId) refuse('SAME_MUNICIPALITY', `educator ${c.educatorId} already works in ${c.toMunicipalityId}`);
        if (!c.toMunicipalityOnboarded)
          refuse('MUNICIPALITY_NOT_ONBOARDED', `municipality ${c.toMunicipalityId} is not onboarded`, { field: 'toMunicipalityId' });
        requireOpenOrganization(c.toOrganization, c.toOrganizationId, 'toOrganizationId');
        const { educatorId, transferId, toMunicipalityId, toOrganizationId } = c;
        return [{ type: 'EducatorTransferredOut', data: { educatorId, transferId, toMunicipalityId, toOrganizationId } }];
      }
      case 'TransferEducatorIn': {
        // Redelivered transfer: already taken in.
        if (s.transfersIn.includes(c.transferId)) return [];
        if (s.status === 'active') refuse('EDUCATOR_EXISTS', `educator ${c.educatorId} is already active in this municipality`);
        const { type: _t, ...data } = c;
        return [{ type: 'EducatorTransferredIn', data }];
      }
      case 'RecordEducatorLeaving':
        requireActive(s, c.educatorId);
        return [{ type: 'EducatorLeft', data: { educatorId: c.educatorId, reason: c.reason } }];
      case 'EraseEducatorPersonalData':
        if (s.status === 'none') notFound(`educator ${c.educatorId}`);
        if (s.personalDataErased) return [];
        return [
          {
            type: 'EducatorPersonalDataErased',
            data: { educatorId: c.educatorId, municipalityIds: [...new Set([...s.formerMunicipalityIds, stream.tenantId])] },
          },
        ];
    }
  },
};

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const requireActive = (s: EducatorState, id: string) => {
  if (s.status === 'none') notFound(`educator ${id}`);
  if (s.status !== 'active') refuse('EDUCATOR_NOT_ACTIVE', `educator ${id} is ${s.status}`);
};

/** Internal schema history: EducatorRegistered v1 carried one `subject`; v2 a list. */
export const DIRECTORY_EVENT_SCHEMAS: EventSchemas = {
  current: { EducatorRegistered: 2 },
  upcasters: {
    EducatorRegistered: {
      1: ({ subject, ...rest }: { subject?: string }) => ({ ...rest, subjects: subject ? [subject] : [] }),
    },
  },
};
