/**
 * Development tokens for the seeders, minted with @mms/auth from the platform's dev keys
 * (the same keys the gateway verifies with: `.local/keys` or MMS_KEYS_DIR), exactly as
 * services/directory/test/harness.ts and `npm run token` do.
 */
import { existsSync } from 'node:fs';
import { ensureDevKeys, keyFiles, mintUserToken, readPem } from '@mms/auth';

export interface TokenClaims {
  municipality?: string;
  organization?: string;
  educator?: string;
  subject?: string;
}

/** Where seeders get bearer tokens from; cached per role and claims. */
export interface TokenSource {
  regionalOperator(): Promise<string>;
  methodologist(municipalityId: string): Promise<string>;
  /** Any role of @mms/auth ROLES (school_coordinator, teacher, expert…) with its claims. */
  forRole(role: string, claims?: TokenClaims): Promise<string>;
}

export interface DevTokenOptions {
  /** Directory of the dev keys (user-token.private.pem inside). */
  keysDir: string;
  /** Generate the keys if missing. Off by default: a fresh key pair would not match the running gateway's. */
  createKeys?: boolean;
  /** Token lifetime; tokens are re-minted after half of it. Default 2 h. */
  expiresInSeconds?: number;
  subjectPrefix?: string;
  now?: () => number;
}

export const devTokenSource = (options: DevTokenOptions): TokenSource => {
  const files = options.createKeys ? ensureDevKeys(options.keysDir) : keyFiles(options.keysDir);
  if (!existsSync(files.userPrivate)) {
    throw new Error(`no dev signing key at ${files.userPrivate}: point --keys at the directory the gateway uses (MMS_KEYS_DIR, usually .local/keys)`);
  }
  const privatePem = readPem(files.userPrivate);
  const lifetime = options.expiresInSeconds ?? 7200;
  const prefix = options.subjectPrefix ?? 'demo-data';
  const now = options.now ?? Date.now;
  const cache = new Map<string, { token: Promise<string>; renewAt: number }>();

  const forRole = (role: string, claims: TokenClaims = {}): Promise<string> => {
    const key = JSON.stringify([role, claims.municipality, claims.organization, claims.educator, claims.subject]);
    const hit = cache.get(key);
    if (hit && hit.renewAt > now()) return hit.token;
    const subject = claims.subject ?? `${prefix}-${role}${claims.municipality ? `-${claims.municipality}` : ''}`;
    const token = mintUserToken(privatePem, {
      subject,
      role,
      ...(claims.municipality ? { municipality: claims.municipality } : {}),
      ...(claims.organization ? { organization: claims.organization } : {}),
      ...(claims.educator ? { educator: claims.educator } : {}),
      expiresIn: `${lifetime}s`,
    });
    cache.set(key, { token, renewAt: now() + (lifetime * 1000) / 2 });
    token.catch(() => cache.delete(key));
    return token;
  };

  return {
    regionalOperator: () => forRole('regional_operator'),
    methodologist: (municipalityId) => forRole('municipal_methodologist', { municipality: municipalityId }),
    forRole,
  };
};
