import { Role } from './roles';

/** What a verified user token says about the caller. */
export interface UserClaims {
  subject: string;
  role: Role;
  /** Tenant. Required for every role but the regional operator. */
  municipalityId: string | null;
  /** School (or other organisation) of a coordinator or teacher. */
  organizationId: string | null;
  /** The educator record of a teacher, when linked. */
  educatorId: string | null;
}

/**
 * What the gateway vouches for on each subgraph request. `user` is null for the
 * public (anonymous portal visitor).
 */
export interface RequestContext {
  requestId: string;
  correlationId: string;
  user: UserClaims | null;
  /**
   * The client's `Idempotency-Key` for a single mutation, with a fingerprint of what the
   * operation asked (the gateway sets both): a retry with the same key changes nothing.
   */
  idempotency?: { key: string; fingerprint: string } | null;
}

/** The tenant a request acts in, or null for the regional operator and the public. */
export const tenantOf = (ctx: RequestContext): string | null => ctx.user?.municipalityId ?? null;
