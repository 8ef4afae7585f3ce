import { importPKCS8, importSPKI, jwtVerify, SignJWT, KeyLike, errors } from 'jose';
import { UserClaims } from './claims';
import { AuthenticationError } from './errors';
import { isRole, MUNICIPAL_ROLES } from './roles';

export const DEFAULT_ISSUER = 'mms-dev-idp';
export const DEFAULT_AUDIENCE = 'mms-api';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Verifies a user's RS256 token and reads the platform claims from it. */
export class UserTokenVerifier {
  private constructor(
    private readonly key: KeyLike,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  static async fromPem(publicPem: string, issuer = DEFAULT_ISSUER, audience = DEFAULT_AUDIENCE) {
    return new UserTokenVerifier(await importSPKI(publicPem, 'RS256'), issuer, audience);
  }

  async verify(token: string): Promise<UserClaims> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['RS256'],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: 5,
      }));
    } catch (err) {
      const reason = err instanceof errors.JWTExpired ? 'token expired' : 'token is not valid';
      throw new AuthenticationError(reason);
    }
    const role = payload['role'];
    if (!isRole(role)) throw new AuthenticationError('token has no known role');
    const subject = str(payload.sub);
    if (!subject) throw new AuthenticationError('token has no subject');
    const claims: UserClaims = {
      subject,
      role,
      municipalityId: str(payload['municipality']),
      organizationId: str(payload['organization']),
      educatorId: str(payload['educator']),
    };
    if (MUNICIPAL_ROLES.includes(role) && !claims.municipalityId) {
      throw new AuthenticationError(`a ${role} token must name a municipality`);
    }
    if (role === 'juror' && claims.educatorId && !claims.municipalityId) {
      throw new AuthenticationError('a juror token naming an educator must name their municipality');
    }
    if (role === 'regional_operator' && claims.municipalityId) {
      throw new AuthenticationError('a regional operator token must not name a municipality');
    }
    return claims;
  }
}

export interface MintOptions {
  subject: string;
  role: string;
  municipality?: string;
  organization?: string;
  educator?: string;
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** Development stand-in for the identity provider. */
export const mintUserToken = async (privatePem: string, o: MintOptions): Promise<string> => {
  const key = await importPKCS8(privatePem, 'RS256');
  const claims: Record<string, string> = { role: o.role };
  if (o.municipality) claims['municipality'] = o.municipality;
  if (o.organization) claims['organization'] = o.organization;
  if (o.educator) claims['educator'] = o.educator;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setSubject(o.subject)
    .setIssuer(o.issuer ?? DEFAULT_ISSUER)
    .setAudience(o.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '8h')
    .sign(key);
};
