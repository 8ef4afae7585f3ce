import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { findBreakingChanges, GraphQLError, GraphQLSchema, parse } from 'graphql';

/** One subgraph as listed in the manifest, with its SDL text. */
export interface SubgraphSource {
  name: string;
  /** Default routing URL written into the supergraph (the gateway may override it). */
  url: string;
  sdl: string;
}

export interface CompositionIssue {
  code: string;
  message: string;
  /** Set when the issue belongs to one subgraph (e.g. its SDL does not parse). */
  subgraph?: string;
}

/** Composition failed; `issues` lists every error, each with its federation error code. */
export class CompositionError extends Error {
  constructor(readonly issues: CompositionIssue[]) {
    super(
      `supergraph composition failed with ${issues.length} error(s):\n` +
        issues.map((i) => `  [${i.code}] ${i.subgraph ? `${i.subgraph}: ` : ''}${i.message}`).join('\n'),
    );
    this.name = 'CompositionError';
  }
}

export interface BreakingChange {
  /** graphql-js BreakingChangeType, e.g. FIELD_REMOVED, ARG_CHANGED_KIND. */
  type: string;
  description: string;
}

export interface ComposeOptions {
  /** Composition hints (non-fatal advice), e.g. for the CLI to print. */
  onHint?: (hint: { code: string; message: string }) => void;
}

const codeOf = (e: GraphQLError): string => {
  const code = e.extensions?.['code'];
  return typeof code === 'string' ? code : 'UNKNOWN';
};

/** Composes the subgraphs into a supergraph SDL, or throws CompositionError. */
export const composeSupergraph = (subgraphs: readonly SubgraphSource[], options: ComposeOptions = {}): string => {
  // Parse every SDL first so that all syntax errors are reported together, per subgraph.
  const issues: CompositionIssue[] = [];
  const services = subgraphs.flatMap(({ name, url, sdl }) => {
    try {
      return [{ name, url, typeDefs: parse(sdl) }];
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      issues.push({ code: 'INVALID_GRAPHQL', message, subgraph: name });
      return [];
    }
  });
  if (issues.length > 0) throw new CompositionError(issues);
  if (services.length === 0) throw new CompositionError([{ code: 'NO_SUBGRAPHS', message: 'no subgraphs to compose' }]);

  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(result.errors.map((e) => ({ code: codeOf(e), message: e.message })));
  }
  for (const hint of result.hints) options.onHint?.({ code: hint.definition.code, message: hint.message });
  return result.supergraphSdl;
};

/**
 * The schema clients see: the supergraph without join/link/federation internals, so that
 * a change in routing metadata (a field moving between subgraphs) is not reported.
 */
export const apiSchemaOf = (supergraphSdl: string): GraphQLSchema => Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/** Changes from `previous` to `next` that can break an existing client. */
export const findBreaking = (previousSupergraphSdl: string, nextSupergraphSdl: string): BreakingChange[] =>
  findBreakingChanges(apiSchemaOf(previousSupergraphSdl), apiSchemaOf(nextSupergraphSdl)).map((c) => ({
    type: c.type,
    description: c.description,
  }));
