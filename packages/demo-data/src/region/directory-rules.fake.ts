/**
 * The directory's input rules, applied exactly as DirectoryService applies them
 * (services/directory/src/application/directory.service.ts), with the directory's own
 * exported, pure validation helpers. Returns the problems ([] = accepted).
 */
import {
  category,
  Checks,
  EARLIEST_CAREER_START,
  INN_ORGANIZATION,
  kind,
  MUNICIPALITY_ID,
  OKTMO,
} from '../../../../services/directory/src/application/validation';
import type { OnboardMunicipalityInput, RegisterEducatorInput, RegisterOrganizationInput } from './region-model';

export const onboardProblems = (input: OnboardMunicipalityInput) => {
  const c = new Checks();
  c.pattern('id', input.id, MUNICIPALITY_ID, 'must be a lower-case slug (a-z, 0-9, -), 2–63 characters');
  const name = c.text('name', input.name, { max: 300, required: true });
  c.pattern('oktmo', input.oktmo, OKTMO, 'must be an 8- or 11-digit ОКТМО code');
  if (name !== input.name) c.problems.push({ field: 'name', message: 'would be stored trimmed' });
  return c.problems;
};

export const organizationProblems = (input: RegisterOrganizationInput) => {
  const c = new Checks();
  const name = c.text('name', input.name, { max: 500, required: true });
  const shortName = c.text('shortName', input.shortName, { max: 200 });
  kind(c, input.kind);
  c.pattern('inn', input.inn, INN_ORGANIZATION, 'must be a 10-digit ИНН');
  if (name !== input.name) c.problems.push({ field: 'name', message: 'would be stored trimmed' });
  if (shortName !== input.shortName) c.problems.push({ field: 'shortName', message: 'would be stored trimmed' });
  return c.problems;
};

export const educatorProblems = (input: RegisterEducatorInput, today: Date) => {
  const c = new Checks();
  c.id('organizationId', input.organizationId);
  const fullName = c.text('fullName', input.fullName, { max: 300, required: true });
  const position = c.text('position', input.position, { max: 200, required: true });
  const subjects = c.list('subjects', input.subjects, { maxItems: 20, maxLength: 100 });
  c.isoDate('careerStartDate', input.careerStartDate, { notAfter: today, notBefore: EARLIEST_CAREER_START });
  category(c, input.qualificationCategory ?? 'NONE');
  if (fullName !== input.fullName) c.problems.push({ field: 'fullName', message: 'would be stored trimmed' });
  if (position !== input.position) c.problems.push({ field: 'position', message: 'would be stored trimmed' });
  if (JSON.stringify(subjects) !== JSON.stringify(input.subjects)) c.problems.push({ field: 'subjects', message: 'would be stored cleaned' });
  return c.problems;
};
