import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLOutputType,
  GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  valueFromAST,
} from 'graphql';
import { COST_TABLE, CostTable } from './cost-table';

/**
 * Demand control, as mature gateways price operations (the IBM cost spec Apollo Router
 * implements): every object returned costs `objectCost`, scalars and enums nothing, a root
 * mutation field `mutationCost` more, a field with a declared weight its weight per call, and a
 * list multiplies what each item costs by its size: the slicing argument (`first`, capped at the
 * largest page), else the declared size of the field, else `defaultListSize`. A connection's
 * `first` sizes its `nodes`.
 *
 * `estimateCost` prices an operation before it runs (over the API schema, with the request's
 * variables); `actualCost` prices the same selection over the data that came back (real list
 * sizes, null objects free). Both count a fragment once per spread, like measure.ts, and
 * memoize per fragment, so a fragment bomb costs linear time to price (and prices as huge).
 */

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  table: CostTable;
}

const fragmentsOf = (document: DocumentNode) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
};

/** The request's variables, coerced with the operation's defaults; the raw ones when they do not coerce (execution refuses them anyway). */
const variablesOf = (schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown> | undefined) => {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw ?? {}, { maxErrors: 1 });
  return coerced.coerced ?? raw ?? {};
};

const rootTypeOf = (schema: GraphQLSchema, operation: OperationDefinitionNode) =>
  operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();

const lookup = (table: Readonly<Record<string, number>>, parent: string, field: string) => table[`${parent}.${field}`] ?? table[`*.${field}`];

const fieldDefOf = (parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined =>
  'getFields' in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name] : undefined;

/** The slicing argument's value: a literal, a variable or the argument's default; the largest page when it says nothing usable. */
const sliceOf = (w: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): number | null => {
  for (const name of w.table.slicingArguments) {
    const def = field.args.find((a) => a.name === name);
    if (!def) continue;
    const arg = node.arguments?.find((a) => a.name.value === name);
    let value: unknown = arg ? valueFromAST(arg.value, def.type, w.variables) : undefined;
    if (value === undefined || value === null) value = def.defaultValue;
    const n = typeof value === 'number' && Number.isFinite(value) ? value : w.table.maxSliceSize;
    return Math.max(0, Math.min(w.table.maxSliceSize, Math.ceil(n)));
  }
  return null;
};

/** Items per level of list nesting of `type` (`[[X]]` has two levels). */
const listDepth = (type: GraphQLOutputType) => {
  let depth = 0;
  for (let t = getNullableType(type); isListType(t); t = getNullableType(t.ofType)) depth++;
  return depth;
};

const ofTypeCondition = (w: Walk, name: string | undefined, parent: GraphQLCompositeType): GraphQLCompositeType => {
  const t = name ? w.schema.getType(name) : undefined;
  return t && isCompositeType(t) ? t : parent;
};

