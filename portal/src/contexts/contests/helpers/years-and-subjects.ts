// ---- Academic years ----

const YEAR = /^(\d{4})\/(\d{4})$/;

/** The academic year a day falls in: from 1 September to 31 August ("2026/2027"). */
export const academicYearOf = (isoDay: string): string => {
  const y = Number(isoDay.slice(0, 4));
  const m = Number(isoDay.slice(5, 7));
  return m >= 9 ? `${y}/${y + 1}` : `${y - 1}/${y}`;
};

/** The years a list offers: the previous, the current and the next. */
export const academicYearChoices = (isoDay: string): string[] => {
  const start = Number(academicYearOf(isoDay).slice(0, 4));
  return [start - 1, start, start + 1].map((y) => `${y}/${y + 1}`);
};

/** The year in the address (`?year=2026/2027`), or the current one when it is missing or malformed. */
export const yearFrom = (param: string | null, isoDay: string): string => {
  const m = param ? YEAR.exec(param) : null;
  return m && Number(m[2]) === Number(m[1]) + 1 ? param! : academicYearOf(isoDay);
};

// ---- Subjects ----

/** A subject of the all-Russian school olympiad (ВсОШ) as the API lists them (`olympiadSubjects`). */
export interface OlympiadSubject {
  code: string;
  title: string;
}

/** The subjects as a select lists them: by their Russian name. */
export const subjectChoices = (subjects: readonly OlympiadSubject[]): { value: string; label: string }[] =>
  subjects.map((x) => ({ value: x.code, label: x.title })).sort((a, b) => a.label.localeCompare(b.label, 'ru'));

/**
 * What a stage's subject field sends: a ВсОШ subject's code when the text names one (by code or by
 * its Russian name, any case), else a local olympiad's own subject as typed (trimmed).
 */
export const subjectCode = (text: string, subjects: readonly OlympiadSubject[]): string => {
  const s = text.trim().replace(/\s+/g, ' ');
  const upper = s.toUpperCase();
  const lower = s.toLocaleLowerCase('ru');
  const hit = subjects.find((x) => x.code === upper || x.title.toLocaleLowerCase('ru') === lower);
  return hit ? hit.code : s;
};

/** How a subject field shows a stored subject: a ВсОШ subject's name, else the subject itself. */
export const subjectText = (code: string, subjects: readonly OlympiadSubject[]): string => subjects.find((x) => x.code === code)?.title ?? code;
