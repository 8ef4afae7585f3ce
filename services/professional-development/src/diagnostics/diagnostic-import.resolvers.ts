import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { importDiagnostics } from './diagnostic-import.handlers';

/** The diagnostics CSV import. */
@GraphQLSlice()
@Injectable()
export class DiagnosticImportResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    return {
      Mutation: {
        importDiagnostics: (_: unknown, a: Record<string, any>, c: SubgraphContext) => importDiagnostics(this.d, c.request, a['input']),
      },
    };
  }
}
