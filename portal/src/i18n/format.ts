import { LOCALE, REGION_TIME_ZONE } from './region';

const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: REGION_TIME_ZONE,
});
const numberFormat = new Intl.NumberFormat(LOCALE);
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });

/** A calendar date (`2026-09-01`) as Russian readers write it (`01.09.2026`): no zone shift, it is a day. */
export const formatDate = (iso: string | null | undefined): string => (iso ? dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—');

/** A moment (`2026-09-01T03:15:00Z`) in the region's time: what the clock on the wall said. */
export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTimeFormat.format(new Date(iso)) : '—');

export const formatNumber = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : numberFormat.format(n));

/** A share 0..1 as a percentage. */
export const formatShare = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : percentFormat.format(share));

/** Today in the region (its day turns at its own midnight). */
export const regionToday = (now: Date = new Date()): string => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: REGION_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts.slice(0, 10);
};

const pluralRules = new Intl.PluralRules(LOCALE);

/** A Russian noun after a number: `plural(2, { one: 'заявку', few: 'заявки', many: 'заявок' })` → «заявки». */
export const plural = (n: number, forms: { one: string; few: string; many: string }): string => {
  const rule = pluralRules.select(n);
  return rule === 'one' ? forms.one : rule === 'few' ? forms.few : forms.many;
};
