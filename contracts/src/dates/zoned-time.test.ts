import { instantToZoned, isLocalDateTime, zonedToInstant } from './zoned-time';

describe('wall-clock times in a zone', () => {
  it('the region’s 14:00 is 07:00 UTC (Krasnoyarsk, UTC+7); and back', () => {
    expect(zonedToInstant('2026-11-10T14:00', 'Asia/Krasnoyarsk')).toBe('2026-11-10T07:00:00.000Z');
    expect(instantToZoned('2026-11-10T07:00:00.000Z', 'Asia/Krasnoyarsk')).toBe('2026-11-10T14:00');
    expect(zonedToInstant('2026-10-08T23:59:59.999', 'Asia/Krasnoyarsk')).toBe('2026-10-08T16:59:59.999Z');
  });

  it('across a daylight-saving change the local time keeps its meaning', () => {
    expect(zonedToInstant('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedToInstant('2026-12-01T12:00', 'Europe/Berlin')).toBe('2026-12-01T11:00:00.000Z');
  });

  it('refuses what is not a wall-clock date-time', () => {
    for (const bad of ['2026-11-10', '2026-11-10T25:00', '2026-02-30T10:00', '2026-11-10T14:00Z', '']) expect(isLocalDateTime(bad)).toBe(false);
    expect(() => zonedToInstant('2026-11-10T14:00+07:00', 'Asia/Krasnoyarsk')).toThrow();
  });
});
