import { isIsoDate } from '@mms/contracts/dates';
import { FieldProblem, invalidFields } from '@mms/eventsourcing/core';

/** Ids generated or accepted by the platform: uuids, slugs, composite `parent~child`. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_~-]{0,127}$/;
export const MUNICIPALITY_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Input checks beyond what GraphQL types enforce: the shape of the input, once for every
 * context. All problems are collected, so a portal developer sees every bad field at once,
 * as BAD_USER_INPUT naming each field; nothing is written on any problem. Rules (a period
 * that ends before it starts, a full cohort) are the deciders' to refuse.
 */
export class Checks {
  readonly problems: FieldProblem[] = [];

  problem(field: string, message: string) {
    this.problems.push({ field, message });
  }

  /** Trimmed text; empty → null. */
  text(field: string, value: string | null | undefined, opts: { max: number; required?: boolean }): string | null {
    if (value === undefined || value === null) {
      if (opts.required) this.problem(field, 'is required');
      return null;
    }
    const v = value.trim();
    if (opts.required && v.length === 0) this.problem(field, 'must not be empty');
    if (v.length > opts.max) this.problem(field, `must be at most ${opts.max} characters`);
    return v.length ? v : null;
  }

  required<T>(field: string, value: T | null | undefined): T | undefined {
    if (value === undefined || value === null) {
      this.problem(field, 'is required');
      return undefined;
    }
    return value;
  }

  pattern(field: string, value: string | null | undefined, re: RegExp, message: string) {
    if (value !== undefined && value !== null && !re.test(value)) this.problem(field, message);
  }

  id(field: string, value: string | null | undefined) {
    this.pattern(field, value, ID, 'is not a valid id');
  }

  municipalityId(field: string, value: string | null | undefined) {
    this.pattern(field, value, MUNICIPALITY_ID, 'must be a lower-case slug (a-z, 0-9, -), 2–63 characters');
  }

  /** A calendar date YYYY-MM-DD, optionally within bounds (ISO strings compare as dates). */
  date(field: string, value: string | null | undefined, opts: { notAfter?: string; notBefore?: string } = {}) {
    if (value === undefined || value === null) return;
    if (!isIsoDate(value)) {
      this.problem(field, 'must be a date as YYYY-MM-DD');
      return;
    }
    if (opts.notAfter && value > opts.notAfter)
      this.problem(field, opts.notAfter.length === 10 ? `must not be after ${opts.notAfter}` : 'must not be in the future');
    if (opts.notBefore && value < opts.notBefore) this.problem(field, `must not be before ${opts.notBefore}`);
  }

  int(field: string, value: number | null | undefined, min: number, max: number) {
    if (value !== undefined && value !== null && !(Number.isInteger(value) && value >= min && value <= max)) {
      this.problem(field, `must be a whole number from ${min} to ${max}`);
    }
  }

  number(field: string, value: number | null | undefined, min: number, max: number) {
    if (value !== undefined && value !== null && !(Number.isFinite(value) && value >= min && value <= max)) {
      this.problem(field, `must be a number from ${min} to ${max}`);
    }
  }

  oneOf<T extends string>(field: string, value: string | undefined | null, allowed: readonly T[]): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problem(field, `must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  /** Trimmed, empty items dropped; `unique` (sets such as subjects) also drops repeats. */
  list(field: string, values: string[] | undefined | null, opts: { maxItems: number; maxLength: number; minItems?: number; unique?: boolean }) {
    if (!values) return undefined;
    const trimmed = values.map((v) => v.trim()).filter((v) => v.length > 0);
    const cleaned = opts.unique ? [...new Set(trimmed)] : trimmed;
    if (cleaned.length < (opts.minItems ?? 0)) this.problem(field, `needs at least ${opts.minItems} item(s)`);
    if (cleaned.length > opts.maxItems) this.problem(field, `must have at most ${opts.maxItems} items`);
    if (cleaned.some((v) => v.length > opts.maxLength)) this.problem(field, `items must be at most ${opts.maxLength} characters`);
    return cleaned;
  }

  /** Throws BAD_USER_INPUT with every problem found, naming `what` was invalid. */
  done(what: string) {
    invalidFields(what, this.problems);
  }
}

/** Checks in one go: `checked('application', (c) => { c.id('cohortId', input.cohortId); ... })`. */
export const checked = <T>(what: string, run: (c: Checks) => T): T => {
  const c = new Checks();
  const out = run(c);
  c.done(what);
  return out;
};
