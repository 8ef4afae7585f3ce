import type { RowTable, SealedPersonalData } from '@mms/eventsourcing/core';
import type { Consent, StudentEvent } from './student.decider';

/**
 * One row per student. The full name stays sealed here too (a minor's): only the school's
 * coordinator and the organiser open it. `shortName` (surname and initials) is what a
 * public protocol shows with the publication consent; the projection opens it once.
 */
export interface StudentRow {
  _id: string;
  tenantId: string;
  schoolId: string;
  grade: number;
  personal: SealedPersonalData | null;
  shortName: string | null;
  /** Flags the same child entered by two schools (a keyed hash, never a name). */
  duplicateKey: string | null;
  consent: Consent | null;
  status: 'ACTIVE' | 'ERASED';
}

/** What the projection's prepare adds: the short form of the sealed name (null once erased). */
export type OpenedStudentEnvelope = { opened?: { shortName: string | null } };

const STUDENT_EVENTS = new Set(['StudentRegistered', 'StudentDetailsChanged', 'StudentMovedSchool', 'ConsentRecorded', 'ConsentWithdrawn', 'StudentErased']);

export const studentRows: RowTable<StudentRow> = {
  collection: 'students',
  indexes: [{ keys: { tenantId: 1, schoolId: 1 } }, { keys: { duplicateKey: 1 } }],
  rowsOf: (e) => (STUDENT_EVENTS.has(e.type) ? [(e.data as { studentId: string }).studentId] : []),
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as StudentEvent;
    const opened = (envelope as OpenedStudentEnvelope).opened;
    switch (e.type) {
      case 'StudentRegistered':
        return {
          _id: e.data.studentId,
          tenantId: envelope.tenantId,
          schoolId: e.data.schoolId,
          grade: e.data.grade,
          personal: e.data.personal,
          shortName: opened?.shortName ?? null,
          duplicateKey: e.data.duplicateKey,
          consent: null,
          status: 'ACTIVE',
        };
      case 'StudentDetailsChanged':
        return (
          row && {
            ...row,
            grade: e.data.grade,
            ...(e.data.personal ? { personal: e.data.personal, shortName: opened?.shortName ?? null, duplicateKey: e.data.duplicateKey ?? null } : {}),
          }
        );
      case 'StudentMovedSchool':
        return row && { ...row, schoolId: e.data.schoolId };
      case 'ConsentRecorded':
        return row && { ...row, consent: e.data.consent };
      case 'ConsentWithdrawn':
        return row && { ...row, consent: null };
      case 'StudentErased':
        return row && { ...row, personal: null, shortName: null, duplicateKey: null, consent: null, status: 'ERASED' };
      default:
        return row;
    }
  },
};
