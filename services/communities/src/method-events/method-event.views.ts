import type { RequestContext } from '@mms/auth';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import type { MethodEventRow, RegistrationRow } from './method-event.rows';
import { organiserFacts } from './organiser';

/** An event as GraphQL returns it (from its row: the calendar and a mutation's answer alike). */
export const methodEventView = (row: MethodEventRow) => ({
  ...row,
  id: row._id,
  organiserKind: row.organiser.kind,
  organiserId: row.organiser.id,
  subjects: row.audience.subjects,
  positions: row.audience.positions,
  cancelled: row.status === 'CANCELLED',
  freeSeats: Math.max(0, row.capacity - row.seated),
  speakers: row.speakers.map((s) => ({ ...s, educator: { id: s.educatorId } })),
});
export type MethodEventView = ReturnType<typeof methodEventView>;

/** A registration as GraphQL returns it; the waitlist position when the caller computed it. */
export const registrationView = (r: RegistrationRow, waitlistPosition: number | null = null) => ({
  ...r,
  educator: { id: r.educatorId },
  waitlistPosition,
  certificateNumber: r.certificate?.number ?? null,
  hours: r.certificate?.hours ?? null,
});

/** Is the caller the event's organiser (for its lists, code and history)? */
export const isOrganiser = async (d: CommunitiesDeps, req: RequestContext, row: { tenantId: string; organiser: MethodEventRow['organiser'] }) => {
  if (!req.user) return false;
  const facts = await organiserFacts(d, row.organiser).catch(() => ({}));
  return access.passes(() => access.eventOrganiser(req.user, { tenantId: row.tenantId, organiser: row.organiser.kind, ...facts }, 'organise'));
};
