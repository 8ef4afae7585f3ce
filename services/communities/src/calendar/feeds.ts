import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CommunitiesDeps } from '../communities.deps';
import { calendar, registrationsOf } from '../method-events/method-event.queries';
import type { MethodEventRow } from '../method-events/method-event.rows';
import { CalendarEntry, icsCalendar } from './ics';

const DAY = 86_400_000;
/** A subscribed calendar shows the last month and the year ahead. */
const PAST_DAYS = 31;
const AHEAD_DAYS = 365;

const KIND_NAMES: Record<string, string> = {
  SEMINAR: 'Семинар',
  WEBINAR: 'Вебинар',
  MASTER_CLASS: 'Мастер-класс',
  CONFERENCE: 'Конференция',
  FORUM: 'Форум',
  PEDAGOGICAL_READINGS: 'Педагогические чтения',
  INTERNSHIP: 'Стажировка',
  ROUND_TABLE: 'Круглый стол',
  OTHER: 'Мероприятие',
};

export const entryOf = (row: MethodEventRow): CalendarEntry => ({
  uid: `${row._id}@mms-communities`,
  summary: `${KIND_NAMES[row.kind] ?? row.kind}: ${row.title}`,
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  location: row.place,
  url: row.onlineUrl,
  description: row.status === 'CANCELLED' && row.cancelReason ? `Отменено: ${row.cancelReason}` : null,
  status: row.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
  sequence: row.sequence,
  updatedAt: row.updatedAt,
});

/** A municipality's events and the region's, as a feed. */
export const municipalityFeed = async (d: CommunitiesDeps, municipalityId: string): Promise<string> => {
  const now = d.clock.now();
  const rows = await calendar(d, {
    municipalityId,
    from: new Date(now.getTime() - PAST_DAYS * DAY).toISOString(),
    to: new Date(now.getTime() + AHEAD_DAYS * DAY).toISOString(),
  });
  return icsCalendar('Методические мероприятия', rows.map(entryOf), now.toISOString());
};

/** An educator's own registrations (seated or waiting) as a feed. */
export const educatorFeed = async (d: CommunitiesDeps, educatorId: string): Promise<string> => {
  const mine = (await registrationsOf(d, educatorId)).filter((r) => ['CONFIRMED', 'WAITLISTED', 'PENDING'].includes(r.registration.status));
  return icsCalendar(
    'Мои мероприятия',
    mine.map((r) => entryOf(r.event)),
    d.clock.now().toISOString(),
  );
};

/**
 * A calendar client subscribes by URL, without a sign-in: an educator's feed URL carries a
 * key only the service can make (HMAC of the educator's id with the service's secret).
 */
export const feedKey = (secret: string, educatorId: string): string =>
  createHmac('sha256', secret).update(`educator-feed:${educatorId}`).digest('base64url').slice(0, 32);

export const isFeedKey = (secret: string, educatorId: string, key: string): boolean => {
  const expected = Buffer.from(feedKey(secret, educatorId));
  const given = Buffer.from(key);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
