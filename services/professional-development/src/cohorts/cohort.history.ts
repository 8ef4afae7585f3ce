import type { RequestContext } from '@mms/auth';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import type { CohortView, EnrolmentView } from './cohort.views';

export const COHORT_HISTORY: Record<string, string> = {
  CohortScheduled: 'Поток запланирован',
  CohortSeatsChanged: 'Изменено число мест',
  CohortCancelled: 'Поток отменён',
};

export const ENROLMENT_HISTORY: Record<string, string> = {
  EnrolmentApplied: 'Подана заявка',
  EnrolmentApproved: 'Заявка одобрена, педагог зачислен',
  EnrolmentRejected: 'Заявка отклонена',
  EnrolmentWithdrawn: 'Заявка отозвана',
  EnrolmentCompleted: 'Обучение завершено, выдано удостоверение',
  EnrolmentNotCompleted: 'Обучение не завершено',
};

/** Ids the entity already is, and the programme snapshot every enrolment event repeats. */
const ENROLMENT_HIDDEN = ['enrolmentId', 'cohortId', 'programmeId', 'programmeHours', 'competences'];

/**
 * The cohort's own decisions (scheduled, seats, cancelled); its enrolments' events are in
 * each Enrolment's history, for those who may read that enrolment. Cohorts are an open offer.
 */
export const cohortHistory = async (d: PdDeps, _req: RequestContext, c: CohortView): Promise<HistoryEntry[]> =>
  readHistory(
    d.store,
    d.vault,
    { tenantId: c.tenantId, streamId: streams.cohort(c.id) },
    {
      describe: COHORT_HISTORY,
      filter: (e) => e.type in COHORT_HISTORY,
      hiddenFields: ['cohortId'],
    },
  );

/**
 * Only this enrolment's events of the cohort stream, for whoever may read the enrolment: the
 * learner's readers by the placement when applying or now, and the cohort's owner.
 */
export const enrolmentHistory = async (d: PdDeps, req: RequestContext, e: EnrolmentView): Promise<HistoryEntry[]> => {
  const current = await d.tables.educators.get(e.educatorId);
  const now = current ? { educatorId: e.educatorId, municipalityId: current.municipalityId ?? null, organizationId: current.organizationId ?? null } : null;
  if (!access.canReadEnrolment(req.user, e, e.tenantId, now)) return [];
  return readHistory(
    d.store,
    d.vault,
    { tenantId: e.tenantId, streamId: streams.cohort(e.cohortId) },
    {
      describe: ENROLMENT_HISTORY,
      filter: (ev: EventEnvelope) => (ev.data as { enrolmentId?: string }).enrolmentId === e.id,
      hiddenFields: ENROLMENT_HIDDEN,
    },
  );
};
