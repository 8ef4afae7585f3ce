import type { RequestContext } from '@mms/auth';
import type { RowFilter } from '@mms/eventsourcing/core';
import * as access from '../access/policy';
import type { PdDeps } from '../pd.deps';
import type { MentorshipStatus } from './mentor.decider';
import type { MentorshipRow } from './mentor.rows';
import { mentorshipRowView, MentorshipView } from './mentor.views';

export interface MentorshipFilter {
  status?: MentorshipStatus | null;
  mentorId?: string | null;
  menteeId?: string | null;
  municipalityId?: string | null;
}

const asMentorOrMentee = (educatorIds: string[]): RowFilter => ({ $or: [{ mentorId: { $in: educatorIds } }, { menteeId: { $in: educatorIds } }] });

const newestFirst = (rows: MentorshipRow[]) => rows.sort((a, b) => b.from.localeCompare(a.from) || a._id.localeCompare(b._id)).map(mentorshipRowView);

/**
 * Pairs within the caller's reach: a teacher's own (as mentor or mentee); a coordinator's,
 * where the mentor or the mentee works at their school now; a methodologist's, of their
 * municipality's mentees; the operator's, all.
 */
export const mentorships = async (d: PdDeps, req: RequestContext, filter: MentorshipFilter = {}): Promise<MentorshipView[]> => {
  const scope = access.readScope(req.user, { municipalityId: filter.municipalityId });
  if (!scope) return [];
  let reach: RowFilter;
  if (scope.educatorId) {
    reach = asMentorOrMentee([scope.educatorId]);
  } else if (scope.organizationId) {
    const school = await d.tables.educators.find({ organizationId: scope.organizationId, municipalityId: scope.municipalityId });
    reach = { municipalityId: scope.municipalityId, ...asMentorOrMentee(school.map((e) => e._id)) };
  } else {
    reach = scope.municipalityId ? { municipalityId: scope.municipalityId } : {};
  }
  const wanted: RowFilter = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.mentorId ? { mentorId: filter.mentorId } : {}),
    ...(filter.menteeId ? { menteeId: filter.menteeId } : {}),
  };
  return newestFirst(await d.tables.mentorships.find({ $and: [reach, wanted] }));
};

/** Every pair an educator is in (the caller has checked they may read this educator). */
export const mentorshipsOfEducator = async (d: PdDeps, educatorId: string): Promise<MentorshipView[]> =>
  newestFirst(await d.tables.mentorships.find(asMentorOrMentee([educatorId])));
