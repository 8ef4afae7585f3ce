// An iCalendar feed (RFC 5545) of methodological events, for calendar clients to subscribe to:
// a municipality's calendar, or an educator's own registrations. Pure text: CRLF line ends,
// lines folded at 75 octets (never inside a UTF-8 character), text values escaped, times in UTC.

export interface CalendarEntry {
  /** Stable across feeds and updates: the event's id and this platform's domain. */
  uid: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  url: string | null;
  description: string | null;
  status: 'CONFIRMED' | 'CANCELLED';
  /** Bumped on every change, so clients replace their copy. */
  sequence: number;
  updatedAt: string;
}

const LIMIT = 75;
const encoder = new TextEncoder();

/** `2026-11-10T07:00:00.000Z` → `20261110T070000Z`. */
export const icsTime = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not an instant: ${iso}`);
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
};

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export const icsText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** One content line folded into lines of at most 75 octets, each continuation starting with a space. */
export const foldLine = (line: string): string => {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // A continuation line's leading space counts towards its 75 octets.
    const limit = parts.length ? LIMIT - 1 : LIMIT;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
};

const event = (e: CalendarEntry, stamp: string): string[] => [
  'BEGIN:VEVENT',
  `UID:${e.uid}`,
  `DTSTAMP:${stamp}`,
  `DTSTART:${icsTime(e.startsAt)}`,
  `DTEND:${icsTime(e.endsAt)}`,
  `SUMMARY:${icsText(e.summary)}`,
  ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
  ...(e.url ? [`URL:${e.url}`] : []),
  ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
  `STATUS:${e.status}`,
  `SEQUENCE:${e.sequence}`,
  `LAST-MODIFIED:${icsTime(e.updatedAt)}`,
  'END:VEVENT',
];

/** A whole feed. `now` is the feed's stamp (DTSTAMP of every event: when this copy was made). */
export const icsCalendar = (name: string, entries: readonly CalendarEntry[], now: string): string => {
  const stamp = icsTime(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MMS//Methodological events//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(name)}`,
    ...entries.flatMap((e) => event(e, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
};
