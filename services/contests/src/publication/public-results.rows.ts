import type { RowTable } from '@mms/eventsourcing/core';
import { StudentRow, studentRows } from '../students/student.rows';
import type { MaskingFacts } from './masking';

/*
 * The public results' own copy of the students: per student only the facts masking reads,
 * by school, so the public query reads a school's students with one indexed equality, never
 * the students' sealed names, nor `_id: { $in }` (which FerretDB does not push down: it
 * decodes the whole collection). Masking itself stays at read time, in publication/masking.ts,
 * so a withdrawn consent or an erasure retracts a line at once in every protocol that holds
 * it, whatever order the events arrive in (public-revisions.ts says when an answer made
 * earlier may be reused).
 */

/** One row per student: the school (to read a school's students at once), the municipality it is registered in, and what masking reads. */
export interface PublicStudentRow extends MaskingFacts {
  _id: string;
  tenantId: string;
  schoolId: string;
}

const publicStudentOf = (s: StudentRow | null): PublicStudentRow | null =>
  s && {
    _id: s._id,
    tenantId: s.tenantId,
    schoolId: s.schoolId,
    consent: s.consent && { participation: s.consent.participation, publishResults: s.consent.publishResults },
    shortName: s.shortName,
    status: s.status,
  };

/**
 * The student table's own rule (students/student.rows.ts) folded over the compact row: every
 * field it reads or keeps for masking is here, the rest is dropped again after each event.
 */
export const publicStudentRows: RowTable<PublicStudentRow> = {
  collection: 'public_students',
  indexes: [{ keys: { schoolId: 1 } }],
  rowsOf: studentRows.rowsOf,
  evolve: (row, envelope) => publicStudentOf(studentRows.evolve(row as StudentRow | null, envelope)),
};
