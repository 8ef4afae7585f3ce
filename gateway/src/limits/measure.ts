import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';

export interface OperationMeasure {
  /** Deepest field nesting: `{ a { b } }` is 2. */
  depth: number;
  /** Fields, counting a fragment once per spread. */
  fields: number;
  /** Aliased fields, counting a fragment once per spread. */
  aliases: number;
}

const ZERO: OperationMeasure = { depth: 0, fields: 0, aliases: 0 };
const cache = new WeakMap<OperationDefinitionNode, OperationMeasure>();

/**
 * Measures an operation with its fragments expanded. Each fragment is measured once and
 * memoized, so a "fragment bomb" (fragments spreading each other many times) costs linear
 * time while its counts still grow as the real expansion would. Introspection fields
 * (`__schema`, `__type`) are not counted: outside development they are refused anyway, and
 * the sandbox's own introspection query is legitimately deep. Unknown or cyclic fragments
 * count as empty: the standard rules reject those documents.
 */
export const measureOperation = (document: DocumentNode, operation: OperationDefinitionNode): OperationMeasure => {
  const cached = cache.get(operation);
  if (cached) return cached;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const memo = new Map<string, OperationMeasure>();
  const inProgress = new Set<string>();

  const ofFragment = (name: string): OperationMeasure => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return ZERO;
    inProgress.add(name);
    const m = ofSelectionSet(fragment.selectionSet);
    inProgress.delete(name);
    memo.set(name, m);
    return m;
  };

  const ofSelectionSet = (set: SelectionSetNode | undefined): OperationMeasure => {
    const total = { depth: 0, fields: 0, aliases: 0 };
    for (const selection of set?.selections ?? []) {
      let m: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__schema' || selection.name.value === '__type') continue;
        const inner = ofSelectionSet(selection.selectionSet);
        m = {
          depth: inner.depth + 1,
          fields: inner.fields + 1,
          aliases: inner.aliases + (selection.alias ? 1 : 0),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        m = ofSelectionSet(selection.selectionSet);
      } else {
        m = ofFragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, m.depth);
      total.fields += m.fields;
      total.aliases += m.aliases;
    }
    return total;
  };

  const result = ofSelectionSet(operation.selectionSet);
  cache.set(operation, result);
  return result;
};
