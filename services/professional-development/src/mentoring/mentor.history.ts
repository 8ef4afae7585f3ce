import type { RequestContext } from '@mms/auth';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { placementOf } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import type { MentorshipView } from './mentor.views';

export const MENTORSHIP_HISTORY: Record<string, string> = {
  MentorshipStarted: 'Наставничество начато',
  MentorshipGoalsUpdated: 'Изменены цели наставничества',
  MentorshipCompleted: 'Наставничество завершено',
  MentorshipEnded: 'Наставничество прекращено досрочно',
};

/**
 * Only this pair's events of the mentor's stream, for whoever may read the pair: the
 * readers of the mentor or the mentee (by where they work now), and the methodologist of
 * the mentee's municipality at the start.
 */
export const mentorshipHistory = async (d: PdDeps, req: RequestContext, m: MentorshipView): Promise<HistoryEntry[]> => {
  const [mentor, mentee] = await Promise.all([d.tables.educators.get(m.mentorId), d.tables.educators.get(m.menteeId)]);
  const readable =
    access.canReadEducator(req.user, placementOf(mentor ?? { _id: m.mentorId })) ||
    access.canReadEducator(req.user, placementOf(mentee ?? { _id: m.menteeId, municipalityId: m.municipalityId }));
  if (!readable) return [];
  return readHistory(
    d.store,
    d.vault,
    { tenantId: m.tenantId, streamId: streams.mentor(m.mentorId) },
    {
      describe: MENTORSHIP_HISTORY,
      filter: (e: EventEnvelope) => (e.data as { mentorshipId?: string }).mentorshipId === m.id,
      hiddenFields: ['mentorshipId', 'mentorId', 'menteeId', 'municipalityId'],
    },
  );
};
