import { deciderSpec } from '@mms/testing';
import { DomainError } from '@mms/eventsourcing/core';
import { DiagnosticImportCommand, diagnosticImportDecider, DiagnosticImportEvent } from './diagnostic-import.decider';

const spec = deciderSpec(diagnosticImportDecider);

const summary = { importId: 'i1', contentHash: 'h1', acceptedLines: [2, 3], rejected: [{ line: 4, message: 'unknown area "X"' }] };
const cmd: DiagnosticImportCommand = { type: 'RecordDiagnosticImport', ...summary };
const recorded: DiagnosticImportEvent = { type: 'DiagnosticImportRecorded', data: summary };

describe('diagnostic import record', () => {
  it('records the accepted and rejected lines once', () => {
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
});
