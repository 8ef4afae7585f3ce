import { generateKeyPairSync } from 'node:crypto';
import { InternalContextSigner, UserClaims } from '@mms/auth';
import { IdentityCheck, IdentityMismatchError } from './identity-check';

const user = (role: UserClaims['role'], municipalityId: string, organizationId: string | null = null): UserClaims => ({
  subject: `someone of ${municipalityId}`,
  role,
  municipalityId,
  organizationId,
  educatorId: null,
});

/** A directory that knows municipality m1 and its school o1, and says what each call asked for. */
const directory = () => {
  const asked: Array<Record<string, unknown>> = [];
  const fetchFn = (async (_url: string, init: { body: string }) => {
    const { variables: v } = JSON.parse(init.body) as { variables: Record<string, unknown> };
    asked.push(v);
    const data: Record<string, unknown> = {};
    if (v['withMunicipality']) data['municipality'] = v['m'] === 'm1' ? { id: 'm1' } : null;
    if (v['withOrganization']) data['organization'] = v['o'] === 'o1' ? { id: 'o1', status: 'ACTIVE', municipality: { id: 'm1' } } : null;
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { asked, fetchFn };
};

const checker = async (fetchFn: typeof fetch) => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = await InternalContextSigner.fromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return new IdentityCheck({ directoryUrl: () => 'http://directory.test/graphql', signer, fetch: fetchFn, settleMs: 0, okTtlMs: 0, refusedTtlMs: 0 });
};

describe('the gateway’s identity check', () => {
  it('asks the directory for a municipality once: an onboarded one is never removed', async () => {
    const { asked, fetchFn } = directory();
    const check = await checker(fetchFn);
    await check.check(user('municipal_methodologist', 'm1'));
    await check.check(user('municipal_methodologist', 'm1')); // the claim set's own answer has lapsed (okTtlMs 0)
    // A coordinator's token still has its school asked, but not the municipality again.
    await check.check(user('school_coordinator', 'm1', 'o1'));
    expect(asked.map((v) => [v['withMunicipality'], v['withOrganization']])).toEqual([
      [true, false],
      [false, true],
    ]);
    await expect(check.check(user('school_coordinator', 'm1', 'o2'))).rejects.toThrow(IdentityMismatchError);
  });

  it('keeps asking about a municipality the directory does not know', async () => {
    const { asked, fetchFn } = directory();
    const check = await checker(fetchFn);
    await expect(check.check(user('municipal_methodologist', 'm9'))).rejects.toThrow(/m9 is not onboarded/);
    await expect(check.check(user('municipal_methodologist', 'm9'))).rejects.toThrow(IdentityMismatchError);
    expect(asked.filter((v) => v['withMunicipality'])).toHaveLength(2);
  });
});
