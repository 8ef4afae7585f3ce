import { Decider, DomainError, DomainEvent } from '@mms/eventsourcing/core';
import { CsvProblem } from './csv-import';

/**
 * One CSV import of diagnostic results (stream `diagnostic-import`, id = importId): which
 * lines were accepted and which were rejected and why. It is the audit record of the file
 * and what makes a re-run of the same importId answer with the first run's summary.
 */
export interface DiagnosticImportSummary {
  importId: string;
  /** sha256 of the file: the same importId with another file is a caller's mistake. */
  contentHash: string;
  acceptedLines: number[];
  rejected: CsvProblem[];
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
    if (s.status === 'none') return [{ type: 'DiagnosticImportRecorded', data: summary }];
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
