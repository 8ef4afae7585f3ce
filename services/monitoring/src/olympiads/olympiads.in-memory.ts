import type { ParticipationChanged, ResultsFinalised } from '@mms/contracts/events';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { MemoryTable } from '@mms/testing';
import type { OlympiadDeps } from '../monitoring.deps';
import { OlympiadLevel, olympiadSchoolRows, OlympiadSchoolRow, protocolsPerSchool, schoolYearsOf } from './olympiad-schools.rows';
import type { OlympiadRevisionDocument } from './olympiad-tables';
import { OlympiadCache } from './olympiads.cache';

/**
 * The olympiads read model in memory, for specs: the same row table over what `project`
 * is given (protocols split per school, as the projection's prepare does), then every
 * touched row's revision bumped, as the projection does after its rows.
 */
export const olympiadsInMemory = (generation = 'g1') => {
  const schools = new MemoryTable<OlympiadSchoolRow>();
  const revisions = new MemoryTable<OlympiadRevisionDocument>();
  const deps: OlympiadDeps = { tables: async () => ({ generation, schools, revisions }), cache: new OlympiadCache() };
  const project = (events: EventEnvelope[]) => {
    schools.apply(olympiadSchoolRows, protocolsPerSchool(events));
    for (const s of events.flatMap(schoolYearsOf)) {
      const known = revisions.rows.get(s.id) as OlympiadRevisionDocument | undefined;
      const first = known ?? { _id: s.id, schoolId: s.schoolId, municipalityId: s.municipalityId, academicYear: s.academicYear, rev: 0 };
      revisions.rows.set(s.id, { ...first, rev: first.rev + 1 });
    }
  };
  return { deps, schools, revisions, project };
};

/**
 * Public contests events as the contests context announces them (for monitoring's tests):
 * participation from a school's entries stream of a stage (`<stageId>~<schoolId>`, in the
 * school's municipality), final protocols from a grade group's partition stream
 * (`<stageId>~<groupId>`, in the organiser's tenant).
 */
export interface StageOf {
  stageId: string;
  subject: string;
  level: OlympiadLevel;
  academicYear?: string;
  /** The organiser (tenant of the partition streams): a municipality or `region`. */
  organiser: string;
}

export interface Student {
  studentId: string;
  schoolId: string;
  municipalityId: string;
  grade?: number;
}

const envelopeOf = (tenantId: string, streamType: string, streamId: string, streamVersion: number, type: string, data: object): EventEnvelope => ({
  eventId: `${tenantId}/${streamId}/${streamVersion}`,
  type,
  schemaVersion: 1,
  tenantId,
  streamType,
  streamId,
  streamVersion,
  occurredAt: '2025-10-01T09:00:00.000Z',
  correlationId: 'c-test',
  causationId: null,
  actor: { subject: 'test', role: 'school_coordinator' },
  data,
});

const label = (s: StageOf) => ({ stageId: s.stageId, academicYear: s.academicYear ?? '2025/2026', subject: s.subject, level: s.level });

/** `contests.ParticipationChanged` at version `v` of the stage's entries stream of the student's school. */
export const participation = (stage: StageOf, student: Student, v: number, entered = true): EventEnvelope => {
  const data: ParticipationChanged = { ...label(stage), ...student, grade: student.grade ?? 9, entered };
  return envelopeOf(student.municipalityId, 'entries', `${stage.stageId}~${student.schoolId}`, v, 'contests.ParticipationChanged', data);
};

export type Status = 'WINNER' | 'PRIZE_WINNER' | 'PARTICIPANT';

/** `contests.ResultsFinalised` of a grade group, at version `v` of its partition stream. */
export const protocol = (stage: StageOf, groupId: string, v: number, rows: [Student, Status][]): EventEnvelope => {
  const data: ResultsFinalised = {
    ...label(stage),
    groupId,
    maxScore: 100,
    results: rows.map(([s, status], i) => ({ ...s, grade: s.grade ?? 9, score: 90 - i, rank: i + 1, status })),
  };
  return envelopeOf(stage.organiser, 'partition', `${stage.stageId}~${groupId}`, v, 'contests.ResultsFinalised', data);
};
