import type { RequestContext, UserClaims } from '@mms/auth';

let request = 0;

/** A request as a subgraph gets it from the gateway (handler specs). */
export const requestAs = (user: UserClaims | null): RequestContext => ({ user, requestId: `r-${++request}`, correlationId: `c-${request}` });

/** Claims per role, as the gateway vouches for them. */
export const users = {
  operator: (): UserClaims => ({ subject: 'op', role: 'regional_operator', municipalityId: null, organizationId: null, educatorId: null }),
  methodologist: (municipalityId: string): UserClaims => ({
    subject: `m-${municipalityId}`,
    role: 'municipal_methodologist',
    municipalityId,
    organizationId: null,
    educatorId: null,
  }),
  coordinator: (municipalityId: string, organizationId: string): UserClaims => ({
    subject: `c-${organizationId}`,
    role: 'school_coordinator',
    municipalityId,
    organizationId,
    educatorId: null,
  }),
  teacher: (municipalityId: string, educatorId: string, organizationId: string | null = null): UserClaims => ({
    subject: `t-${educatorId}`,
    role: 'teacher',
    municipalityId,
    organizationId,
    educatorId,
  }),
};
