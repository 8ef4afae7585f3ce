import { createHash } from 'node:crypto';
import type { RequestContext } from '@mms/auth';
import { DomainError } from '@mms/eventsourcing/core';
import { checked, ImportProblem, ImportProgress, importProgress, ImportRecord, importProblemsPage, importRecordId, Page } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import type { CsvProblem } from './csv-import';
import { diagnosticImportDecider, requireSameFile } from './diagnostic-import.decider';
import { DIAGNOSTICS_IMPORT, diagnosticsImportKind } from './diagnostic-import.kind';

/** A file sent as a GraphQL string: big enough for a municipality's part; larger files go to the upload (POST /imports/diagnostics). */
export const MAX_IMPORT_CHARS = 5_000_000;
/** How long `importDiagnostics` waits for a run of the same import that another request or replica holds. */
const WAIT_FOR_OTHER_RUN_MS = 60_000;

export interface ImportSummary {
  importId: string;
  imported: number;
  rejected: CsvProblem[];
  rerun: boolean;
}

/**
 * `importDiagnostics(input: { importId, csv })`: the same import as an upload (the shared
 * mechanism, README "Imports"), with the file in the request and the answer once it is
 * applied: every line checked by the manual-entry rule, bad lines reported by line number,
 * each educator's good rows in one commit, the outcome in the `diagnostic-import` stream. A
 * re-run of the same importId with the same file adds nothing and answers the first run's
 * summary; a run interrupted half-way is finished by it.
 */
export const importDiagnostics = async (d: PdDeps, req: RequestContext, input: { importId: string; csv: string }): Promise<ImportSummary> => {
  const kind = diagnosticsImportKind(d);
  const caller = await kind.authorize(req);
  checked('import', (c) => {
    c.id('importId', input.importId);
    if (input.csv.length > MAX_IMPORT_CHARS) c.problem('csv', `must be at most ${MAX_IMPORT_CHARS} characters; upload larger files to /imports/diagnostics`);
  });

  // An import recorded before the import store existed is known only by its stream.
  if (!(await d.imports.get(DIAGNOSTICS_IMPORT, caller.tenantId, input.importId))) {
    const { state } = await d.commands.load(diagnosticImportDecider, caller.tenantId, streams.diagnosticImport(input.importId));
    if (state.status === 'RECORDED') {
      requireSameFile(state, createHash('sha256').update(input.csv).digest('hex'));
      return { importId: input.importId, imported: state.accepted, rejected: state.problems, rerun: true };
    }
  }

  const { record, rerun } = await d.imports.receive(kind, caller, input.importId, [input.csv]);
  const final = await untilFinished(d, record);
  const problems = await d.imports.problems(final, 0, final.counts.problems);
  return { importId: input.importId, imported: final.counts.applied, rejected: problems.sort((a, b) => a.line - b.line), rerun };
};

/** Runs the import here, or waits for the run that holds it. */
const untilFinished = async (d: PdDeps, record: ImportRecord): Promise<ImportRecord> => {
  const kind = diagnosticsImportKind(d);
  const finished = (r: ImportRecord) => r.status === 'DONE' || r.status === 'FAILED';
  if (finished(record)) return record;
  const started = Date.now();
  for (;;) {
    const r = (await d.imports.run(kind, record._id)) ?? (await d.imports.store.get(record._id))!;
    if (finished(r)) return r;
    if (Date.now() - started > WAIT_FOR_OTHER_RUN_MS) {
      throw new DomainError('IMPORT_IN_PROGRESS', `import ${record.importId} is still being applied; follow it with diagnosticsImport(importId)`, {
        importId: record.importId,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

export interface DiagnosticsImportView extends ImportProgress {
  /** The record read, for the report's pages (not in the schema). */
  record: ImportRecord;
}

/** `diagnosticsImport(importId)`: the methodologist's own import, while it runs and after. */
export const diagnosticsImport = async (d: PdDeps, req: RequestContext, importId: string): Promise<DiagnosticsImportView | null> => {
  const { tenantId } = access.methodologist(req.user, 'follow diagnostics imports');
  checked('import', (c) => c.id('importId', importId));
  const record = await d.imports.store.get(importRecordId(DIAGNOSTICS_IMPORT, tenantId, importId));
  return record ? { ...importProgress(record), record } : null;
};

/** A page of the import's report: every refused line with why. */
export const diagnosticsImportProblems = (
  d: PdDeps,
  view: DiagnosticsImportView,
  args: { first?: number | null; after?: string | null },
): Promise<Page<ImportProblem>> => importProblemsPage(d.imports, view.record, args);
