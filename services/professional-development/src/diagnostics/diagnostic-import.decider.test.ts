import { deciderSpec } from '@mms/testing';
import { DomainError, Upcasting } from '@mms/eventsourcing/core';
import { PD_EVENT_SCHEMAS } from '../pd.topics';
import { DiagnosticImportCommand, diagnosticImportDecider, DiagnosticImportEvent, RECORDED_PROBLEMS } from './diagnostic-import.decider';

const spec = deciderSpec(diagnosticImportDecider);

const summary = {
  importId: 'i1',
  contentHash: 'h1',
  lines: 3,
  accepted: 2,
  rejected: 1,
  problems: [{ line: 4, message: 'area "X" is not a competence area' }],
};
const cmd: DiagnosticImportCommand = { type: 'RecordDiagnosticImport', ...summary };
const recorded: DiagnosticImportEvent = { type: 'DiagnosticImportRecorded', data: summary };

describe('diagnostic import record', () => {
  it('records the outcome of the file once', () => {
    spec.given([]).when(cmd).then([recorded]);
  });

  it('a re-run of the same file records nothing again', () => {
    spec.given([recorded]).when(cmd).then([]);
  });

  it('the same importId with another file is refused', () => {
    spec
      .given([recorded])
      .when({ ...cmd, contentHash: 'h2' })
      .thenThrows(DomainError, 'IMPORT_ID_REUSED');
  });

  it('carries at most the first problems (the report holds them all), so a bad 100,000-line file is still a small event', () => {
    const problems = Array.from({ length: 5_000 }, (_, i) => ({ line: i + 2, message: 'bad' }));
    spec
      .given([])
      .when({ ...cmd, rejected: 5_000, problems })
      .then([{ type: 'DiagnosticImportRecorded', data: { ...summary, rejected: 5_000, problems: problems.slice(0, RECORDED_PROBLEMS) } }]);
  });

  it('reads a record of schema 1 (every line listed) as schema 2 (counted)', () => {
    const v1 = { importId: 'i0', contentHash: 'h0', acceptedLines: [2, 3, 5], rejected: [{ line: 4, message: 'x' }] };
    expect(new Upcasting(PD_EVENT_SCHEMAS).upcast('DiagnosticImportRecorded', 1, v1)).toEqual({
      schemaVersion: 2,
      data: { importId: 'i0', contentHash: 'h0', lines: 4, accepted: 3, rejected: 1, problems: [{ line: 4, message: 'x' }] },
    });
  });
});
