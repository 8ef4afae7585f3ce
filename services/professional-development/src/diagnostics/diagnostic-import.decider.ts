import { Decider, DomainError, DomainEvent, Upcaster } from '@mms/eventsourcing/core';

export interface DiagnosticImportProblem {
  line: number;
  message: string;
}

/** How many of an import's problems its record carries; the whole report stays with the import (`diagnosticsImport`). */
export const RECORDED_PROBLEMS = 100;

/**
 * One import of diagnostic results (stream `diagnostic-import`, id = importId): the audit
 * record of the file once it is finished (applied, or refused whole), and what refuses the
 * same importId for another file. Which lines were applied is in the educators' streams
 * (every result id is `importId:line`).
 */
export interface DiagnosticImportSummary {
  importId: string;
  /** sha256 of the file: the same importId with another file is a caller's mistake. */
  contentHash: string;
  /** Data lines of the file (the header and blank lines not counted). */
  lines: number;
  /** Lines applied. */
  accepted: number;
  /** Lines refused. */
  rejected: number;
  /** The first problems found (at most RECORDED_PROBLEMS; all of them in records from before schema 2). */
  problems: DiagnosticImportProblem[];
}

export type DiagnosticImportEvent = DomainEvent<'DiagnosticImportRecorded', DiagnosticImportSummary>;

export type DiagnosticImportCommand = { type: 'RecordDiagnosticImport' } & DiagnosticImportSummary;

export type DiagnosticImportState = { status: 'none' } | ({ status: 'RECORDED' } & DiagnosticImportSummary);

export const diagnosticImportDecider: Decider<DiagnosticImportState, DiagnosticImportCommand, DiagnosticImportEvent> = {
  streamType: 'diagnostic-import',
  initialState: () => ({ status: 'none' }),
  evolve: (_s, e) => ({ status: 'RECORDED', ...e.data }),
  decide: (c, s) => {
    const { type: _t, ...summary } = c;
    if (s.status === 'none') return [{ type: 'DiagnosticImportRecorded', data: { ...summary, problems: summary.problems.slice(0, RECORDED_PROBLEMS) } }];
    // The results themselves are idempotent (resultId = importId:line); the record is kept once.
    requireSameFile(s, c.contentHash);
    return [];
  },
};

/** Throws IMPORT_ID_REUSED when a recorded import is asked to take another file. */
export const requireSameFile = (s: DiagnosticImportState, contentHash: string) => {
  if (s.status === 'RECORDED' && s.contentHash !== contentHash) {
    throw new DomainError('IMPORT_ID_REUSED', `import ${s.importId} was already run with another file; use a new importId`, {
      importId: s.importId,
    });
  }
};

/**
 * Schema 1 listed every accepted line and every problem (a 100,000-line file made one event
 * of megabytes, more than a Kafka message takes); schema 2 counts them. Read-side upcaster.
 */
export const diagnosticImportUpcasters: Record<number, Upcaster> = {
  1: (d: { importId: string; contentHash: string; acceptedLines: number[]; rejected: DiagnosticImportProblem[] }): DiagnosticImportSummary => ({
    importId: d.importId,
    contentHash: d.contentHash,
    lines: d.acceptedLines.length + d.rejected.length,
    accepted: d.acceptedLines.length,
    rejected: d.rejected.length,
    problems: d.rejected,
  }),
};