export const estimateCost = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables?: Record<string, unknown>,
  table: CostTable = COST_TABLE,
): number => {
  const root = rootTypeOf(schema, operation);
  if (!root) return 0;
  const w: Walk = { schema, fragments: fragmentsOf(document), variables: variablesOf(schema, operation, rawVariables), table };
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  const ofSelectionSet = (parent: GraphQLCompositeType, set: SelectionSetNode | undefined, slice: number | null, isRoot: boolean): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += ofField(parent, selection, slice, isRoot);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += ofSelectionSet(ofTypeCondition(w, selection.typeCondition?.name.value, parent), selection.selectionSet, slice, isRoot);
      } else {
        const name = selection.name.value;
        const key = `${name}\u0000${parent.name}\u0000${slice}\u0000${isRoot}`;
        const known = memo.get(key);
        if (known !== undefined) {
          total += known;
          continue;
        }
        const fragment = w.fragments.get(name);
        if (!fragment || inProgress.has(name)) continue; // the standard rules reject these documents
        inProgress.add(name);
        const cost = ofSelectionSet(ofTypeCondition(w, fragment.typeCondition.name.value, parent), fragment.selectionSet, slice, isRoot);
        inProgress.delete(name);
        memo.set(key, cost);
        total += cost;
      }
    }
    return total;
  };

  const ofField = (parent: GraphQLCompositeType, node: FieldNode, inheritedSlice: number | null, isRoot: boolean): number => {
    const name = node.name.value;
    if (name.startsWith('__')) return 0; // __typename, and introspection (refused outside development)
    const field = fieldDefOf(parent, name);
    if (!field) return 0;
    const named = getNamedType(field.type);
    const weight = lookup(table.weights, parent.name, name) ?? 0;
    const mutation = isRoot && operation.operation === 'mutation' ? table.mutationCost : 0;
    if (!isCompositeType(named)) return weight + mutation;
    const slice = sliceOf(w, field, node);
    const depth = listDepth(field.type);
    let items = 1;
    if (depth > 0) {
      const size =
        (inheritedSlice !== null && table.sizedFields.includes(name) ? inheritedSlice : null) ??
        slice ??
        lookup(table.listSizes, parent.name, name) ??
        table.defaultListSize;
      items = size ** depth;
    }
    const each = table.objectCost + ofSelectionSet(named, node.selectionSet, depth === 0 ? slice : null, false);
    return mutation + weight + items * each;
  };

  return ofSelectionSet(root, operation.selectionSet, null, true);
};

/**
 * The cost of what an operation returned: the estimate's rules over the response data, with the
 * lists' real sizes and nothing for null objects. A weighted or mutation field counts once its
 * key is in the data (its resolver ran, whatever it returned).
 */
export const actualCost = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: Record<string, unknown> | null | undefined,
  table: CostTable = COST_TABLE,
): number => {
  const root = rootTypeOf(schema, operation);
  if (!root || !data) return 0;
  const w: Walk = { schema, fragments: fragmentsOf(document), variables: {}, table };
  const inProgress = new Set<string>();

  const ofSelectionSet = (parent: GraphQLCompositeType, set: SelectionSetNode | undefined, value: Record<string, unknown>, isRoot: boolean): number => {
    let total = 0;
    const typename = typeof value['__typename'] === 'string' ? value['__typename'] : null;
    const applies = (condition: string | undefined) => !condition || !typename || condition === typename || condition === parent.name;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += ofField(parent, selection, value, isRoot);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) {
          total += ofSelectionSet(ofTypeCondition(w, selection.typeCondition?.name.value, parent), selection.selectionSet, value, isRoot);
        }
      } else {
        const fragment = w.fragments.get(selection.name.value);
        if (!fragment || inProgress.has(fragment.name.value) || !applies(fragment.typeCondition.name.value)) continue;
        inProgress.add(fragment.name.value);
        total += ofSelectionSet(ofTypeCondition(w, fragment.typeCondition.name.value, parent), fragment.selectionSet, value, isRoot);
        inProgress.delete(fragment.name.value);
      }
    }
    return total;
  };

  const ofValue = (named: GraphQLCompositeType, node: FieldNode, value: unknown): number => {
    if (value === null || value === undefined) return 0;
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + ofValue(named, node, item), 0);
    if (typeof value !== 'object') return 0;
    return table.objectCost + ofSelectionSet(named, node.selectionSet, value as Record<string, unknown>, false);
  };

  const ofField = (parent: GraphQLCompositeType, node: FieldNode, value: Record<string, unknown>, isRoot: boolean): number => {
    const name = node.name.value;
    const key = node.alias?.value ?? name;
    if (name.startsWith('__') || !(key in value)) return 0;
    const field = fieldDefOf(parent, name);
    if (!field) return 0;
    const named = getNamedType(field.type);
    const ran = (lookup(table.weights, parent.name, name) ?? 0) + (isRoot && operation.operation === 'mutation' ? table.mutationCost : 0);
    return ran + (isCompositeType(named) ? ofValue(named, node, value[key]) : 0);
  };

  return ofSelectionSet(root, operation.selectionSet, data, true);
};
