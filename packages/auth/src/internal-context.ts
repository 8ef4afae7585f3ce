import { importPKCS8, importSPKI, jwtVerify, KeyLike, SignJWT } from 'jose';
import { RequestContext, UserClaims } from './claims';
import { AuthenticationError } from './errors';

/** The header on which the gateway sends the signed context to subgraphs. */
export const INTERNAL_CONTEXT_HEADER = 'x-mms-context';
/**
 * The header on which the gateway tells a subgraph how many milliseconds the operation has
 * left (relative, so clocks need not agree); the subgraph stops resolving once they are gone.
 */
export const TIMEOUT_HEADER = 'x-mms-timeout-ms';
/**
 * The header on which the gateway asks a subgraph to run at most this many awaited resolvers of
 * the operation at once (a costly operation gets 1); the subgraph takes the lower of it and its own bound.
 */
export const RESOLVERS_IN_FLIGHT_HEADER = 'x-mms-resolvers-in-flight';

/**
 * Read-your-writes (@mms/eventsourcing applied-positions): a subgraph answers where a request's
 * commands left their streams (POSITIONS); the client's later requests name them (AFTER), and
 * each subgraph waits, bounded, until its read models hold its own. The gateway carries both.
 */
export const POSITIONS_HEADER = 'x-mms-positions';
export const AFTER_HEADER = 'x-mms-after';
const AUDIENCE = 'mms-subgraph';
const ISSUER = 'mms-gateway';

/** Gateway side: signs the verified request context (Ed25519: cheap per request). */
export class InternalContextSigner {
  private constructor(private readonly key: KeyLike) {}

  static async fromPem(privatePem: string) {
    return new InternalContextSigner(await importPKCS8(privatePem, 'EdDSA'));
  }

  sign(ctx: RequestContext): Promise<string> {
    return new SignJWT({ rid: ctx.requestId, cid: ctx.correlationId, usr: ctx.user, ...(ctx.idempotency ? { idk: ctx.idempotency } : {}) })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(this.key);
  }
}

/** Subgraph side: a request without a valid gateway signature gets nothing. */
export class InternalContextVerifier {
  private constructor(private readonly key: KeyLike) {}

  static async fromPem(publicPem: string) {
    return new InternalContextVerifier(await importSPKI(publicPem, 'EdDSA'));
  }

  async verify(token: string | undefined): Promise<RequestContext> {
    if (!token) throw new AuthenticationError('request did not come through the gateway');
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['EdDSA'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTolerance: 5,
      });
      const idk = payload['idk'] as { key?: unknown; fingerprint?: unknown } | undefined;
      return {
        requestId: String(payload['rid']),
        correlationId: String(payload['cid']),
        user: (payload['usr'] as UserClaims | null) ?? null,
        ...(idk && typeof idk.key === 'string' && typeof idk.fingerprint === 'string' ? { idempotency: { key: idk.key, fingerprint: idk.fingerprint } } : {}),
      };
    } catch {
      throw new AuthenticationError('internal request context is not valid');
    }
  }
}
