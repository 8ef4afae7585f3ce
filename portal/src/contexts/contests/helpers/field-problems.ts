// ---- API field problems ----

/**
 * The API's problem for a form field: the field as named (`quotas.awardedShare`), or a longer
 * path that ends with it (`input.settings.quotas.awardedShare`).
 */
export const fieldProblem = (fields: Record<string, string>, field: string): string | undefined =>
  fields[field] ?? Object.entries(fields).find(([name]) => name.endsWith(`.${field}`))?.[1];

/** What a form field shows under it: the API's problem for it, or the form's own check. */
export type FieldErrors = Record<string, string>;

/** The API's field problems placed at the form's fields (a longer path ending with a field's name counts); the rest, unplaced. */
export const placeProblems = (problems: Record<string, string>, fields: readonly string[]): { at: FieldErrors; rest: string[] } => {
  const at: FieldErrors = {};
  const rest: string[] = [];
  for (const [name, message] of Object.entries(problems)) {
    const f = fields.find((x) => name === x || name.endsWith(`.${x}`));
    if (f) at[f] ??= message;
    else rest.push(message);
  }
  return { at, rest };
};
