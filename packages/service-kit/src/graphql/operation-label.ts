import { DocumentNode, GraphQLError, Kind, OperationDefinitionNode } from 'graphql';

/**
 * The metrics label of a request: its operation type and first root field, a set the schema
 * bounds. Never the client's `operationName` (the gateway derives subgraph operation names
 * from it), which would make a new time series per name a client invents.
 */
export const operationLabel = (doc: DocumentNode | readonly GraphQLError[], operationName?: string): string => {
  if (Array.isArray(doc)) return 'invalid';
  const ops = (doc as DocumentNode).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  const field = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return op && field && field.kind === Kind.FIELD ? `${op.operation}.${field.name.value}` : 'invalid';
};
