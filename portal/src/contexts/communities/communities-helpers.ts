import { REGION_TIME_ZONE } from '../../i18n/region';

/**
 * Pure helpers of the communities pages: the region's wall clock (events are entered as
 * `YYYY-MM-DDTHH:mm` in the region's zone), the calendar's window, and the API's field
 * problems of this context said in Russian (those api/problems.ts does not know).
 */

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: REGION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the region's wall clock, `YYYY-MM-DDTHH:mm` (what a datetime-local input holds). */
export const toWallClock = (instant: Date): string => {
  const parts = Object.fromEntries(wallClock.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
};

/** A calendar day plus some days (`2026-09-01` + 3 → `2026-09-04`). */
export const addDays = (day: string, days: number): string => {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The calendar's window the API takes: `to` is inclusive for a person, so the API gets the next day. At most 400 days. */
export const calendarWindow = (from: string, to: string): { from: string; to: string } => {
  const end = to < from ? from : to;
  const capped = addDays(from, 399) < end ? addDays(from, 399) : end;
  return { from, to: addDays(capped, 1) };
};

/** A comma-separated list as the API takes it: trimmed, no empties, no repeats. */
export const splitList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/** Hours as the certificates take them: 0.5–144 in half hours; null when not. */
export const parseHours = (text: string): number | null => {
  const n = Number(text.trim().replace(',', '.'));
  return Number.isFinite(n) && n > 0 && n <= 144 && Math.round(n * 2) === n * 2 ? n : null;
};

const TEMPLATES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^must be a local date-time YYYY-MM-DDTHH:mm$/, () => 'Укажите дату и время.'],
  [/^an event ends after it starts$/, () => 'Окончание должно быть позже начала.'],
  [/^an event is published before it ends$/, () => 'Мероприятие, которое уже закончилось, не публикуется.'],
  [/^an event takes place somewhere/, () => 'Укажите место проведения или ссылку для онлайн-участия.'],
  [/^must be an https:\/\/ link$/, () => 'Ссылка должна начинаться с https://.'],
  [/^must be a whole number 1–(\d+)$/, (m) => `Целое число от 1 до ${m[1]}.`],
  [/^must be 0\.5–144 in half hours$/, () => 'От 0,5 до 144 часов, с шагом полчаса.'],
  [/^is not an educator the directory knows$/, () => 'Такого педагога нет в реестре.'],
  [/ gives its reason$|^hiding a post gives the reason$/, () => 'Укажите причину.'],
  [/^an? (event|call|presentation|task|thread|community) has (a title|a name)$/, () => 'Заполните это поле.'],
  [/^a post says something$/, () => 'Напишите сообщение.'],
  [/^an order has a number, a date YYYY-MM-DD and its issuer$/, () => 'Укажите номер, дату и кем издан приказ.'],
  [/^an order has a number$/, () => 'Укажите номер приказа.'],
  [/^an order names who issued it$/, () => 'Укажите, кем издан приказ.'],
  [/^must be a date YYYY-MM-DD$/, () => 'Укажите дату.'],
  [/^a non-permanent structure has a term/, () => 'Укажите срок: дата начала раньше даты окончания.'],
  [/^a non-permanent structure states the task/, () => 'Укажите задачу, для которой создаётся структура.'],
  [/^an association works by a subject or a direction$/, () => 'Укажите предмет или направление.'],
  [/^a school association \(ШМО\) is of one school/, () => 'ШМО — объединение одной школы, школьного уровня.'],
  [/^a municipal association \(РМО\/ГМО\) is at the municipal level$/, () => 'РМО/ГМО — муниципального уровня.'],
  [/^a municipal or school community is proposed by its municipality$/, () => 'Муниципальное или школьное сообщество предлагает его муниципалитет.'],
  [/^a report says what was done$|^a final report says/, () => 'Опишите, что сделано.'],
  [/^the project.s term: from < to$/, () => 'Срок проекта: дата начала раньше даты окончания.'],
  [/^a window from ≤ to/, () => 'Дата окончания не раньше даты начала.'],
  [/^must be an academic year like 2026\/2027$/, () => 'Учебный год — в виде 2026/2027.'],
  [/^a site is a school, or several with the host first$/, () => 'Укажите школу (базовая — первой).'],
  [/^the host school.s coordinator applies$/, () => 'Заявку подаёт координатор базовой школы.'],
  [/^a site works in a direction$/, () => 'Укажите направление.'],
  [/^an opinion explains itself$|^the opinion explains itself$/, () => 'Напишите заключение.'],
  [/^an opinion scores every criterion 0–10$/, () => 'Оцените каждый критерий от 0 до 10.'],
];

/** A field problem of this context in Russian (the API's English for templates api/problems.ts leaves as they came). */
export const communitiesProblem = (message: string): string => {
  for (const [re, say] of TEMPLATES) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
};
