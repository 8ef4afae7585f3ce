import { FieldProblem, ValidationError } from '@mms/eventsourcing';
import { ORGANIZATION_KINDS, OrganizationKind } from '../organizations/organization';
import { QUALIFICATION_CATEGORIES, QualificationCategory } from '../educators/educator';

/**
 * Input checks beyond what GraphQL types enforce. All problems are collected, so a
 * portal developer sees every bad field at once; nothing is written on any problem.
 */
export class Checks {
  readonly problems: FieldProblem[] = [];

  text(field: string, value: string | null | undefined, opts: { max: number; required?: boolean }): string | null {
    if (value === undefined || value === null) {
      if (opts.required) this.problems.push({ field, message: 'is required' });
      return null;
    }
    const v = value.trim();
    if (opts.required && v.length === 0) this.problems.push({ field, message: 'must not be empty' });
    if (v.length > opts.max) this.problems.push({ field, message: `must be at most ${opts.max} characters` });
    return v.length ? v : null;
  }

  pattern(field: string, value: string | null | undefined, re: RegExp, message: string) {
    if (value !== undefined && value !== null && !re.test(value)) this.problems.push({ field, message });
  }

  isoDate(field: string, value: string, opts: { notAfter?: Date; notBefore?: string }) {
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
    if (!ok || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      this.problems.push({ field, message: 'must be a date as YYYY-MM-DD' });
      return;
    }
    if (opts.notAfter && new Date(`${value}T00:00:00Z`) > opts.notAfter) {
      this.problems.push({ field, message: 'must not be in the future' });
    }
    if (opts.notBefore && value < opts.notBefore) this.problems.push({ field, message: `must not be before ${opts.notBefore}` });
  }

  oneOf<T extends string>(field: string, value: string | undefined | null, allowed: readonly T[]): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
      return undefined;
    }
    return value as T;
  }

  list(field: string, values: string[] | undefined | null, opts: { maxItems: number; maxLength: number; minItems?: number }) {
    if (!values) return undefined;
    const cleaned = [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
    if (cleaned.length < (opts.minItems ?? 0)) this.problems.push({ field, message: `needs at least ${opts.minItems} item(s)` });
    if (cleaned.length > opts.maxItems) this.problems.push({ field, message: `must have at most ${opts.maxItems} items` });
    if (cleaned.some((v) => v.length > opts.maxLength)) {
      this.problems.push({ field, message: `items must be at most ${opts.maxLength} characters` });
    }
    return cleaned;
  }

  id(field: string, value: string | null | undefined) {
    this.pattern(field, value, /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'is not a valid id');
  }

  done(what: string) {
    if (this.problems.length) {
      throw new ValidationError(`invalid ${what}: ${this.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, this.problems);
    }
  }
}

export const MUNICIPALITY_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const OKTMO = /^\d{8}(\d{3})?$/;
export const INN_ORGANIZATION = /^\d{10}$/;

export const kind = (c: Checks, v: string | undefined | null) => c.oneOf<OrganizationKind>('kind', v, ORGANIZATION_KINDS);
export const category = (c: Checks, v: string | undefined | null) =>
  c.oneOf<QualificationCategory>('qualificationCategory', v, QUALIFICATION_CATEGORIES);

/** The earliest plausible start of a career; guards against typos like 0201-09-01. */
export const EARLIEST_CAREER_START = '1950-01-01';
