import type { UserClaims } from '@mms/auth';
import { identityContradiction, IdentityFacts, identityQuestions } from './identity-rule';

const user = (over: Partial<UserClaims>): UserClaims => ({
  subject: 's',
  role: 'teacher',
  municipalityId: 'a',
  organizationId: null,
  educatorId: null,
  ...over,
});
const inA: IdentityFacts = {
  municipality: { id: 'a' },
  organization: { id: 'school-a', municipalityId: 'a', status: 'ACTIVE' },
  educator: { id: 'e-a', municipalityId: 'a', organizationId: 'school-a', status: 'ACTIVE' },
};

describe('identityContradiction: a token whose claims disagree with the directory', () => {
  it('agrees when everything is where the token says', () => {
    expect(identityContradiction(user({ educatorId: 'e-a', organizationId: 'school-a' }), inA)).toBeNull();
    expect(identityContradiction(user({ role: 'school_coordinator', organizationId: 'school-a' }), inA)).toBeNull();
    expect(identityContradiction(user({ role: 'municipal_methodologist' }), { municipality: { id: 'a' } })).toBeNull();
  });

  it("a teacher token of municipality A naming B's educator", () => {
    const facts = { ...inA, educator: { id: 'e-b', municipalityId: 'b', organizationId: 'school-b', status: 'ACTIVE' } };
    expect(identityContradiction(user({ educatorId: 'e-b' }), facts)).toBe('educator e-b is not placed in municipality a');
  });

  it("a coordinator token naming B's school under A", () => {
    const facts = { ...inA, organization: { id: 'school-b', municipalityId: 'b', status: 'ACTIVE' } };
    expect(identityContradiction(user({ role: 'school_coordinator', organizationId: 'school-b' }), facts)).toBe(
      'organization school-b is not in municipality a',
    );
  });

  it('a token kept after its holder moved or left, or after the school closed', () => {
    expect(identityContradiction(user({ educatorId: 'e-a' }), { ...inA, educator: { ...inA.educator!, municipalityId: 'b' } })).toMatch(/not placed/);
    expect(identityContradiction(user({ educatorId: 'e-a' }), { ...inA, educator: { ...inA.educator!, status: 'TRANSFERRED' } })).toMatch(
      /no longer placed \(transferred\)/,
    );
    expect(identityContradiction(user({ educatorId: 'e-a' }), { ...inA, educator: { ...inA.educator!, status: 'LEFT' } })).toMatch(/left/);
    expect(
      identityContradiction(user({ educatorId: 'e-a', organizationId: 'school-a' }), { ...inA, educator: { ...inA.educator!, organizationId: 'school-a2' } }),
    ).toBe('educator e-a does not work at organization school-a');
    expect(
      identityContradiction(user({ role: 'school_coordinator', organizationId: 'school-a' }), {
        ...inA,
        organization: { ...inA.organization!, status: 'CLOSED' },
      }),
    ).toBe('organization school-a is closed');
  });

  it('names nothing that exists: an unknown municipality, school or educator', () => {
    expect(identityContradiction(user({ role: 'municipal_methodologist' }), { municipality: null })).toBe('municipality a is not onboarded');
    expect(identityContradiction(user({ organizationId: 'x' }), { ...inA, organization: null })).toBe('organization x does not exist');
    expect(identityContradiction(user({ educatorId: 'x' }), { ...inA, educator: null })).toBe('educator x does not exist');
  });

  it('asks nothing for the regional operator and the public', () => {
    expect(identityQuestions(null)).toBeNull();
    expect(identityQuestions(user({ role: 'regional_operator', municipalityId: null }))).toBeNull();
    expect(identityQuestions(user({ educatorId: 'e' }))).toEqual({ municipalityId: 'a', organizationId: null, educatorId: 'e' });
  });
});
