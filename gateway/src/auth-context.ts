import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AuthenticationError, UserClaims, UserTokenVerifier } from '@mms/auth';
import type { IdentityCheck } from './identity/identity-check';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A fresh request id; the client's correlation id only when it is harmless to log and forward. */
export const requestIds = (headers: IncomingHttpHeaders) => {
  const requestId = randomUUID();
  const offered = single(headers['x-correlation-id']);
  return {
    requestId,
    correlationId: offered && CORRELATION_ID.test(offered) ? offered : requestId,
  };
};

/**
 * Turns the Authorization header into verified claims: none = the public (null). With an
 * identity check, claims the directory contradicts are refused here, before any subgraph.
 */
export class Authenticator {
  constructor(
    private readonly verifier: UserTokenVerifier,
    private readonly identity?: IdentityCheck,
  ) {}

  async authenticate(authorization: string | undefined): Promise<UserClaims | null> {
    if (authorization === undefined) return null;
    const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
    if (!m) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
    const claims = await this.verifier.verify(m[1]!);
    await this.identity?.check(claims);
    return claims;
  }
}
