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
  // Contests: stages, grade groups, settings, jury, scores (services/contests).
  [/^must look like \d{4}\/\d{4}$/, () => t.problems.academicYear],
  [/^must be an ISO date$/, () => t.problems.date],
  [/^must not be before startsOn$/, () => t.problems.notBeforeStart],
  [/^must not be before registrationFrom$/, () => t.problems.notBeforeRegistration],
  [/^registration must close by the stage.s first day$/, () => t.problems.registrationByStart],
  [/^a stage needs at least one grade group$/, () => t.problems.groupNeeded],
  [/^must be a unique short id/, () => t.problems.shortId],
  [/^a group needs at least one grade$/, () => t.problems.gradeNeeded],
  [/^the [a-z]+ stage admits grades (\d+)–(\d+)/, (m) => t.problems.gradesOfLevel(m[1]!, m[2]!)],
  [/^grade \d+ is in two groups$/, () => t.problems.gradeTwice],
  [/^a group needs at least one task$/, () => t.problems.taskNeeded],
  [/^must be 0 < points ≤ (\d+) with at most two decimals$/, (m) => t.problems.points(m[1]!)],
  [/^must be above 0 and at most the task.s points$/, () => t.problems.threshold],
  [/^a jury needs at least one member$/, () => t.problems.juryEmpty],
  [/^a jury has exactly one chair$/, () => t.problems.juryChair],
  [/^is listed twice$/, () => t.problems.listedTwice],
  [/^must be a share between 0 and 1$/, () => t.problems.share],
  [/^cannot exceed the share of winners and prize-winners$/, () => t.problems.winnerShare],
  [/^must be (\d+)–(\d+) days$/, (m) => t.problems.wholeNumber(m[1]!, m[2]!)],
  [/^must be a whole number of days, (\d+)–(\d+)$/, (m) => t.problems.wholeNumber(m[1]!, m[2]!)],
  [/^must be dates YYYY-MM-DD or MM-DD$/, () => t.problems.holidays],
  [/^a juror never scores a work from their own school$/, () => t.problems.ownSchool],
  [/^must name a grade group of this stage/, () => t.problems.passingScore],
  [/^two jurors agree on this task/, () => t.problems.noThirdCheck],
  [/^another juror made the third check/, () => t.problems.thirdCheckTaken],
  [/^double scoring needs the juror of every score$/, () => t.problems.jurorNeeded],
  [/^must be a ВсОШ subject code or a short name/, () => t.problems.subject],
  [/^must be one of the 24 ВсОШ subjects/, () => t.problems.vsoshSubject],
  // A score file's refused lines.
  [/^is not a participant code$/, () => t.problems.participantCode],
  [/^is not a task id$/, () => t.problems.taskId],
  [/^must be a number of points/, () => t.problems.points2],
  [/^unknown code (\S+): no participant/, (m) => t.problems.unknownCode(m[1]!)],
  [/^duplicate of line (\d+)/, (m) => t.problems.duplicateLine(m[1]!)],
  [/^task (\S+) is not a task of this grade group$/, (m) => t.problems.unknownTask(m[1]!)],
  [/^score must be 0–([\d.]+) with at most two decimals/, (m) => t.problems.scoreRange(m[1]!)],
  [/^(\S+) is not on this stage.s jury$/, (m) => t.problems.notOnJury(m[1]!)],
  [/^the stage has no grade group (\S+)/, (m) => t.problems.noGroup(m[1]!)],
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
