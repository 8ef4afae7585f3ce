/**
 * Pure helpers of the professional-development pages (unit-tested in pd-helpers.test.ts):
 * the due list's filters as the address holds them, the upload's answer, an import's progress.
 */

/** The days the reminders window may span (the API's 1..366). */
export const MAX_WITHIN_DAYS = 366;
export const DEFAULT_WITHIN_DAYS = 90;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DueFilters {
  withinDays: number;
  overdueOnly: boolean;
  /** null: the region's today (the API's default). */
  asOf: string | null;
}

/** The training-due list's filters from the address (`?within=30&overdue=1&asOf=2026-09-01`); what is malformed falls back to the default. */
export const dueFilters = (params: URLSearchParams): DueFilters => {
  const within = Number(params.get('within'));
  const asOf = params.get('asOf');
  return {
    withinDays: Number.isInteger(within) && within >= 1 && within <= MAX_WITHIN_DAYS ? within : DEFAULT_WITHIN_DAYS,
    overdueOnly: params.get('overdue') === '1',
    asOf: asOf && ISO_DATE.test(asOf) ? asOf : null,
  };
};

/** An import id as the upload route accepts it (letters, digits, `_ ~ -`): the day, the time and a random tail. */
export const newImportId = (now: Date = new Date(), random: () => number = Math.random): string => {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const tail = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `diag-${stamp}-${tail}`;
};

export type ImportStatus = 'RECEIVING' | 'VALIDATING' | 'APPLYING' | 'DONE' | 'FAILED';

export interface ImportProgress {
  importId: string;
  status: ImportStatus;
  failure?: { code: string; message: string } | null;
  receivedLines: number;
  valid: number;
  rejected: number;
  applied: number;
  problemCount: number;
}

export type UploadAnswer =
  | { kind: 'accepted'; progress: ImportProgress; rerun: boolean }
  | { kind: 'refused'; status: number; code: string | null; message: string | null; progress: ImportProgress | null };

/**
 * What the gateway's `POST /imports/diagnostics` answered: 202/200 with the progress (a re-run
 * says so); 422 with the progress of a file refused whole (bad header, empty); any other status
 * with a GraphQL-shaped error (`errors[0].extensions.code`).
 */
export const uploadAnswer = (status: number, body: string): UploadAnswer => {
  let json: { import?: ImportProgress; rerun?: boolean; errors?: { message?: string; extensions?: { code?: string } }[] } = {};
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    json = {};
  }
  const progress = json.import && typeof json.import.status === 'string' ? json.import : null;
  if ((status === 200 || status === 202) && progress) return { kind: 'accepted', progress, rerun: json.rerun === true };
  const first = json.errors?.[0];
  return {
    kind: 'refused',
    status,
    code: first?.extensions?.code ?? progress?.failure?.code ?? null,
    message: first?.message ?? progress?.failure?.message ?? null,
    progress,
  };
};

export const isFinished = (status: ImportStatus | null | undefined) => status === 'DONE' || status === 'FAILED';

/**
 * How far an import has come, 0..100, for a progress bar: the file's upload is the first
 * 40 (bytes sent of the file), checking the educators 40..50, applying 50..100 (lines applied
 * of the valid ones), DONE or FAILED 100.
 */
export const importPercent = (
  upload: { sent: number; total: number } | null,
  progress: Pick<ImportProgress, 'status' | 'valid' | 'applied'> | null,
): number => {
  if (!progress) return upload && upload.total > 0 ? Math.min(40, Math.round((upload.sent / upload.total) * 40)) : 0;
  switch (progress.status) {
    case 'RECEIVING':
      return 40;
    case 'VALIDATING':
      return 45;
    case 'APPLYING':
      return progress.valid > 0 ? 50 + Math.round((progress.applied / progress.valid) * 50) : 50;
    default:
      return 100;
  }
};

/** Non-empty lines of a text area, trimmed (mentoring goals, one per line). */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A calendar day `years` later (29 February becomes 28 February in a common year). */
export const addYears = (iso: string, years: number): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
};

/** An integer from a form field, or null when it is not one. */
export const intOrNull = (v: string | number | null | undefined): number | null => {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim());
  return String(v ?? '').trim() !== '' && Number.isInteger(n) ? n : null;
};
