import { Document } from 'mongodb';
import { applyFromSource, EventEnvelope, Projection } from '@mms/eventsourcing';
import { developmentDecider, DevelopmentEvent, DevelopmentState } from '../development/development';
import { MentorEvent } from '../mentoring/mentor';
import { DEVELOPMENT_PROJECTION, DevelopmentRow } from './rows';

const DEVELOPMENT_EVENTS = new Set<string>([
  'DiagnosticResultRecorded',
  'DeficitIdentified',
  'DeficitResolved',
  'RouteProposed',
  'RouteItemAdded',
  'RouteItemChanged',
  'RouteItemRemoved',
  'RouteApproved',
  'RouteReturnedToDraft',
  'RouteItemDone',
  'ExternalTrainingRecorded',
]);

/**
 * The document holds what the decider's state holds (latest results, open deficits, the
 * route), so it is folded with the decider's own `evolve`: the read model cannot drift from
 * the rules. Results are also kept as a list for the educator's history.
 */
const applyDevelopment = (doc: Document | null, e: DevelopmentEvent, tenantId: string): Document => {
  const row = doc as Partial<DevelopmentRow> | null;
  const before: DevelopmentState = {
    educatorId: e.data.educatorId,
    resultIds: [],
    latest: row?.latest ?? {},
    openDeficits: row?.openDeficits ?? [],
    route: row?.route ?? { status: 'NONE', items: [] },
    externalTrainings: row?.externalTrainings ?? [],
  };
  const after = developmentDecider.evolve(before, e);
  const set: Document = {
    tenantId,
    latest: after.latest,
    openDeficits: after.openDeficits,
    route: after.route,
    externalTrainings: after.externalTrainings,
  };
  if (e.type !== 'DiagnosticResultRecorded') return { $set: set };
  const { educatorId: _e, ...result } = e.data;
  return { $set: { ...set, results: [...(row?.results ?? []), result] } };
};

/** Development per educator, and one document per mentorship. */
export const developmentProjection = (internalTopic: string): Projection => ({
  name: DEVELOPMENT_PROJECTION,
  topics: [internalTopic],
  collections: ['development', 'mentorships'],
  indexes: [
    { collection: 'development', keys: { tenantId: 1 } },
    { collection: 'mentorships', keys: { municipalityId: 1 } },
    { collection: 'mentorships', keys: { mentorId: 1 } },
    { collection: 'mentorships', keys: { menteeId: 1 } },
  ],
  async apply(envelope: EventEnvelope, rm) {
    if (DEVELOPMENT_EVENTS.has(envelope.type)) {
      const e = { type: envelope.type, data: envelope.data } as DevelopmentEvent;
      await applyFromSource(rm.collection('development'), e.data.educatorId, envelope, (doc) =>
        applyDevelopment(doc, e, envelope.tenantId),
      );
      return;
    }
    const e = { type: envelope.type, data: envelope.data } as MentorEvent;
    const mentorships = rm.collection('mentorships');
    switch (e.type) {
      case 'MentorshipStarted': {
        const { mentorshipId, mentorId, menteeId, municipalityId, from, to, goals } = e.data;
        await applyFromSource(mentorships, mentorshipId, envelope, {
          $set: {
            tenantId: envelope.tenantId,
            mentorId,
            menteeId,
            municipalityId,
            from,
            to,
            goals,
            status: 'ACTIVE',
            outcome: null,
            reason: null,
            finishedOn: null,
          },
        });
        return;
      }
      case 'MentorshipGoalsUpdated':
        await applyFromSource(mentorships, e.data.mentorshipId, envelope, { $set: { goals: e.data.goals } });
        return;
      case 'MentorshipCompleted':
        await applyFromSource(mentorships, e.data.mentorshipId, envelope, {
          $set: { status: 'COMPLETED', outcome: e.data.outcome, finishedOn: e.data.on },
        });
        return;
      case 'MentorshipEnded':
        await applyFromSource(mentorships, e.data.mentorshipId, envelope, {
          $set: { status: 'ENDED', reason: e.data.reason, finishedOn: e.data.on },
        });
        return;
    }
  },
});
