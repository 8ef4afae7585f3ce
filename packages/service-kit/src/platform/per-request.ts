/**
 * A lookup memoised per request: a list answered in one request (a staff list's educators, each
 * with its school and municipality) asks for the same few things once each, not once per item.
 * Keyed by the request object, so nothing outlives it.
 */
export const perRequest = <T>() => {
  const memo = new WeakMap<object, Map<string, Promise<T>>>();
  return (req: object, key: string, load: () => Promise<T>): Promise<T> => {
    let known = memo.get(req);
    if (!known) memo.set(req, (known = new Map()));
    let found = known.get(key);
    if (!found) known.set(key, (found = load()));
    return found;
  };
};
