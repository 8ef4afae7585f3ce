// ---- Registration and the code sheet ----

export type RegistrationState = 'UPCOMING' | 'OPEN' | 'CLOSED' | 'CANCELLED';

export const registrationState = (stage: { registrationFrom: string; registrationTo: string; status: string }, isoDay: string): RegistrationState => {
  if (stage.status === 'CANCELLED') return 'CANCELLED';
  if (isoDay < stage.registrationFrom) return 'UPCOMING';
  return isoDay <= stage.registrationTo ? 'OPEN' : 'CLOSED';
};

/** Whether a school takes part in a stage: its municipality's school and municipal stages, and the region's. */
export const concernsSchool = (stage: { organiser: string }, municipalityId: string | null): boolean =>
  stage.organiser === 'region' || (!!municipalityId && stage.organiser === municipalityId);

export interface SheetEntry {
  code?: string | null;
  status: string;
  grade: number;
  student?: { fullName?: string | null } | null;
}

/** The printable code sheet: entered students with a code, by grade, then name, then code. */
export const codeSheet = <E extends SheetEntry>(entries: readonly E[]): E[] =>
  entries
    .filter((e) => e.status === 'ENTERED' && !!e.code)
    .sort(
      (a, b) => a.grade - b.grade || (a.student?.fullName ?? '').localeCompare(b.student?.fullName ?? '', 'ru') || (a.code ?? '').localeCompare(b.code ?? ''),
    );
