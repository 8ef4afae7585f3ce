// ---- The score file ----

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type an upload says (a hint: the importer reads the content): XLSX by its name or type, else CSV. */
export const uploadContentType = (file: { name: string; type: string }): string =>
  /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE ? XLSX_TYPE : 'text/csv';

/** An import id as the upload route accepts it: `scores-`, the moment and a random tail. */
export const newScoreImportId = (now: Date = new Date(), random: () => number = Math.random): string => {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const tail = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `scores-${stamp}-${tail}`;
};

/** The upload's address: the kind, the import's id and the stage it scores. */
export const scoreUploadUrl = (stageId: string, importId: string): string =>
  `/imports/olympiad-scores?importId=${encodeURIComponent(importId)}&stageId=${encodeURIComponent(stageId)}`;

export interface ScoreImportProgress {
  importId: string;
  status: string;
  receivedLines: number;
  applied: number;
  rejected: number;
}

export const scoreImportFinished = (status: string | null | undefined): boolean => status === 'DONE' || status === 'FAILED';

/**
 * Lines done of the lines received (applied or refused), and a percentage for the progress bar:
 * the file's sending is the first 30, the lines the other 70; a finished import is 100.
 */
export const scoreImportDone = (
  upload: { sent: number; total: number } | null,
  p: ScoreImportProgress | null,
): { done: number; total: number; percent: number } => {
  if (!p) {
    const percent = upload && upload.total > 0 ? Math.min(30, Math.round((upload.sent / upload.total) * 30)) : 0;
    return { done: 0, total: 0, percent };
  }
  const done = p.applied + p.rejected;
  const total = p.receivedLines;
  if (scoreImportFinished(p.status)) return { done, total, percent: 100 };
  return { done, total, percent: total > 0 ? 30 + Math.min(70, Math.round((done / total) * 70)) : 30 };
};

export type ScoreUploadAnswer =
  | { kind: 'accepted'; importId: string; rerun: boolean }
  | { kind: 'refused'; status: number; code: string | null; message: string | null; importId: string | null };

/**
 * What the gateway's `POST /imports/olympiad-scores` answered: 200/202 with the import (a re-run
 * says so); any other status a GraphQL-shaped error, or the import refused whole with its failure.
 */
export const scoreUploadAnswer = (status: number, body: string): ScoreUploadAnswer => {
  let json: {
    import?: { importId?: string; failure?: { code?: string; message?: string } | null };
    rerun?: boolean;
    errors?: { message?: string; extensions?: { code?: string } }[];
  } = {};
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    json = {};
  }
  const importId = typeof json.import?.importId === 'string' ? json.import.importId : null;
  if ((status === 200 || status === 202) && importId) return { kind: 'accepted', importId, rerun: json.rerun === true };
  const first = json.errors?.[0];
  return {
    kind: 'refused',
    status,
    code: first?.extensions?.code ?? json.import?.failure?.code ?? null,
    message: first?.message ?? json.import?.failure?.message ?? null,
    importId,
  };
};
