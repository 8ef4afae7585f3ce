import { DomainError, ValidationError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { PriorResultsCommand, priorResultsDecider, PriorResultsEvent } from './prior-results.decider';

const spec = deciderSpec(priorResultsDecider);
const key = { academicYear: '2025/2026', subject: 'MATHEMATICS', level: 'MUNICIPAL' as const };
const protocol = { number: '14', date: '2025-12-20' };
const record = (over: Partial<PriorResultsCommand> = {}): PriorResultsCommand => ({
  type: 'RecordPriorResults',
  ...key,
  protocol,
  rows: [
    { studentId: 's2', grade: 9, status: 'PRIZE_WINNER' },
    { studentId: 's1', grade: 8, status: 'WINNER' },
  ],
  currentYear: '2026/2027',
  heldOnPlatform: false,
  ...over,
});
const recorded: PriorResultsEvent = {
  type: 'PriorResultsRecorded',
  data: {
    ...key,
    protocol,
    rows: [
      { studentId: 's1', grade: 8, status: 'WINNER' },
      { studentId: 's2', grade: 9, status: 'PRIZE_WINNER' },
    ],
  },
};

describe('prior years’ results', () => {
  it('records a past year’s winners from its protocol, in a stable order; the same list again changes nothing', () => {
    spec.given([]).when(record()).then([recorded]);
    spec.given([recorded]).when(record()).then([]);
  });

  it('a corrected protocol replaces the list', () => {
    spec
      .given([recorded])
      .when(record({ protocol: { number: '14-и', date: '2025-12-22' }, rows: [{ studentId: 's1', grade: 8, status: 'WINNER' }] }))
      .then([
        {
          type: 'PriorResultsRecorded',
          data: { ...key, protocol: { number: '14-и', date: '2025-12-22' }, rows: [{ studentId: 's1', grade: 8, status: 'WINNER' }] },
        },
      ]);
  });

  it('refuses this year, a stage held on the platform, participants, grades the level does not take, and a student twice', () => {
    spec
      .given([])
      .when(record({ academicYear: '2026/2027' }))
      .thenThrows(ValidationError);
    spec
      .given([])
      .when(record({ heldOnPlatform: true }))
      .thenThrows(DomainError);
    spec
      .given([])
      .when(record({ rows: [{ studentId: 's1', grade: 8, status: 'PARTICIPANT' as never }] }))
      .thenThrows(ValidationError);
    spec
      .given([])
      .when(record({ rows: [{ studentId: 's1', grade: 6, status: 'WINNER' }] }))
      .thenThrows(ValidationError);
    spec
      .given([])
      .when(
        record({
          rows: [
            { studentId: 's1', grade: 8, status: 'WINNER' },
            { studentId: 's1', grade: 9, status: 'WINNER' },
          ],
        }),
      )
      .thenThrows(ValidationError);
  });
});
