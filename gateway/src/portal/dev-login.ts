import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthenticationError, INTERNAL_CONTEXT_HEADER, InternalContextSigner, isRole, mintUserToken, MUNICIPAL_ROLES, UserClaims } from '@mms/auth';
import type { Authenticator } from '../auth-context';
import { IdentityCheckUnavailable } from '../identity/identity-check';

/** Where the development sign-in lives; it answers only when the gateway runs with NODE_ENV=development. */
export const DEV_LOGIN_PATH = '/dev/login';
export const DEV_EDUCATORS_PATH = '/dev/educators';

const LISTER: UserClaims = { subject: 'system:dev-login', role: 'regional_operator', municipalityId: null, organizationId: null, educatorId: null };
const ID = /^[A-Za-z0-9._~:-]{1,100}$/;
const MAX_BODY = 4 * 1024;

export interface DevLoginDeps {
  /** The stand-in identity provider's private key (PEM): development keys only. */
  userPrivatePem: string;
  issuer: string;
  audience: string;
  authenticator: Authenticator;
  signer: InternalContextSigner;
  directoryUrl: () => string | undefined;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};
const refuse = (res: ServerResponse, status: number, code: string, message: string, field?: string) =>
  send(res, status, { errors: [{ message, extensions: { code, ...(field ? { problems: [{ field, message }] } : {}) } }] });

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown> | null> => {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
};

const optionalId = (body: Record<string, unknown>, field: string): string | undefined | false => {
  const v = body[field];
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' && ID.test(v) ? v : false;
};

/**
 * The development stand-in for an identity provider's sign-in: the portal picks a role and a
 * municipality, school or educator of the demo region and gets a token as the real provider would
 * issue it. The token passes the same identity check as any other before it is handed out, so a
 * pick the directory contradicts is refused here. A juror is an educator (municipality and
 * educator in the token, no school) or an external expert (`expertId` becomes the token's subject,
 * as the organiser named them on the jury). `GET /dev/educators?organizationId=` lists a
 * school's educators to pick from (names are personal data: development only).
 */
export const createDevLogin = (d: DevLoginDeps) => ({
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === DEV_LOGIN_PATH && req.method === 'POST') {
      const body = await readJson(req);
      if (!body) return (refuse(res, 400, 'BAD_REQUEST', 'The body must be a JSON object of at most 4 KB.'), true);
      const role = body['role'];
      if (!isRole(role)) return (refuse(res, 400, 'BAD_USER_INPUT', 'Unknown role.', 'role'), true);
      const ids: Record<string, string | undefined> = {};
      for (const field of ['municipalityId', 'organizationId', 'educatorId', 'expertId']) {
        const v = optionalId(body, field);
        if (v === false) return (refuse(res, 400, 'BAD_USER_INPUT', `${field} is not an id.`, field), true);
        ids[field] = v;
      }
      if (MUNICIPAL_ROLES.includes(role) && !ids['municipalityId']) return (refuse(res, 400, 'BAD_USER_INPUT', 'Pick a municipality.', 'municipalityId'), true);
      if (role === 'school_coordinator' && !ids['organizationId']) return (refuse(res, 400, 'BAD_USER_INPUT', 'Pick a school.', 'organizationId'), true);
      if (role === 'teacher' && !ids['educatorId']) return (refuse(res, 400, 'BAD_USER_INPUT', 'Pick an educator.', 'educatorId'), true);
      if (ids['expertId'] && role !== 'juror') return (refuse(res, 400, 'BAD_USER_INPUT', 'Only a juror signs in as an external expert.', 'expertId'), true);
      // A juror is an educator of the directory (their municipality and educator, checked like a
      // teacher's), or an external expert whose id the organiser put on the jury (the token's subject).
      const expert = role === 'juror' ? ids['expertId'] : undefined;
      if (role === 'juror') {
        if (expert && ids['educatorId']) return (refuse(res, 400, 'BAD_USER_INPUT', 'An educator or an external expert, not both.', 'expertId'), true);
        if (!expert && !ids['educatorId'])
          return (refuse(res, 400, 'BAD_USER_INPUT', 'Pick an educator, or give an external expert’s id.', 'educatorId'), true);
        if (!expert && !ids['municipalityId']) return (refuse(res, 400, 'BAD_USER_INPUT', 'Pick a municipality.', 'municipalityId'), true);
        ids['organizationId'] = undefined;
        if (expert) ids['municipalityId'] = undefined;
      }
      const ttl = body['expiresInSeconds'];
      const seconds = typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= 5 && ttl <= 12 * 3600 ? ttl : 8 * 3600;
      const operator = role === 'regional_operator';
      const token = await mintUserToken(d.userPrivatePem, {
        subject: expert ?? `dev:${role}:${ids['educatorId'] ?? ids['organizationId'] ?? ids['municipalityId'] ?? 'region'}`,
        role,
        ...(!operator && ids['municipalityId'] ? { municipality: ids['municipalityId'] } : {}),
        ...(!operator && ids['organizationId'] ? { organization: ids['organizationId'] } : {}),
        ...(!operator && ids['educatorId'] ? { educator: ids['educatorId'] } : {}),
        expiresIn: `${seconds}s`,
        issuer: d.issuer,
        audience: d.audience,
      });
      try {
        const claims = await d.authenticator.authenticate(`Bearer ${token}`);
        send(res, 200, { token, claims, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() });
      } catch (err) {
        if (err instanceof IdentityCheckUnavailable) refuse(res, 503, err.code, err.message);
        else if (err instanceof AuthenticationError) refuse(res, 400, 'BAD_USER_INPUT', `The directory contradicts this pick: ${err.message}`);
        else throw err;
      }
      return true;
    }
    if (url.pathname === DEV_EDUCATORS_PATH && req.method === 'GET') {
      const organizationId = url.searchParams.get('organizationId') ?? '';
      if (!ID.test(organizationId)) return (refuse(res, 400, 'BAD_USER_INPUT', 'organizationId is not an id.', 'organizationId'), true);
      const target = d.directoryUrl();
      if (!target) return (refuse(res, 503, 'UNAVAILABLE', 'No directory subgraph.'), true);
      const requestId = randomUUID();
      const answer = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_CONTEXT_HEADER]: await d.signer.sign({ requestId, correlationId: requestId, user: LISTER }),
        },
        body: JSON.stringify({
          query: 'query($o: ID!) { educators(filter: { organizationId: $o, status: ACTIVE }, first: 100) { nodes { id fullName position } } }',
          variables: { o: organizationId },
        }),
        signal: AbortSignal.timeout(5_000),
      });
      const json = (await answer.json()) as { data?: { educators: { nodes: unknown[] } }; errors?: unknown[] };
      if (!json.data) return (refuse(res, 502, 'UNAVAILABLE', 'The directory did not answer.'), true);
      send(res, 200, { educators: json.data.educators.nodes });
      return true;
    }
    return false;
  },
});
