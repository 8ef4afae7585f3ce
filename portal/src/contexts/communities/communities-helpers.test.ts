import { addDays, calendarWindow, communitiesProblem, parseHours, splitList, toWallClock } from './communities-helpers';

describe('communities helpers', () => {
  it('writes an instant as the region’s wall clock (Krasnoyarsk, UTC+7), across midnight', () => {
    expect(toWallClock(new Date('2026-11-10T03:00:00Z'))).toBe('2026-11-10T10:00');
    expect(toWallClock(new Date('2026-11-10T20:30:00Z'))).toBe('2026-11-11T03:30');
  });

  it('makes the calendar’s window inclusive of its last day and at most 400 days long', () => {
    expect(calendarWindow('2026-09-01', '2026-09-30')).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(calendarWindow('2026-09-01', '2030-01-01')).toEqual({ from: '2026-09-01', to: addDays('2026-09-01', 400) });
    expect(calendarWindow('2026-09-10', '2026-09-01')).toEqual({ from: '2026-09-10', to: '2026-09-11' });
  });

  it('reads lists and hours as the API takes them', () => {
    expect(splitList(' математика, физика ,, математика')).toEqual(['математика', 'физика']);
    expect(parseHours('2,5')).toBe(2.5);
    expect(parseHours('0')).toBeNull();
    expect(parseHours('1.3')).toBeNull();
    expect(parseHours('145')).toBeNull();
  });

  it('says the API’s field problems of this context in Russian, and leaves others as they came', () => {
    expect(communitiesProblem('must be a local date-time YYYY-MM-DDTHH:mm')).toBe('Укажите дату и время.');
    expect(communitiesProblem('an event ends after it starts')).toBe('Окончание должно быть позже начала.');
    expect(communitiesProblem('must be an https:// link')).toBe('Ссылка должна начинаться с https://.');
    expect(communitiesProblem('something else')).toBe('something else');
  });
});
