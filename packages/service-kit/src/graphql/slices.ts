import { buildSubgraphSchema } from '@apollo/subgraph';
import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { GraphQLSchema, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SUBGRAPH_SCHEMA } from '../platform/tokens';

const GRAPHQL_SLICE = 'mms:graphql-slice';

/** Resolvers of one slice: type name → field → resolver (as Apollo takes them). */
export type ResolverMap = Record<string, Record<string, unknown>>;

/** A slice's resolver provider: `@GraphQLSlice() class CohortResolvers implements SliceResolvers`. */
export interface SliceResolvers {
  resolvers(): ResolverMap;
}

/** Marks a provider whose `resolvers()` the subgraph schema includes. */
export const GraphQLSlice = (): ClassDecorator => SetMetadata(GRAPHQL_SLICE, true);

/** One owner per field: two slices resolving the same field is a wiring mistake, caught at start. */
export const mergeResolvers = (maps: ResolverMap[]): ResolverMap => {
  const out: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const target = (out[type] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`two slices resolve ${type}.${field}`);
        target[field] = resolver;
      }
    }
  }
  return out;
};

/** The schema built at bootstrap from the SDL in contracts/ and every slice's resolvers. */
@Injectable()
export class SubgraphSchemaHost implements OnApplicationBootstrap {
  private built: GraphQLSchema | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject('SUBGRAPH_SDL') private readonly sdl: () => string,
  ) {}

  onApplicationBootstrap() {
    this.build();
  }

  get schema(): GraphQLSchema {
    return this.built ?? this.build();
  }

  private build(): GraphQLSchema {
    const slices = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(GRAPHQL_SLICE, w.metatype))
      .map((w) => (w.instance as SliceResolvers).resolvers());
    this.built = buildSubgraphSchema([{ typeDefs: parse(this.sdl()), resolvers: mergeResolvers(slices) as never }]);
    return this.built;
  }
}

/** A subgraph's SDL from contracts/subgraphs (the contract; the service only implements it). */
export const contractSdl = (subgraph: string) => () =>
  readFileSync(join(dirname(require.resolve('@mms/contracts/package.json')), 'subgraphs', `${subgraph}.graphql`), 'utf8');

/** The subgraph of a context: `SubgraphModule.forSdl(contractSdl('directory'))`; slices bring the resolvers. */
@Module({})
export class SubgraphModule {
  static forSdl(sdl: () => string): DynamicModule {
    return {
      module: SubgraphModule,
      imports: [DiscoveryModule],
      providers: [{ provide: 'SUBGRAPH_SDL', useValue: sdl }, SubgraphSchemaHost, { provide: SUBGRAPH_SCHEMA, useExisting: SubgraphSchemaHost }],
      exports: [SUBGRAPH_SCHEMA],
    };
  }
}
