/** The terms a programme is described in: competence areas (the contract's enum), formats and audiences. */

/** contracts/subgraphs/professional-development.graphql `enum CompetenceArea`. */
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

export type ProgrammeFormat = 'IN_PERSON' | 'DISTANCE' | 'BLENDED';

/** Who a programme is meant for: applicants pick programmes that fit their organisation. */
export type Audience = 'ALL' | 'SCHOOL' | 'KINDERGARTEN' | 'ADDITIONAL_EDUCATION';
