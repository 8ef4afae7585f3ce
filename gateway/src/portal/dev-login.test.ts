import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, ensureDevKeys, InternalContextSigner, readPem, UserClaims, UserTokenVerifier } from '@mms/auth';
import { Authenticator } from '../auth-context';
import type { IdentityCheck } from '../identity/identity-check';
import { IdentityMismatchError } from '../identity/identity-check';
import { createDevLogin, DEV_LOGIN_PATH } from './dev-login';

/** The directory as the identity check sees it: educator e1 works at school o1 of municipality m1. */
const directory = {
  async check(u: UserClaims | null) {
    if (!u || u.role === 'regional_operator' || !u.municipalityId) return;
    if (u.municipalityId !== 'm1') throw new IdentityMismatchError(`municipality ${u.municipalityId} is not onboarded`);
    if (u.organizationId && u.organizationId !== 'o1') throw new IdentityMismatchError(`organization ${u.organizationId} does not exist`);
    if (u.educatorId && u.educatorId !== 'e1') throw new IdentityMismatchError(`educator ${u.educatorId} does not exist`);
  },
} as unknown as IdentityCheck;

describe('development sign-in (POST /dev/login)', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dev-login-'));
    const keys = ensureDevKeys(dir);
    const login = createDevLogin({
      userPrivatePem: readPem(keys.userPrivate),
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
      authenticator: new Authenticator(await UserTokenVerifier.fromPem(readPem(keys.userPublic), DEFAULT_ISSUER, DEFAULT_AUDIENCE), directory),
      signer: await InternalContextSigner.fromPem(readPem(keys.internalPrivate)),
      directoryUrl: () => undefined,
    });
    server = createServer((req, res) => {
      void login.handle(req, res, new URL(req.url ?? '/', 'http://gateway.invalid')).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${DEV_LOGIN_PATH}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (body: Record<string, unknown>) => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return {
      status: r.status,
      body: (await r.json()) as { claims?: UserClaims; errors?: { message: string; extensions: { code: string; problems?: { field: string }[] } }[] },
    };
  };
  const refusedAt = (r: Awaited<ReturnType<typeof signIn>>) => [
    r.status,
    r.body.errors?.[0]?.extensions.code,
    r.body.errors?.[0]?.extensions.problems?.[0]?.field,
  ];

  it('signs in every role the portal offers, with the claims each role carries', async () => {
    const picks: Record<string, Record<string, string>> = {
      teacher: { municipalityId: 'm1', organizationId: 'o1', educatorId: 'e1' },
      school_coordinator: { municipalityId: 'm1', organizationId: 'o1' },
      municipal_methodologist: { municipalityId: 'm1' },
      regional_operator: {},
      juror: { municipalityId: 'm1', organizationId: 'o1', educatorId: 'e1' },
    };
    const claims = Object.fromEntries(
      await Promise.all(Object.entries(picks).map(async ([role, ids]) => [role, (await signIn({ role, ...ids })).body.claims] as const)),
    );
    expect(claims).toEqual({
      teacher: { subject: 'dev:teacher:e1', role: 'teacher', municipalityId: 'm1', organizationId: 'o1', educatorId: 'e1' },
      school_coordinator: { subject: 'dev:school_coordinator:o1', role: 'school_coordinator', municipalityId: 'm1', organizationId: 'o1', educatorId: null },
      municipal_methodologist: {
        subject: 'dev:municipal_methodologist:m1',
        role: 'municipal_methodologist',
        municipalityId: 'm1',
        organizationId: null,
        educatorId: null,
      },
      regional_operator: { subject: 'dev:regional_operator:region', role: 'regional_operator', municipalityId: null, organizationId: null, educatorId: null },
      // The school picked to find the educator is not part of a juror's token.
      juror: { subject: 'dev:juror:e1', role: 'juror', municipalityId: 'm1', organizationId: null, educatorId: 'e1' },
    });
  });

  it('signs in an external expert juror under the id the organiser put on the jury, with no municipality', async () => {
    const r = await signIn({ role: 'juror', expertId: 'expert-42', municipalityId: 'm1' });
    expect(r.status).toBe(200);
    expect(r.body.claims).toEqual({ subject: 'expert-42', role: 'juror', municipalityId: null, organizationId: null, educatorId: null });
  });

  it('refuses a juror pick that names nobody, both kinds, or an educator without a municipality', async () => {
    expect(refusedAt(await signIn({ role: 'juror' }))).toEqual([400, 'BAD_USER_INPUT', 'educatorId']);
    expect(refusedAt(await signIn({ role: 'juror', educatorId: 'e1' }))).toEqual([400, 'BAD_USER_INPUT', 'municipalityId']);
    expect(refusedAt(await signIn({ role: 'juror', municipalityId: 'm1', educatorId: 'e1', expertId: 'x1' }))).toEqual([400, 'BAD_USER_INPUT', 'expertId']);
    expect(refusedAt(await signIn({ role: 'juror', expertId: 'not an id!' }))).toEqual([400, 'BAD_USER_INPUT', 'expertId']);
    expect(refusedAt(await signIn({ role: 'teacher', municipalityId: 'm1', organizationId: 'o1', educatorId: 'e1', expertId: 'x1' }))).toEqual([
      400,
      'BAD_USER_INPUT',
      'expertId',
    ]);
  });

  it('checks a juror educator against the directory as any token is checked', async () => {
    const r = await signIn({ role: 'juror', municipalityId: 'm1', educatorId: 'e9' });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toMatch(/directory contradicts this pick: .*educator e9 does not exist/);
  });

  it('keeps the checks of the other roles', async () => {
    expect(refusedAt(await signIn({ role: 'nobody' }))).toEqual([400, 'BAD_USER_INPUT', 'role']);
    expect(refusedAt(await signIn({ role: 'teacher', municipalityId: 'm1', organizationId: 'o1' }))).toEqual([400, 'BAD_USER_INPUT', 'educatorId']);
    expect(refusedAt(await signIn({ role: 'school_coordinator', municipalityId: 'm1' }))).toEqual([400, 'BAD_USER_INPUT', 'organizationId']);
    expect(refusedAt(await signIn({ role: 'municipal_methodologist' }))).toEqual([400, 'BAD_USER_INPUT', 'municipalityId']);
  });
});
