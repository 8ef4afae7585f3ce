import { SubgraphContext } from '@mms/service-kit';
import { isYoungTeacher } from '../educators/educator';
import { DirectoryService, EducatorView } from '../application/directory.service';

type Args = Record<string, any>;
type Ctx = SubgraphContext;

/** Resolvers only translate GraphQL to use cases; rules live in the service and domain. */
export const directoryResolvers = (svc: DirectoryService) => ({
  Query: {
    municipality: (_: unknown, a: Args, c: Ctx) => svc.municipality(c.request, a['id']),
    municipalities: (_: unknown, a: Args, c: Ctx) => svc.municipalities(c.request, a['first'], a['after']),
    organization: (_: unknown, a: Args, c: Ctx) => svc.organization(c.request, a['id']),
    organizations: (_: unknown, a: Args, c: Ctx) => svc.organizations(c.request, a['filter'] ?? {}, a['first'], a['after']),
    educator: (_: unknown, a: Args, c: Ctx) => svc.educator(c.request, a['id']),
    educators: (_: unknown, a: Args, c: Ctx) => svc.educators(c.request, a['filter'] ?? {}, a['first'], a['after']),
  },
  Mutation: {
    onboardMunicipality: (_: unknown, a: Args, c: Ctx) => svc.onboardMunicipality(c.request, a['input']),
    registerOrganization: (_: unknown, a: Args, c: Ctx) => svc.registerOrganization(c.request, a['input']),
    updateOrganization: (_: unknown, a: Args, c: Ctx) => svc.updateOrganization(c.request, a['input']),
    closeOrganization: (_: unknown, a: Args, c: Ctx) => svc.closeOrganization(c.request, a['input']),
    registerEducator: (_: unknown, a: Args, c: Ctx) => svc.registerEducator(c.request, a['input']),
    updateEducator: (_: unknown, a: Args, c: Ctx) => svc.updateEducator(c.request, a['input']),
    moveEducator: (_: unknown, a: Args, c: Ctx) => svc.moveEducator(c.request, a['input']),
    recordEducatorLeaving: (_: unknown, a: Args, c: Ctx) => svc.recordEducatorLeaving(c.request, a['input']),
    eraseEducatorPersonalData: (_: unknown, a: Args, c: Ctx) => svc.erasePersonalData(c.request, a['educatorId']),
  },
  Municipality: {
    __resolveReference: (ref: { id: string }, c: Ctx) => svc.municipality(c.request, ref.id),
  },
  EducationalOrganization: {
    __resolveReference: (ref: { id: string }, c: Ctx) => svc.organization(c.request, ref.id),
    municipality: (o: { municipalityId: string }, _: Args, c: Ctx) => svc.municipalityOf(c.request, o.municipalityId),
  },
  Educator: {
    __resolveReference: (ref: { id: string }, c: Ctx) => svc.educatorReference(c.request, ref.id),
    municipality: (e: EducatorView, _: Args, c: Ctx) => svc.municipalityOf(c.request, e.tenantId),
    organization: (e: EducatorView, _: Args, c: Ctx) =>
      svc.organizationOf(c.request, e.tenantId, e.organizationId),
    isYoungTeacher: (e: EducatorView) => isYoungTeacher(e.careerStartDate, new Date()),
  },
});
