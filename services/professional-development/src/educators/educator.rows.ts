import type { RowTable } from '@mms/eventsourcing/core';
import {
  DirectoryContracts as D,
  type EducatorJoinedMunicipality,
  type EducatorLeft,
  type EducatorLeftMunicipality,
  type EducatorMoved,
  type EducatorRegistered,
} from '@mms/contracts/events';
import type { CohortEvent } from '../cohorts/cohort.decider';
import type { DevelopmentEvent } from '../development/development.decider';
import type { MentorEvent } from '../mentoring/mentor.decider';

/**
 * One row per educator (one person, whichever municipality they are in now): the placement
 * from the directory's public events, and what this context knows of them. Fields are
 * optional because any of the sources may be heard first.
 */
export interface EducatorRow {
  _id: string;
  municipalityId?: string;
  organizationId?: string;
  careerStartDate?: string;
  active?: boolean;
  /** Latest certificate date (the three-year rule counts from it). */
  lastCompletedOn?: string;
  completedTrainings?: number;
  /** The mentorship in which this educator is the mentee, while active. */
  activeMentor?: { mentorshipId: string; mentorId: string } | null;
}

type Internal = CohortEvent | DevelopmentEvent | MentorEvent;

const ofEducator = new Set<string>([
  D.EducatorRegistered.type,
  D.EducatorJoinedMunicipality.type,
  D.EducatorMoved.type,
  D.EducatorLeftMunicipality.type,
  D.EducatorLeft.type,
  'EnrolmentCompleted',
  'ExternalTrainingRecorded',
]);
const ofMentee = new Set<string>(['MentorshipStarted', 'MentorshipCompleted', 'MentorshipEnded']);

/** A completion (catalogue or elsewhere) on `on`: the three-year rule counts from the latest. */
const completed = (row: EducatorRow, on: string): EducatorRow => ({
  ...row,
  // Completions from different cohorts may arrive in any order.
  lastCompletedOn: row.lastCompletedOn && row.lastCompletedOn > on ? row.lastCompletedOn : on,
  completedTrainings: (row.completedTrainings ?? 0) + 1,
});

/**
 * Fed by the directory's public topic (placement, career start, active) and by this
 * context's internal topic (completions, the active mentor). The directory keys every event
 * of an educator by `educator-<id>`, in whichever municipality, so a transfer's "left" and
 * "joined" arrive in order; only the municipality the educator is in now may move them or
 * mark them gone.
 */
export const educatorRows: RowTable<EducatorRow> = {
  collection: 'educators',
  indexes: [{ keys: { municipalityId: 1 } }, { keys: { organizationId: 1 } }],
  rowsOf: (e) => {
    if (ofEducator.has(e.type)) return [(e.data as { educatorId: string }).educatorId];
    if (ofMentee.has(e.type)) return [(e.data as { menteeId: string }).menteeId];
    return [];
  },
  evolve: (row, envelope) => {
    switch (envelope.type) {
      case D.EducatorRegistered.type:
      case D.EducatorJoinedMunicipality.type: {
        const d = envelope.data as EducatorRegistered | EducatorJoinedMunicipality;
        return {
          ...(row ?? { _id: d.educatorId }),
          municipalityId: d.municipalityId,
          organizationId: d.organizationId,
          careerStartDate: d.careerStartDate,
          active: true,
        };
      }
      case D.EducatorMoved.type: {
        const d = envelope.data as EducatorMoved;
        return row && row.municipalityId === d.municipalityId ? { ...row, organizationId: d.toOrganizationId } : row;
      }
      case D.EducatorLeftMunicipality.type:
      case D.EducatorLeft.type: {
        const d = envelope.data as EducatorLeft | EducatorLeftMunicipality;
        return row && row.municipalityId === d.municipalityId ? { ...row, active: false } : row;
      }
    }
    const e = { type: envelope.type, data: envelope.data } as Internal;
    switch (e.type) {
      case 'EnrolmentCompleted':
        return completed(row ?? { _id: e.data.educatorId }, e.data.certificate.issuedOn);
      case 'ExternalTrainingRecorded':
        // A training from elsewhere counts for the three-year rule like a completion.
        return completed(row ?? { _id: e.data.educatorId }, e.data.issuedOn);
      case 'MentorshipStarted':
        return { ...(row ?? { _id: e.data.menteeId }), activeMentor: { mentorshipId: e.data.mentorshipId, mentorId: e.data.mentorId } };
      case 'MentorshipCompleted':
      case 'MentorshipEnded':
        // Only this pair is cleared: a newer pairing with another mentor may already be recorded.
        return row && row.activeMentor?.mentorshipId === e.data.mentorshipId ? { ...row, activeMentor: null } : row;
      default:
        return row;
    }
  },
};
