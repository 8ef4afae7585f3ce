import { ValidationRule } from 'graphql';
import { LimitCode, LimitExceededError } from './limit-error';
import { measureOperation, OperationMeasure } from './measure';

const limitRule =
  (code: LimitCode, max: number, pick: (m: OperationMeasure) => number, describe: (actual: number) => string): ValidationRule =>
  (context) => ({
    OperationDefinition(node) {
      const actual = pick(measureOperation(context.getDocument(), node));
      if (actual > max) context.reportError(new LimitExceededError(code, describe(actual), max, node));
    },
  });

export const maxDepthRule = (max: number) =>
  limitRule(
    'QUERY_TOO_DEEP',
    max,
    (m) => m.depth,
    (d) => `Query depth ${d} exceeds the maximum of ${max}.`,
  );

export const maxAliasesRule = (max: number) =>
  limitRule(
    'TOO_MANY_ALIASES',
    max,
    (m) => m.aliases,
    (n) => `Query uses ${n} aliases; the maximum is ${max}.`,
  );

/** A plain complexity cap: the number of fields the operation asks for, fragments expanded. */
export const maxFieldsRule = (max: number) =>
  limitRule(
    'QUERY_TOO_COMPLEX',
    max,
    (m) => m.fields,
    (n) => `Query selects ${n} fields; the maximum is ${max}.`,
  );

export const limitRules = (limits: { maxDepth: number; maxAliases: number; maxFields: number }): ValidationRule[] => [
  maxDepthRule(limits.maxDepth),
  maxAliasesRule(limits.maxAliases),
  maxFieldsRule(limits.maxFields),
];
