import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ImportKind, ImportSlice, ImportSlices, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { DiagnosticsImportView, diagnosticsImport, diagnosticsImportProblems, importDiagnostics } from './diagnostic-import.handlers';
import { diagnosticsImportKind } from './diagnostic-import.kind';

/** The diagnostics import: the mutation with the file as a string, and an import's progress and report. */
@GraphQLSlice()
@Injectable()
export class DiagnosticImportResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    return {
      Query: {
        diagnosticsImport: (_: unknown, a: Record<string, any>, c: SubgraphContext) => diagnosticsImport(this.d, c.request, a['importId']),
      },
      Mutation: {
        importDiagnostics: (_: unknown, a: Record<string, any>, c: SubgraphContext) => importDiagnostics(this.d, c.request, a['input']),
      },
      DiagnosticsImport: {
        problems: (view: DiagnosticsImportView, a: Record<string, any>) => diagnosticsImportProblems(this.d, view, a),
      },
    };
  }
}

/** The diagnostics CSV as an upload: POST /imports/diagnostics (service-kit's ImportsModule serves it). */
@ImportSlice()
@Injectable()
export class DiagnosticImportUploads implements ImportSlices {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  importKinds(): ImportKind<any>[] {
    return [diagnosticsImportKind(this.d)];
  }
}
