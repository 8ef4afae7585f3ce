import type { ContestsDeps } from '../contests.deps';
import type { Consent, StudentState } from './student.decider';
import { fullNameOf, StudentName } from './student.names';
import type { StudentRow } from './student.rows';

export interface StudentView {
  id: string;
  tenantId: string;
  schoolId: string;
  grade: number;
  fullName: string | null;
  surname: string | null;
  name: string | null;
  patronymic: string | null;
  birthDate: string | null;
  consent: Consent | null;
  possibleDuplicate: boolean;
  erased: boolean;
}

const nameParts = (name: StudentName | null) => ({
  fullName: name ? fullNameOf(name) : null,
  surname: name?.surname ?? null,
  name: name?.name ?? null,
  patronymic: name?.patronymic ?? null,
  birthDate: name?.birthDate ?? null,
});

/** The student as the caller (who may read names: checked by the caller) sees them; the name opened from the vault. */
export const studentView = async (d: ContestsDeps, tenantId: string, s: StudentState, possibleDuplicate = false): Promise<StudentView> => {
  if (s.status === 'none') throw new Error('student missing after a successful command');
  const name = s.personal ? await d.vault.open<StudentName>(s.personal) : null;
  return {
    id: s.studentId,
    tenantId,
    schoolId: s.schoolId,
    grade: s.grade,
    ...nameParts(name),
    consent: s.consent,
    possibleDuplicate,
    erased: s.status === 'ERASED',
  };
};

export const studentRowView = async (d: ContestsDeps, r: StudentRow, possibleDuplicate: boolean): Promise<StudentView> => {
  const name = r.personal ? await d.vault.open<StudentName>(r.personal) : null;
  return {
    id: r._id,
    tenantId: r.tenantId,
    schoolId: r.schoolId,
    grade: r.grade,
    ...nameParts(name),
    consent: r.consent,
    possibleDuplicate,
    erased: r.status === 'ERASED',
  };
};
