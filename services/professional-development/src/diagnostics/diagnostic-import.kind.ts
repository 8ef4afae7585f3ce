import { CommandContext, PlatformError } from '@mms/eventsourcing/core';
import type { ImportKind, ImportRun, StagedRow } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { developmentDecider } from '../development/development.decider';
import type { EducatorRow } from '../educators/educator.rows';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import { DIAGNOSTICS_COLUMNS, DiagnosticsCsvRow, parseDiagnosticsRow } from './csv-import';
import { diagnosticImportDecider } from './diagnostic-import.decider';

/** The upload path segment and the import store's kind: POST /imports/diagnostics. */
export const DIAGNOSTICS_IMPORT = 'diagnostics';

const runContext = (run: ImportRun): CommandContext => ({
  tenantId: run.tenantId,
  actor: run.actor,
  correlationId: run.correlationId,
  ...(run.causationId ? { causationId: run.causationId } : {}),
});

/** Only the municipality's own educators, as they are placed now. */
const placedHere = (row: EducatorRow | null, tenantId: string): row is EducatorRow =>
  !!row && row.municipalityId === tenantId && !!row.organizationId && !!row.active;

const notHere = (educatorId: string) => `educator ${educatorId} is not an active educator of this municipality`;

const resultId = (importId: string, line: number) => `${importId}:${line}`;

/**
 * The diagnostics CSV as an import kind (README, "Imports"): a methodologist's file of their
 * municipality's results; each line judged by the manual-entry rule; each educator's rows
 * in one commit of their development stream (all of them or none), ids `importId:line` so a
 * commit made again after a crash adds nothing; the outcome recorded in the
 * `diagnostic-import-<importId>` stream.
 */
export const diagnosticsImportKind = (d: PdDeps): ImportKind<DiagnosticsCsvRow> => ({
  name: DIAGNOSTICS_IMPORT,
  columns: DIAGNOSTICS_COLUMNS,

  authorize: (req) => {
    const { tenantId, user } = access.methodologist(req.user, 'import diagnostics');
    return { tenantId, actor: { subject: user.subject, role: user.role }, correlationId: req.correlationId, causationId: req.requestId };
  },

  row: (values, at) => parseDiagnosticsRow(values, at.separator, at.today),

  checkGroup: async (educatorId, _rows, run) => (placedHere(await d.tables.educators.get(educatorId), run.tenantId) ? null : notHere(educatorId)),

  applyGroup: async (educatorId, rows, run) => {
    const row = await d.tables.educators.get(educatorId);
    if (!placedHere(row, run.tenantId)) {
      // Moved away since the rows were checked: refused, unless a run before a crash already wrote them.
      return (await alreadyRecorded(d, educatorId, rows, run.importId)) ? null : notHere(educatorId);
    }
    try {
      await d.commands.handle(
        developmentDecider,
        streams.development(row._id),
        {
          type: 'RecordDiagnosticResults',
          educatorId: row._id,
          results: rows.map((r) => ({
            resultId: resultId(run.importId, r.line),
            area: r.data.area,
            score: r.data.score,
            maxScore: r.data.maxScore,
            takenOn: r.data.takenOn,
            source: 'IMPORT' as const,
            importId: run.importId,
          })),
        },
        runContext(run),
        { locate: true, orIn: row.municipalityId! },
      );
      return null;
    } catch (err) {
      // A rule refusing a row is the file's problem; anything else (the database) stops the run, which is resumed.
      if (err instanceof PlatformError && err.code !== 'CONCURRENCY_CONFLICT') return err.message;
      throw err;
    }
  },

  finished: async (record, firstProblems, run) => {
    await d.commands.handle(
      diagnosticImportDecider,
      streams.diagnosticImport(run.importId),
      {
        type: 'RecordDiagnosticImport',
        importId: run.importId,
        contentHash: record.contentHash ?? '',
        lines: record.receivedLines,
        accepted: record.counts.applied,
        rejected: record.counts.rejected,
        problems: [...firstProblems].sort((a, b) => a.line - b.line),
      },
      runContext(run),
    );
  },

  // Imports run before the import store kept records are known only by their stream.
  idTaken: async (importId, caller) =>
    (await d.commands.load(diagnosticImportDecider, caller.tenantId, streams.diagnosticImport(importId))).state.status !== 'none',
});

const alreadyRecorded = async (d: PdDeps, educatorId: string, rows: StagedRow<DiagnosticsCsvRow>[], importId: string): Promise<boolean> => {
  const { state } = await d.commands.load(developmentDecider, { locate: true }, streams.development(educatorId));
  return rows.every((r) => state.resultIds.includes(resultId(importId, r.line)));
};
