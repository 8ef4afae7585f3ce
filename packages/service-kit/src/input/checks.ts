import { isIsoDate } from '@mms/contracts/dates';
import { FieldProblem, invalidFields } from '@mms/eventsourcing/core';

/** Ids generated or accepted by the platform: uuids, slugs, composite `parent~child`. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_~-]{0,127}$/;
export const MUNICIPALITY_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** C0/C1 controls (line breaks and tabs only in multi-line text), lone surrogates, U+FFFE/U+FFFF. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const LINE_CONTROL = /[\t\n\r]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What in the text no store or screen takes, in words (null when nothing). */
export const unprintable = (v: string, multiline: boolean): string | null => {
  const c = CONTROL.exec(v) ?? (multiline ? null : LINE_CONTROL.exec(v));
  if (c) return `control characters (U+${c[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at ${c.index + 1})`;
  if (LONE_SURROGATE.test(v)) return 'broken characters (a lone UTF-16 surrogate)';
  return null;
};

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

  /**
   * Text as it will be stored: NFC-normalised and trimmed; empty → null. Control characters
   * (NUL and the like), broken UTF-16 and non-characters are refused, as no store or screen
   * takes them; `multiline` text may hold line breaks and tabs.
   */
  text(field: string, value: string | null | undefined, opts: { max: number; required?: boolean; multiline?: boolean }): string | null {
    if (value === undefined || value === null) {
      if (opts.required) this.problem(field, 'is required');
      return null;
    }
    if (value.length > opts.max * 4) {
      // Far over the limit: said without normalising megabytes first.
      this.problem(field, `must be at most ${opts.max} characters (got ${value.length})`);
      return null;
    }
    const v = value.normalize('NFC').trim();
    const bad = unprintable(v, opts.multiline ?? false);
    if (bad) this.problem(field, `must not contain ${bad}`);
    if (opts.required && v.length === 0) this.problem(field, 'must not be empty');
    if (v.length > opts.max) this.problem(field, `must be at most ${opts.max} characters (got ${v.length})`);
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

  /** Trimmed (NFC), empty items dropped; `unique` (sets such as subjects) also drops repeats. */
  list(field: string, values: string[] | undefined | null, opts: { maxItems: number; maxLength: number; minItems?: number; unique?: boolean }) {
    if (!values) return undefined;
    if (values.length > opts.maxItems * 4) {
      this.problem(field, `must have at most ${opts.maxItems} items (got ${values.length})`);
      return [];
    }
    const trimmed = values.map((v) => v.normalize('NFC').trim()).filter((v) => v.length > 0);
    const bad = trimmed.map((v) => unprintable(v, false)).find(Boolean);
    if (bad) this.problem(field, `items must not contain ${bad}`);
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
