export { composeSupergraph, findBreaking, apiSchemaOf, CompositionError } from './compose';
export type { SubgraphSource, CompositionIssue, BreakingChange, ComposeOptions } from './compose';
export { loadSubgraphs, ManifestError } from './manifest';
