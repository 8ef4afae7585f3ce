import type { Claims } from '../auth/claims';
import { reaches } from './reaches';

const claims = (c: Partial<Claims>): Claims => ({
  subject: 's',
  role: 'teacher',
  municipalityId: 'm1',
  organizationId: 'o1',
  educatorId: 'e1',
  expiresAt: 0,
  ...c,
});

describe('which addresses a token reaches', () => {
  it('the regional operator reaches every id', () => {
    expect(reaches(claims({ role: 'regional_operator', municipalityId: null }), { municipalityId: 'm9', organizationId: 'o9' })).toBe(true);
  });
  it('a municipal user only their municipality; a coordinator only their school; a teacher only themself', () => {
    expect(reaches(claims({ role: 'municipal_methodologist' }), { municipalityId: 'm2' })).toBe(false);
    expect(reaches(claims({ role: 'municipal_methodologist' }), { municipalityId: 'm1', organizationId: 'o7' })).toBe(true);
    expect(reaches(claims({ role: 'school_coordinator' }), { organizationId: 'o2' })).toBe(false);
    expect(reaches(claims({ role: 'school_coordinator' }), { organizationId: 'o1' })).toBe(true);
    expect(reaches(claims({ role: 'teacher' }), { educatorId: 'e2' })).toBe(false);
  });
});
