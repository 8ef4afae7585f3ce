/**
 * Fixed competence codes (DESIGN.md, "Competence areas"). A programme targets some; a
 * diagnostic result is for one.
 */
export const COMPETENCE_AREAS = [
  'SUBJECT',
  'METHODICAL',
  'PSYCHOLOGY_PEDAGOGY',
  'DIGITAL',
  'FUNCTIONAL_LITERACY',
  'INCLUSIVE',
  'UPBRINGING',
  'ASSESSMENT',
] as const;
export type CompetenceArea = (typeof COMPETENCE_AREAS)[number];

export const isCompetenceArea = (value: string): value is CompetenceArea => (COMPETENCE_AREAS as readonly string[]).includes(value);

/** Russian labels, used in the titles of route items the teacher sees. */
export const COMPETENCE_LABELS: Record<CompetenceArea, string> = {
  SUBJECT: 'предметные компетенции',
  METHODICAL: 'методические компетенции',
  PSYCHOLOGY_PEDAGOGY: 'психолого-педагогические компетенции',
  DIGITAL: 'цифровые компетенции',
  FUNCTIONAL_LITERACY: 'функциональная грамотность',
  INCLUSIVE: 'инклюзивное образование',
  UPBRINGING: 'воспитательная работа',
  ASSESSMENT: 'оценочная деятельность',
};
