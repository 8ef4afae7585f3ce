import type { RequestContext } from '@mms/auth';
import type { RowFilter } from '@mms/eventsourcing/core';
import { emptyPage, findWithinLimit, Page, PageArgs, pageBy, pageSize } from '@mms/service-kit/core';
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
 * Pairs within the caller's reach that the filter asks for (null: none): a teacher's own (as
 * mentor or mentee); a coordinator's, where the mentor or the mentee works at their school now;
 * a methodologist's, of their municipality's mentees; the operator's, all.
 */
const mentorshipFilter = async (d: PdDeps, req: RequestContext, filter: MentorshipFilter): Promise<RowFilter | null> => {
  const scope = access.readScope(req.user, { municipalityId: filter.municipalityId });
  if (!scope) return null;
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
  return { $and: [reach, wanted] };
};

const NEWEST_FIRST = { from: -1, _id: 1 } as const;

/** The pairs newest first, whole (deprecated field): LIST_TOO_LARGE beyond MAX_LIST_ROWS. */
export const mentorships = async (d: PdDeps, req: RequestContext, filter: MentorshipFilter = {}): Promise<MentorshipView[]> => {
  const wanted = await mentorshipFilter(d, req, filter);
  return wanted
    ? newestFirst(await findWithinLimit(d.tables.mentorships, wanted, { sort: NEWEST_FIRST }, { field: 'mentorships', use: 'mentorshipsPage' }))
    : [];
};

/** The pairs newest first, a page at a time (keyset on the start day and the id). */
export const mentorshipsPage = async (d: PdDeps, req: RequestContext, filter: MentorshipFilter = {}, args: PageArgs = {}): Promise<Page<MentorshipView>> => {
  const wanted = await mentorshipFilter(d, req, filter);
  if (!wanted) return (pageSize(args.first), emptyPage());
  return pageBy(d.tables.mentorships, wanted, NEWEST_FIRST, args, (rows) => rows.map(mentorshipRowView));
};

/** Every pair an educator is in (the caller has checked they may read this educator). */
export const mentorshipsOfEducator = async (d: PdDeps, educatorId: string): Promise<MentorshipView[]> =>
  newestFirst(await d.tables.mentorships.find(asMentorOrMentee([educatorId])));
