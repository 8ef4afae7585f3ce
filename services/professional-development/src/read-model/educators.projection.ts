import {
  DirectoryContracts as D,
  EducatorJoinedMunicipality,
  EducatorLeft,
  EducatorLeftMunicipality,
  EducatorMoved,
  EducatorRegistered,
} from '@mms/contracts';
import { Document } from 'mongodb';
import { applyFromSource, EventEnvelope, Projection } from '@mms/eventsourcing';
import { CohortEvent } from '../cohorts/cohort';
import { MentorEvent } from '../mentoring/mentor';
import { EDUCATORS_PROJECTION } from './rows';

const DEVELOPMENT_EVENT = /^(DiagnosticResult|Deficit|Route|ExternalTraining)/;

/**
 * One document per educator, fed by the directory's public topic (placement, career start,
 * active) and by this context's internal topic (completions, which tenant holds their
 * streams, the active mentor). Several source streams write one document, hence
 * `applyFromSource`. The directory keys every event of an educator by `educator-<id>`, in
 * whichever municipality, so a transfer's "left" and "joined" arrive in order.
 */
export const educatorsProjection = (topics: { internal: string; directory: string }): Projection => ({
  name: EDUCATORS_PROJECTION,
  topics: [topics.internal, topics.directory],
  collections: ['educators'],
  indexes: [
    { collection: 'educators', keys: { municipalityId: 1 } },
    { collection: 'educators', keys: { organizationId: 1 } },
  ],
  async apply(envelope: EventEnvelope, rm) {
    const educators = rm.collection('educators');
    const placed = (d: EducatorRegistered | EducatorJoinedMunicipality) => ({
      $set: { municipalityId: d.municipalityId, organizationId: d.organizationId, careerStartDate: d.careerStartDate, active: true },
    });
    switch (envelope.type) {
      case D.EducatorRegistered.type:
      case D.EducatorJoinedMunicipality.type: {
        const d = envelope.data as EducatorRegistered;
        await applyFromSource(educators, d.educatorId, envelope, placed(d));
        return;
      }
      case D.EducatorMoved.type: {
        const d = envelope.data as EducatorMoved;
        // Only the municipality the educator is in now may move them.
        await applyFromSource(educators, d.educatorId, envelope, { $set: { organizationId: d.toOrganizationId } }, {
          where: { municipalityId: d.municipalityId },
        });
        return;
      }
      case D.EducatorLeftMunicipality.type:
      case D.EducatorLeft.type: {
        const d = envelope.data as EducatorLeft | EducatorLeftMunicipality;
        await applyFromSource(educators, d.educatorId, envelope, { $set: { active: false } }, { where: { municipalityId: d.municipalityId } });
        return;
      }
    }
    if (DEVELOPMENT_EVENT.test(envelope.type)) {
      const d = envelope.data as { educatorId: string; issuedOn?: string };
      const update: Document = {};
      // The first event of a development stream tells which tenant holds it for good.
      if (envelope.streamVersion === 1) update['$set'] = { developmentTenant: envelope.tenantId };
      // A training from elsewhere counts for the three-year rule like a completion.
      if (envelope.type === 'ExternalTrainingRecorded') {
        update['$max'] = { lastCompletedOn: d.issuedOn };
        update['$inc'] = { completedTrainings: 1 };
      }
      if (Object.keys(update).length) await applyFromSource(educators, d.educatorId, envelope, update);
      return;
    }
    const e = { type: envelope.type, data: envelope.data } as CohortEvent | MentorEvent;
    switch (e.type) {
      case 'EnrolmentCompleted':
        // $max: completions from different cohorts may arrive in any order.
        await applyFromSource(educators, e.data.educatorId, envelope, {
          $max: { lastCompletedOn: e.data.certificate.issuedOn },
          $inc: { completedTrainings: 1 },
        });
        return;
      case 'MentorshipStarted': {
        const { mentorshipId, mentorId, menteeId } = e.data;
        if (envelope.streamVersion === 1) {
          await applyFromSource(educators, mentorId, envelope, { $set: { mentorTenant: envelope.tenantId } });
        }
        await applyFromSource(educators, menteeId, envelope, { $set: { activeMentor: { mentorshipId, mentorId } } });
        return;
      }
      case 'MentorshipCompleted':
      case 'MentorshipEnded':
        // Only this pair is cleared: a newer pairing with another mentor may already be recorded.
        await applyFromSource(educators, e.data.menteeId, envelope, { $set: { activeMentor: null } }, {
          where: { 'activeMentor.mentorshipId': e.data.mentorshipId },
        });
        return;
    }
  },
});
