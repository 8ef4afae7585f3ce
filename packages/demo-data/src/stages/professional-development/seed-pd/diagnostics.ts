/** Phase 5 of the PD seeding: one importDiagnostics CSV per municipality (per part of a large one), by its methodologist. */
import { runPool } from '../../../runner/pool';
import { diagnosticsCsv, DiagnosticsImportPlan } from '../pd-plan';
import { aborted, fail, methodologist, PdSeedContext, send, tally } from './context';
import { IMPORT_DIAGNOSTICS } from './documents';

interface ImportAnswer {
  importId: string;
  imported: number;
  rerun: boolean;
  rejected: { line: number; message: string }[];
}

/** Adds up the answer; rejected rows are reported as one failure of the import. */
const account = (ctx: PdSeedContext, d: DiagnosticsImportPlan, rows: number, r: ImportAnswer) => {
  const diag = ctx.out.diag;
  diag.rowsImported += r.imported;
  diag.rowsRejected += r.rejected.length;
  if (r.rerun) diag.reruns++;
  if (r.rejected.length) {
    const first = r.rejected
      .slice(0, 3)
      .map((p) => `line ${p.line}: ${p.message}`)
      .join('; ');
    fail(
      ctx,
      { command: 'importDiagnostics', phase: 'diagnostics', planId: d.importId, tenantId: d.municipalityId },
      new Error(`${r.rejected.length} of ${rows} rows rejected: ${first}`),
    );
  }
  tally(ctx, 'diagnostics', r.rerun ? 'existing' : 'created');
};

/** One import, with the directory's ids in the CSV; nothing to send when none of its educators is known. */
const importDiagnostics = async (ctx: PdSeedContext, d: DiagnosticsImportPlan) => {
  if (!ctx.ids.municipalities[d.municipalityId]) {
    tally(ctx, 'diagnostics', 'skipped');
    return;
  }
  const { csv, rows, missing } = diagnosticsCsv(d.rows, ctx.ids.educators);
  ctx.out.diag.rowsWithoutEducator += missing;
  if (rows === 0) {
    tally(ctx, 'diagnostics', 'skipped');
    return;
  }
  try {
    const input = { importId: d.importId, csv };
    const r = await send<ImportAnswer>(
      ctx,
      'importDiagnostics',
      IMPORT_DIAGNOSTICS,
      { input },
      await methodologist(ctx, d.municipalityId),
      d.importId,
      d.municipalityId,
    );
    account(ctx, d, rows, r!);
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'importDiagnostics', phase: 'diagnostics', planId: d.importId, tenantId: d.municipalityId }, err);
    tally(ctx, 'diagnostics', 'failed');
  }
};

/** Phase 5: at most four imports at a time (they are the largest requests). */
export const seedDiagnostics = async (ctx: PdSeedContext) => {
  await runPool(ctx.pd.diagnostics, Math.min(ctx.concurrency, 4), (d) => importDiagnostics(ctx, d), ctx.signal);
};
