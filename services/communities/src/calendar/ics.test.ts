import ICAL from 'ical.js';
import { CalendarEntry, foldLine, icsCalendar, icsText } from './ics';

const seminar: CalendarEntry = {
  uid: 'ev1@mms',
  summary: 'Семинар; формирующее оценивание, 5–9 классы',
  startsAt: '2026-11-10T07:00:00.000Z',
  endsAt: '2026-11-10T09:00:00.000Z',
  location: 'Школа № 5, актовый зал',
  url: 'https://portal.example/events/ev1',
  description: 'Для учителей математики.\nВозьмите с собой ноутбук \\ планшет.',
  status: 'CONFIRMED',
  sequence: 2,
  updatedAt: '2026-10-01T03:00:00.000Z',
};
const cancelled: CalendarEntry = { ...seminar, uid: 'ev2@mms', summary: 'Вебинар', location: null, description: null, status: 'CANCELLED', sequence: 3 };

/** The feed as a calendar client reads it: Mozilla's RFC 5545 parser. */
const parse = (text: string) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents('vevent')
    .map((c: any) => ({ event: new ICAL.Event(c), status: c.getFirstPropertyValue('status'), seq: c.getFirstPropertyValue('sequence') }));
};

describe('iCalendar feed', () => {
  it('a real parser reads every event back: text with separators and line breaks, UTC times, status', () => {
    const text = icsCalendar('Методические мероприятия, Северный район', [seminar, cancelled], '2026-10-02T00:00:00.000Z');
    const [a, b] = parse(text);
    expect(a!.event.uid).toBe('ev1@mms');
    expect(a!.event.summary).toBe(seminar.summary);
    expect(a!.event.location).toBe(seminar.location);
    expect(a!.event.description).toBe(seminar.description);
    expect(a!.event.startDate.toJSDate().toISOString()).toBe(seminar.startsAt);
    expect(a!.event.endDate.toJSDate().toISOString()).toBe(seminar.endsAt);
    expect([a!.status, a!.seq]).toEqual(['CONFIRMED', 2]);
    expect([b!.status, b!.seq, b!.event.location]).toEqual(['CANCELLED', 3, null]);
  });

  it('lines end in CRLF and are at most 75 octets, folded between characters', () => {
    const long = { ...seminar, description: 'Я'.repeat(200) };
    const text = icsCalendar('Календарь', [long], '2026-10-02T00:00:00.000Z');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(text)[0]!.event.description).toBe('Я'.repeat(200));
  });

  it('escapes text and folds exactly at the limit', () => {
    expect(icsText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });
});
