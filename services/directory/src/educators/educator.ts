import { Decider, DomainError, DomainEvent, NotFoundError, SealedPersonalData } from '@mms/eventsourcing';

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
  | DomainEvent<
      'EducatorRegistered',
      { educatorId: string; organizationId: string; personal: SealedPersonalData } & EducatorProfile
    >
  | DomainEvent<
      'EducatorUpdated',
      { educatorId: string; changes: Partial<Omit<EducatorProfile, 'careerStartDate'>>; personal?: SealedPersonalData }
    >
  | DomainEvent<'EducatorMoved', { educatorId: string; fromOrganizationId: string; toOrganizationId: string }>
  | DomainEvent<
      'EducatorTransferredOut',
      { educatorId: string; transferId: string; toMunicipalityId: string; toOrganizationId: string }
    >
  | DomainEvent<
      'EducatorTransferredIn',
      {
        educatorId: string;
        transferId: string;
        fromMunicipalityId: string;
        organizationId: string;
        personal: SealedPersonalData | null;
      } & EducatorProfile
    >
  | DomainEvent<'EducatorLeft', { educatorId: string; reason: string }>
  | DomainEvent<'EducatorPersonalDataErased', { educatorId: string }>;

export type EducatorCommand =
  | ({ type: 'RegisterEducator'; educatorId: string; organizationId: string; personal: SealedPersonalData } & EducatorProfile)
  | {
      type: 'UpdateEducator';
      educatorId: string;
      changes: Partial<Omit<EducatorProfile, 'careerStartDate'>>;
      personal?: SealedPersonalData;
    }
  | { type: 'MoveEducator'; educatorId: string; toOrganizationId: string }
  | { type: 'TransferEducatorOut'; educatorId: string; transferId: string; toMunicipalityId: string; toOrganizationId: string }
  | ({
      type: 'TransferEducatorIn';
      educatorId: string;
      transferId: string;
      fromMunicipalityId: string;
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
  transferOut?: { transferId: string; toMunicipalityId: string; toOrganizationId: string };
}

const initialState = (): EducatorState => ({ status: 'none', personalDataErased: false, transfersIn: [] });

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
      case 'EducatorTransferredOut':
        return {
          ...s,
          status: 'transferred',
          transferOut: {
            transferId: e.data.transferId,
            toMunicipalityId: e.data.toMunicipalityId,
            toOrganizationId: e.data.toOrganizationId,
          },
        };
      case 'EducatorTransferredIn': {
        const { organizationId, personal, position, subjects, careerStartDate, qualificationCategory, transferId } = e.data;
        return {
          ...s,
          status: 'active',
          organizationId,
          personal,
          position,
          subjects,
          careerStartDate,
          qualificationCategory,
          transferOut: undefined,
          transfersIn: [...s.transfersIn, transferId],
        };
      }
      case 'EducatorLeft':
        return { ...s, status: 'left' };
      case 'EducatorPersonalDataErased':
        return { ...s, personal: null, personalDataErased: true };
    }
  },
  decide: (c, s) => {
    switch (c.type) {
      case 'RegisterEducator': {
        if (s.status !== 'none') throw new DomainError('EDUCATOR_EXISTS', `educator ${c.educatorId} already exists`);
        const { educatorId, organizationId, personal, position, subjects, careerStartDate, qualificationCategory } = c;
        return [
          {
            type: 'EducatorRegistered',
            data: { educatorId, organizationId, personal, position, subjects, careerStartDate, qualificationCategory },
          },
        ];
      }
      case 'UpdateEducator': {
        requireActive(s, c.educatorId);
        const changes: Partial<Omit<EducatorProfile, 'careerStartDate'>> = {};
        if (c.changes.position !== undefined && c.changes.position !== s.position) changes.position = c.changes.position;
        if (c.changes.subjects !== undefined && !sameList(c.changes.subjects, s.subjects ?? [])) changes.subjects = c.changes.subjects;
        if (c.changes.qualificationCategory !== undefined && c.changes.qualificationCategory !== s.qualificationCategory) {
          changes.qualificationCategory = c.changes.qualificationCategory;
        }
        if (Object.keys(changes).length === 0 && !c.personal) return [];
        if (c.personal && s.personalDataErased) {
          throw new DomainError('PERSONAL_DATA_ERASED', `personal data of educator ${c.educatorId} was erased`);
        }
        return [{ type: 'EducatorUpdated', data: { educatorId: c.educatorId, changes, ...(c.personal ? { personal: c.personal } : {}) } }];
      }
      case 'MoveEducator': {
        requireActive(s, c.educatorId);
        if (s.organizationId === c.toOrganizationId) {
          throw new DomainError('SAME_ORGANIZATION', `educator ${c.educatorId} already works at ${c.toOrganizationId}`);
        }
        return [
          {
            type: 'EducatorMoved',
            data: { educatorId: c.educatorId, fromOrganizationId: s.organizationId!, toOrganizationId: c.toOrganizationId },
          },
        ];
      }
      case 'TransferEducatorOut': {
        if (s.status === 'transferred' && s.transferOut?.transferId === c.transferId) return [];
        requireActive(s, c.educatorId);
        return [
          {
            type: 'EducatorTransferredOut',
            data: {
              educatorId: c.educatorId,
              transferId: c.transferId,
              toMunicipalityId: c.toMunicipalityId,
              toOrganizationId: c.toOrganizationId,
            },
          },
        ];
      }
      case 'TransferEducatorIn': {
        // Redelivered transfer: already taken in.
        if (s.transfersIn.includes(c.transferId)) return [];
        if (s.status === 'active') {
          throw new DomainError('EDUCATOR_EXISTS', `educator ${c.educatorId} is already active in this municipality`);
        }
        const { type: _t, ...data } = c;
        return [{ type: 'EducatorTransferredIn', data }];
      }
      case 'RecordEducatorLeaving':
        requireActive(s, c.educatorId);
        return [{ type: 'EducatorLeft', data: { educatorId: c.educatorId, reason: c.reason } }];
      case 'EraseEducatorPersonalData':
        if (s.status === 'none') throw new NotFoundError(`educator ${c.educatorId} not found`);
        if (s.personalDataErased) return [];
        return [{ type: 'EducatorPersonalDataErased', data: { educatorId: c.educatorId } }];
    }
  },
};

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const requireActive = (s: EducatorState, id: string) => {
  if (s.status === 'none') throw new NotFoundError(`educator ${id} not found`);
  if (s.status !== 'active') throw new DomainError('EDUCATOR_NOT_ACTIVE', `educator ${id} is ${s.status}`);
};

/** "Young teacher" (молодой педагог): under three years in the profession. */
export const isYoungTeacher = (careerStartDate: string, today: Date): boolean => {
  const start = new Date(`${careerStartDate}T00:00:00Z`);
  const threeYearsLater = new Date(start);
  threeYearsLater.setUTCFullYear(start.getUTCFullYear() + 3);
  return today.getTime() < threeYearsLater.getTime();
};

/** Internal schema history: EducatorRegistered v1 carried one `subject`; v2 a list. */
export const DIRECTORY_EVENT_SCHEMAS = {
  current: { EducatorRegistered: 2 },
  upcasters: {
    EducatorRegistered: {
      1: ({ subject, ...rest }: { subject?: string }) => ({ ...rest, subjects: subject ? [subject] : [] }),
    },
  },
};
