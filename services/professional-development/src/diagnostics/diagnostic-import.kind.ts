import { CommandContext, inParallel, PlatformError } from '@mms/eventsourcing/core';
import type { ImportKind, ImportRun, StagedRow } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { DevelopmentCommand, developmentDecider } from '../development/development.decider';
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

  // A list's educators read together, their commits appended by one bulk command (import-kind.ts: lists of groups).
  checkGroup: async (educatorId, rows, run) => (await checkEducators(d, [[educatorId, rows]], run))[0]!,
  checkGroups: (groups, run) => checkEducators(d, groups, run),
  applyGroup: async (educatorId, rows, run) => (await recordResults(d, [[educatorId, rows]], run))[0]!,
  applyGroups: (groups, run) => recordResults(d, groups, run),

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

type EducatorRows = ReadonlyArray<readonly [string, StagedRow<DiagnosticsCsvRow>[]]>;

/** Each group's educator, one of this municipality's as placed now, or why not. */
const checkEducators = async (d: PdDeps, groups: EducatorRows, run: ImportRun): Promise<Array<string | null>> => {
  const rows = new Map((await d.tables.educators.getMany(groups.map(([id]) => id))).map((r) => [r._id, r]));
  return groups.map(([id]) => (placedHere(rows.get(id) ?? null, run.tenantId) ? null : notHere(id)));
};

const recordCommand = (educatorId: string, rows: StagedRow<DiagnosticsCsvRow>[], importId: string): DevelopmentCommand => ({
  type: 'RecordDiagnosticResults',
  educatorId,
  results: rows.map((r) => ({
    resultId: resultId(importId, r.line),
    area: r.data.area,
    score: r.data.score,
    maxScore: r.data.maxScore,
    takenOn: r.data.takenOn,
    source: 'IMPORT' as const,
    importId,
  })),
});

/**
 * Each educator's rows as one commit of their development stream, every educator of the list
 * appended in one bulk command. A rule refusing an educator's rows is the file's problem;
 * anything else (the database, a conflict retried out) stops the run, which is resumed.
 */
const recordResults = async (d: PdDeps, groups: EducatorRows, run: ImportRun): Promise<Array<string | null>> => {
  const rows = new Map((await d.tables.educators.getMany(groups.map(([id]) => id))).map((r) => [r._id, r]));
  const answers = new Array<string | null>(groups.length).fill(null);
  const planned: Array<{ k: number; educator: EducatorRow }> = [];
  const gone: number[] = [];
  groups.forEach(([educatorId], k) => {
    const row = rows.get(educatorId) ?? null;
    if (placedHere(row, run.tenantId)) planned.push({ k, educator: row });
    else gone.push(k);
  });
  // Moved away since the rows were checked: refused, unless a run before a crash already wrote them.
  await inParallel(gone, 8, async (k) => {
    const [educatorId, lines] = groups[k]!;
    if (!(await alreadyRecorded(d, educatorId, lines, run.importId))) answers[k] = notHere(educatorId);
  });
  if (!planned.length) return answers;
  const results = await d.commands.handleMany(
    developmentDecider,
    planned.map(({ k, educator }) => ({
      streamId: streams.development(educator._id),
      command: recordCommand(educator._id, groups[k]![1], run.importId),
      where: { locate: true as const, orIn: educator.municipalityId! },
    })),
    runContext(run),
  );
  results.forEach((r, j) => {
    if (!(r instanceof Error)) return;
    if (r instanceof PlatformError && r.code !== 'CONCURRENCY_CONFLICT') answers[planned[j]!.k] = r.message;
    else throw r;
  });
  return answers;
};

const alreadyRecorded = async (d: PdDeps, educatorId: string, rows: StagedRow<DiagnosticsCsvRow>[], importId: string): Promise<boolean> => {
  const { state } = await d.commands.load(developmentDecider, { locate: true }, streams.development(educatorId));
  return rows.every((r) => state.resultIds.includes(resultId(importId, r.line)));
};
