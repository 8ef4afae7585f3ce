import { createHash } from 'node:crypto';
import type { RequestContext } from '@mms/auth';
import { CommandContext, PlatformError } from '@mms/eventsourcing/core';
import { checked, commandContext } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { developmentDecider } from '../development/development.decider';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import { CsvProblem, DiagnosticsCsvRow, groupByEducator, parseDiagnosticsCsv } from './csv-import';
import { diagnosticImportDecider, requireSameFile } from './diagnostic-import.decider';

/** Big enough for every educator of a large municipality × every area; small enough for one request. */
export const MAX_IMPORT_CHARS = 5_000_000;
/** Educators whose rows are appended at the same time. */
const PARALLEL_EDUCATORS = 4;

export interface ImportSummary {
  importId: string;
  imported: number;
  rejected: CsvProblem[];
  rerun: boolean;
}

/**
 * The diagnostics CSV import (DESIGN.md, "CSV import"): every row is validated first; bad
 * rows are reported with their line; each educator's good rows are appended in one commit
 * (all of them or none); the `diagnostic-import` stream keeps the outcome. A re-run of the
 * same importId answers from that record, and even a run interrupted half-way is finished
 * safely by a re-run because every result id is `importId:line`.
 */
export const importDiagnostics = async (d: PdDeps, req: RequestContext, input: { importId: string; csv: string }): Promise<ImportSummary> => {
  const { tenantId, user } = access.methodologist(req.user, 'import diagnostics');
  checked('import', (c) => {
    c.id('importId', input.importId);
    if (input.csv.length > MAX_IMPORT_CHARS) c.problem('csv', `must be at most ${MAX_IMPORT_CHARS} characters; split the file`);
  });
  const ctx = commandContext(req, tenantId, user);
  const contentHash = createHash('sha256').update(input.csv).digest('hex');
  const record = streams.diagnosticImport(input.importId);
  const { state } = await d.commands.load(diagnosticImportDecider, tenantId, record);
  requireSameFile(state, contentHash);
  if (state.status === 'RECORDED') {
    return { importId: input.importId, imported: state.acceptedLines.length, rejected: state.rejected, rerun: true };
  }

  const { rows, problems } = parseDiagnosticsCsv(input.csv);
  const rejected: CsvProblem[] = [...problems];
  const accepted: number[] = [];
  const groups = groupByEducator(rows);
  for (let i = 0; i < groups.length; i += PARALLEL_EDUCATORS) {
    const outcomes = await Promise.all(groups.slice(i, i + PARALLEL_EDUCATORS).map((g) => appendGroup(d, input.importId, tenantId, g, ctx)));
    for (const o of outcomes) {
      if ('problem' in o) rejected.push(...o.lines.map((line) => ({ line, message: o.problem })));
      else accepted.push(...o.lines);
    }
  }
  accepted.sort((a, b) => a - b);
  rejected.sort((a, b) => a.line - b.line);
  await d.commands.handle(
    diagnosticImportDecider,
    record,
    { type: 'RecordDiagnosticImport', importId: input.importId, contentHash, acceptedLines: accepted, rejected },
    ctx,
  );
  return { importId: input.importId, imported: accepted.length, rejected, rerun: false };
};

/** One educator's rows in one commit; a rule refusing one of them refuses them all. */
const appendGroup = async (
  d: PdDeps,
  importId: string,
  tenantId: string,
  group: { educatorId: string; rows: DiagnosticsCsvRow[] },
  ctx: CommandContext,
): Promise<{ lines: number[] } | { lines: number[]; problem: string }> => {
  const lines = group.rows.map((r) => r.line);
  const row = await d.tables.educators.get(group.educatorId);
  // Only the methodologist's own educators: their current placement decides.
  if (!row?.municipalityId || row.municipalityId !== tenantId || !row.organizationId || !row.active) {
    return { lines, problem: `educator ${group.educatorId} is not an active educator of this municipality` };
  }
  try {
    await d.commands.handle(
      developmentDecider,
      streams.development(row._id),
      {
        type: 'RecordDiagnosticResults',
        educatorId: row._id,
        results: group.rows.map((r) => ({
          resultId: `${importId}:${r.line}`,
          area: r.area,
          score: r.score,
          maxScore: r.maxScore,
          takenOn: r.takenOn,
          source: 'IMPORT' as const,
          importId,
        })),
      },
      { actor: ctx.actor, correlationId: ctx.correlationId, ...(ctx.causationId ? { causationId: ctx.causationId } : {}) },
      { locate: true, orIn: row.municipalityId },
    );
    return { lines };
  } catch (err) {
    // A refused row is the file's problem; anything else (the database) aborts the run, and a re-run finishes it.
    if (err instanceof PlatformError && err.code !== 'CONCURRENCY_CONFLICT') return { lines, problem: err.message };
    throw err;
  }
};
