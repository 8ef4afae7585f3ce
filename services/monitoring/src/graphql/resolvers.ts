import { SubgraphContext } from '@mms/service-kit';
import { IndicatorsService } from '../application/indicators.service';
import { PeriodArgs } from '../application/period';

type Ctx = SubgraphContext;
type Ref = { id: string };

/** Resolvers only translate GraphQL to queries; access and rules live in the service. */
export const monitoringResolvers = (svc: IndicatorsService) => ({
  Query: {
    municipalityIndicators: (_: unknown, a: PeriodArgs & { municipalityId?: string | null }, c: Ctx) =>
      svc.municipality(c.request, a.municipalityId, a),
    schoolIndicators: (_: unknown, a: PeriodArgs & { organizationId: string }, c: Ctx) => svc.school(c.request, a.organizationId, a),
    regionalComparison: (_: unknown, a: PeriodArgs, c: Ctx) => svc.regional(c.request, a),
  },
  // Entities owned by the directory: monitoring adds their indicators, given the id.
  Municipality: {
    __resolveReference: (ref: Ref) => ({ id: ref.id }),
    indicators: (m: Ref, a: PeriodArgs, c: Ctx) => svc.municipality(c.request, m.id, a, 'null'),
  },
  EducationalOrganization: {
    __resolveReference: (ref: Ref) => ({ id: ref.id }),
    indicators: (o: Ref, a: PeriodArgs, c: Ctx) => svc.school(c.request, o.id, a, 'null'),
  },
});
