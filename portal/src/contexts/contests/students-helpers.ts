/** Pure helpers of the students pages: a record's changes, a pasted class list. */

export interface NameParts {
  surname: string;
  name: string;
  patronymic: string;
}

/** A line of a class list ("Иванова Мария Петровна"): surname, name, and the rest as the patronymic. */
export const nameParts = (fullName: string | null | undefined): NameParts => {
  const [surname = '', name = '', ...rest] = (fullName ?? '').trim().split(/\s+/).filter(Boolean);
  return { surname, name, patronymic: rest.join(' ') };
};

/** The record as the API gives it: the name in parts (null once erased). */
export interface StudentRecord {
  surname: string | null;
  name: string | null;
  patronymic: string | null;
  birthDate: string | null;
  grade: number;
}

/** What a change of a student sends: only what differs from the record (null when nothing does). */
export const studentChanges = (
  before: StudentRecord,
  after: NameParts & { birthDate: string; grade: number },
): { surname?: string; name?: string; patronymic?: string; birthDate?: string; grade?: number } | null => {
  const change: { surname?: string; name?: string; patronymic?: string; birthDate?: string; grade?: number } = {};
  if (before.surname !== null) {
    if (after.surname.trim() !== before.surname) change.surname = after.surname.trim();
    if (after.name.trim() !== (before.name ?? '')) change.name = after.name.trim();
    if (after.patronymic.trim() !== (before.patronymic ?? '')) change.patronymic = after.patronymic.trim();
    if (after.birthDate && after.birthDate !== (before.birthDate ?? '')) change.birthDate = after.birthDate;
  }
  if (after.grade !== before.grade) change.grade = after.grade;
  return Object.keys(change).length ? change : null;
};

export type ClassListProblem = 'NAME' | 'DATE';

export interface ClassList {
  students: (NameParts & { birthDate?: string })[];
  /** By line number (1-based, as the person sees the list). */
  problems: { line: number; problem: ClassListProblem; text: string }[];
}

const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A birth date as typed in a class list: ДД.ММ.ГГГГ or ГГГГ-ММ-ДД, a real day; null when it is neither. */
export const birthDateOf = (text: string): string | null => {
  const dmy = DMY.exec(text);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : ISO.test(text) ? text : null;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
};

/**
 * A class list pasted from a spreadsheet or a text file: one student a line, the full name, then
 * optionally the birth date after a tab, ";" or ","; blank lines skipped. A line without a surname
 * and a name, or with a date that is no day, is reported by its number and nothing is sent.
 */
export const parseClassList = (text: string): ClassList => {
  const out: ClassList = { students: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) return;
    const [namePart = '', datePart = ''] = line.split(/[\t;,]/).map((x) => x.trim());
    const parts = nameParts(namePart);
    if (!parts.surname || !parts.name) return out.problems.push({ line: i + 1, problem: 'NAME', text: line });
    if (!datePart) return out.students.push(parts);
    const birthDate = birthDateOf(datePart);
    if (!birthDate) return out.problems.push({ line: i + 1, problem: 'DATE', text: line });
    out.students.push({ ...parts, birthDate });
  });
  return out;
};
