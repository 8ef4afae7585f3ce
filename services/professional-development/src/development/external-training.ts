import { createHash } from 'node:crypto';
import { DomainError, FieldProblem, ValidationError } from '@mms/eventsourcing/core';
import { isIsoDate } from '@mms/contracts/dates';
import { CompetenceArea, isCompetenceArea } from '../competences/competence-areas';

/** The longest a course can be and still be a course (a year of full-time study). */
export const MAX_TRAINING_HOURS = 2000;

/**
 * A training completed outside the catalogue: a course at another provider (a federal
 * academy, a university), whose certificate the school or municipality records so that the
 * three-year rule and monitoring see it. Kept in the educator's development stream: it is
 * part of their record and follows them wherever they move.
 */
export interface ExternalTraining {
  recordId: string;
  title: string;
  provider: string;
  hours: number;
  competences: CompetenceArea[];
  certificateNumber: string;
  issuedOn: string;
  /** Where the educator worked when it was recorded (for the record, not for access). */
  organizationId: string;
  municipalityId: string;
}

/**
 * One certificate is one record: the id comes from the provider and the number (case and
 * spacing ignored), so recording the same paper twice finds the first record.
 */
export const externalTrainingId = (educatorId: string, provider: string, certificateNumber: string): string =>
  createHash('sha256')
    .update(`${educatorId}\n${normalise(provider)}\n${normalise(certificateNumber)}`)
    .digest('hex')
    .slice(0, 24);

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Field problems of a training, `on` being the day it is recorded (a certificate is not from the future). */
export const externalTrainingProblems = (t: ExternalTraining, on: string): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (!t.title.trim()) problems.push({ field: 'title', message: 'must not be empty' });
  if (!t.provider.trim()) problems.push({ field: 'provider', message: 'must not be empty' });
  if (!t.certificateNumber.trim()) problems.push({ field: 'certificateNumber', message: 'must not be empty' });
  if (!(Number.isInteger(t.hours) && t.hours >= 1 && t.hours <= MAX_TRAINING_HOURS)) {
    problems.push({ field: 'hours', message: `must be a whole number from 1 to ${MAX_TRAINING_HOURS}` });
  }
  const unknown = t.competences.filter((c) => !isCompetenceArea(c));
  if (unknown.length) problems.push({ field: 'competences', message: `unknown competence areas: ${unknown.join(', ')}` });
  if (new Set(t.competences).size !== t.competences.length) problems.push({ field: 'competences', message: 'must not repeat' });
  if (!isIsoDate(t.issuedOn)) problems.push({ field: 'issuedOn', message: 'must be a date YYYY-MM-DD' });
  else if (isIsoDate(on) && t.issuedOn > on) problems.push({ field: 'issuedOn', message: `must not be after ${on}` });
  return problems;
};

/** The same paper, whatever case and spacing it was typed with. */
const sameTraining = (a: ExternalTraining, b: ExternalTraining) =>
  normalise(a.title) === normalise(b.title) &&
  normalise(a.provider) === normalise(b.provider) &&
  a.hours === b.hours &&
  normalise(a.certificateNumber) === normalise(b.certificateNumber) &&
  a.issuedOn === b.issuedOn &&
  a.competences.length === b.competences.length &&
  a.competences.every((c, i) => b.competences[i] === c);

/**
 * Whether to record: undefined when the same certificate is already recorded as given (a
 * retry); throws when the number is recorded with other details (a typo somewhere, which a
 * person must resolve) or when the input is invalid.
 */
export const decideExternalTraining = (recorded: readonly ExternalTraining[], training: ExternalTraining, on: string): ExternalTraining | undefined => {
  const problems = externalTrainingProblems(training, on);
  if (problems.length) throw new ValidationError('invalid external training', problems);
  const t: ExternalTraining = {
    ...training,
    title: training.title.trim(),
    provider: training.provider.trim(),
    certificateNumber: training.certificateNumber.trim(),
  };
  const existing = recorded.find((r) => r.recordId === t.recordId);
  if (!existing) return t;
  if (sameTraining(existing, t)) return undefined;
  throw new DomainError('CERTIFICATE_ALREADY_RECORDED', `certificate ${t.certificateNumber} of ${t.provider} is already recorded with other details`, {
    recordId: existing.recordId,
    issuedOn: existing.issuedOn,
    hours: existing.hours,
  });
};
