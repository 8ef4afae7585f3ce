import { decodeCursor, encodeCursor, Page, pageSize } from '../paging/page';
import type { Importer } from './importer';
import type { ImportProblem, ImportRecord } from './import-store';

/** An import's progress as clients read it (GraphQL, the upload's answer). */
export interface ImportProgress {
  importId: string;
  kind: string;
  status: ImportRecord['status'];
  onInvalid: ImportRecord['onInvalid'];
  failure: ImportRecord['failure'];
  receivedOn: string;
  receivedBytes: number;
  receivedLines: number;
  valid: number;
  rejected: number;
  applied: number;
  problemCount: number;
  startedAt: string;
  receivedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

export const importProgress = (r: ImportRecord): ImportProgress => ({
  importId: r.importId,
  kind: r.kind,
  status: r.status,
  onInvalid: r.onInvalid,
  failure: r.failure,
  receivedOn: r.receivedOn,
  receivedBytes: r.receivedBytes,
  receivedLines: r.receivedLines,
  valid: r.counts.valid,
  rejected: r.counts.rejected,
  applied: r.counts.applied,
  problemCount: r.counts.problems,
  startedAt: r.startedAt,
  receivedAt: r.receivedAt,
  finishedAt: r.finishedAt,
  updatedAt: r.updatedAt,
});

/** A page of the report (in the order problems were found); the cursor is the position after the page. */
export const importProblemsPage = async (
  importer: Importer,
  record: ImportRecord,
  args: { first?: number | null; after?: string | null },
): Promise<Page<ImportProblem>> => {
  const size = pageSize(args.first);
  const from = args.after ? Number(decodeCursor(args.after)) : 0;
  const nodes = Number.isInteger(from) && from >= 0 ? await importer.problems(record, from, size) : [];
  const end = from + nodes.length;
  return { nodes, pageInfo: { hasNextPage: end < record.counts.problems, endCursor: nodes.length ? encodeCursor(String(end)) : null } };
};
