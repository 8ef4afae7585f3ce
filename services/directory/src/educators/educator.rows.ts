import { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import { EducatorEvent } from './educator.decider';

export interface EducatorRow {
  /** `${tenantId}|${educatorId}`: a transferred educator has one row per municipality. */
  _id: string;
  educatorId: string;
  tenantId: string;
  organizationId: string;
  /** Opened from the sealed name when the event is projected; null once erased. */
  fullName: string | null;
  position: string;
  subjects: string[];
  careerStartDate: string;
  qualificationCategory: string;
  status: 'ACTIVE' | 'TRANSFERRED' | 'LEFT';
  personalDataErased: boolean;
}

export const educatorRowId = (tenantId: string, educatorId: string) => `${tenantId}|${educatorId}`;

/**
 * Educator events with the personal data already opened: the projection opens the sealed
 * name (the vault is infrastructure) and hands the row table `fullName` beside the event.
 */
export type OpenedEnvelope = EventEnvelope & { opened?: { fullName: string | null } };

const EDUCATOR_EVENTS = new Set([
  'EducatorRegistered',
  'EducatorUpdated',
  'EducatorMoved',
  'EducatorTransferredOut',
  'EducatorTransferredIn',
  'EducatorLeft',
  'EducatorPersonalDataErased',
]);

export const educatorRows: RowTable<EducatorRow> = {
  collection: 'educators',
  indexes: [{ keys: { tenantId: 1, _id: 1 } }, { keys: { educatorId: 1 } }, { keys: { tenantId: 1, organizationId: 1 } }],
  rowsOf: (envelope) => {
    if (!EDUCATOR_EVENTS.has(envelope.type)) return [];
    const e = { type: envelope.type, data: envelope.data } as EducatorEvent;
    // An erasure reaches every municipality's record of the person (early erasures name none: their own).
    if (e.type === 'EducatorPersonalDataErased') {
      return [...new Set([...(e.data.municipalityIds ?? []), envelope.tenantId])].map((t) => educatorRowId(t, e.data.educatorId));
    }
    return [educatorRowId(envelope.tenantId, e.data.educatorId)];
  },
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as EducatorEvent;
    const opened = (envelope as OpenedEnvelope).opened;
    const t = envelope.tenantId;
    switch (e.type) {
      case 'EducatorRegistered':
      case 'EducatorTransferredIn': {
        const d = e.data;
        return {
          _id: educatorRowId(t, d.educatorId),
          educatorId: d.educatorId,
          tenantId: t,
          organizationId: d.organizationId,
          fullName: opened?.fullName ?? null,
          position: d.position,
          subjects: d.subjects,
          careerStartDate: d.careerStartDate,
          qualificationCategory: d.qualificationCategory,
          status: 'ACTIVE',
          personalDataErased: d.personal === null,
        };
      }
      case 'EducatorUpdated':
        if (!row) return null;
        return { ...row, ...e.data.changes, ...(e.data.personal ? { fullName: opened?.fullName ?? null } : {}) };
      case 'EducatorMoved':
        return row && { ...row, organizationId: e.data.toOrganizationId };
      case 'EducatorTransferredOut':
        return row && { ...row, status: 'TRANSFERRED' };
      case 'EducatorLeft':
        return row && { ...row, status: 'LEFT' };
      case 'EducatorPersonalDataErased':
        return row && { ...row, fullName: null, personalDataErased: true };
    }
  },
};
