import { formatDate } from '../i18n/format';
import { t } from '../i18n/ru';

/**
 * The API words its field problems for developers, in English, from a small set of templates
 * (packages/service-kit/src/input/checks.ts). A person reads them in Russian: each template is
 * matched here, once, and said in the portal's words; an unknown message is shown as it came.
 */
const TEMPLATES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^is required$|^must not be empty$/, () => t.problems.required],
  [/^must be at most (\d+) characters/, (m) => t.problems.tooLong(Number(m[1]))],
  [/^must not contain control characters/, () => t.problems.controlCharacters],
  [/^must not contain/, () => t.problems.badCharacters],
  [/^is not a valid id$|^is not an id this API returned$|^is not a valid cursor$/, () => t.problems.invalid],
  [/^must be a date as YYYY-MM-DD$/, () => t.problems.date],
  [/^must not be after (\d{4}-\d{2}-\d{2})$/, (m) => t.problems.notAfter(formatDate(m[1]))],
  [/^must not be in the future$/, () => t.problems.future],
  [/^must not be before (\d{4}-\d{2}-\d{2})$/, (m) => t.problems.notBefore(formatDate(m[1]))],
  [/^must be a whole number from (-?\d+) to (-?\d+)$/, (m) => t.problems.wholeNumber(m[1]!, m[2]!)],
  [/^must be a number from (-?[\d.]+) to (-?[\d.]+)$/, (m) => t.problems.number(m[1]!, m[2]!)],
  [/^must be one of /, () => t.problems.oneOf],
  [/^must have at most (\d+) items/, (m) => t.problems.tooMany(Number(m[1]))],
  [/^needs at least (\d+) item/, (m) => t.problems.tooFew(Number(m[1]))],
  [/^items must be at most (\d+) characters$/, (m) => t.problems.itemTooLong(Number(m[1]))],
  [/^items must not contain/, () => t.problems.badCharacters],
  [/^must be between (\d+) and (\d+)$/, (m) => t.problems.wholeNumber(m[1]!, m[2]!)],
  [/^is not an id$/, () => t.problems.invalid],
  [/^is not a number$|^must be a number$/, () => t.problems.notANumber],
  [/^is not a competence area/, () => t.problems.competenceArea],
  [/^must be above 0$/, () => t.problems.positive],
  [/^must not be negative$/, () => t.problems.notNegative],
  [/^must not be greater than the maximum score \(([\d.]+)\)$/, (m) => t.problems.notAboveMax(m[1]!)],
  [/^must not be in the future/, () => t.problems.future],
  [/^too many columns: expected (\d+), got (\d+)$/, (m) => t.problems.tooManyColumns(Number(m[1]), Number(m[2]))],
  [/^missing value\(s\): (.*)$/, (m) => t.problems.missingValues(m[1]!)],
  [/^bad header/, () => t.problems.badHeader],
  [/^the file is empty/, () => t.problems.emptyFile],
  [/^a quoted value is not closed/, () => t.problems.unclosedQuote],
  [/^must be an 8- or 11-digit ОКТМО code$/, () => t.problems.oktmo],
  [/^must be a 10-digit ИНН$/, () => t.problems.inn],
  [/^must not be before from$/, () => t.problems.toBeforeFrom],
  [/^needs at least one competence area$/, () => t.problems.competenceNeeded],
  [/^is required for a PROGRAMME item$/, () => t.problems.required],
  [/^must be empty for a [A-Z_]+ item$/, () => t.problems.notForThisKind],
  [/^must be a calendar date/, () => t.problems.date],
];

export const problemInRussian = (message: string): string => {
  for (const [re, say] of TEMPLATES) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
};

/** A refused import line (`column "value" problem; …`), each part in the portal's words. */
export const lineProblemInRussian = (message: string): string =>
  message
    .split('; ')
    .map((part) => {
      const m = part.match(/^([a-z_]+) "(.*)" (.+)$/);
      const said = m ? `${m[1]} «${m[2]}»: ${problemInRussian(m[3]!)}` : problemInRussian(part);
      return said.replace(/\.$/, '');
    })
    .join('; ');
