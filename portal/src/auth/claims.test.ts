import { readClaims } from './claims';

const token = (payload: Record<string, unknown>) => `h.${btoa(JSON.stringify(payload)).replace(/=+$/, '')}.s`;

describe('the claims the portal reads from a token', () => {
  it('reads a juror educator’s token: role, municipality, educator', () => {
    expect(readClaims(token({ sub: 'dev:juror:e1', role: 'juror', municipality: 'm1', educator: 'e1', exp: 100 }))).toEqual({
      subject: 'dev:juror:e1',
      role: 'juror',
      municipalityId: 'm1',
      organizationId: null,
      educatorId: 'e1',
      expiresAt: 100,
    });
  });

  it('reads an external expert juror (no municipality) and refuses unknown roles and malformed tokens', () => {
    expect(readClaims(token({ sub: 'expert-42', role: 'juror', exp: 100 }))).toMatchObject({ subject: 'expert-42', role: 'juror', municipalityId: null });
    expect(readClaims(token({ sub: 's', role: 'admin', exp: 100 }))).toBeNull();
    expect(readClaims(token({ sub: 's', role: 'teacher' }))).toBeNull();
    expect(readClaims('not-a-token')).toBeNull();
  });
});
