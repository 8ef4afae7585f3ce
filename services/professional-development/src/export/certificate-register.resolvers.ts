import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { certificateRegisterExport } from './certificate-register.queries';

/** The ФИС ФРДО certificate register export. */
@GraphQLSlice()
@Injectable()
export class CertificateRegisterResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    return {
      Query: {
        certificateRegisterExport: (_: unknown, a: Record<string, any>, c: SubgraphContext) =>
          certificateRegisterExport(this.d, c.request, { from: a['from'], to: a['to'], municipalityId: a['municipalityId'] }),
      },
    };
  }
}
