import { UserClaims } from '@mms/auth';
import { ForbiddenError, ValidationError } from '@mms/eventsourcing/core';
import { indicatorReader, mayRead, municipalityToRead, requireRegionalReader } from './policy';

const user = (role: UserClaims['role'], municipalityId: string | null = 'm1', organizationId: string | null = null): UserClaims => ({
  subject: `${role}-1`,
  role,
  municipalityId,
  organizationId,
  educatorId: null,
});
const operator = user('regional_operator', null);
const methodologist = user('municipal_methodologist');
const coordinator = user('school_coordinator', 'm1', 'o1');

describe('monitoring access policy', () => {
  it('the regional operator reads every municipality and compares them', () => {
    const reader = indicatorReader(operator);
    expect(reader).toEqual({ kind: 'region' });
    expect(mayRead(reader, 'm1') && mayRead(reader, 'm2')).toBe(true);
    expect(municipalityToRead(reader, 'm7')).toBe('m7');
    expect(() => requireRegionalReader(operator)).not.toThrow();
  });

  it('the regional operator must name the municipality', () => {
    expect(() => municipalityToRead(indicatorReader(operator), undefined)).toThrow(ValidationError);
    expect(() => municipalityToRead(indicatorReader(operator), null)).toThrow(/municipalityId is required/);
  });

  it.each([
    ['municipal methodologist', methodologist],
    ['school coordinator', coordinator],
  ])('a %s reads only their own municipality, by default', (_, u) => {
    const reader = indicatorReader(u);
    expect(reader).toEqual({ kind: 'municipality', municipalityId: 'm1' });
    expect(municipalityToRead(reader, undefined)).toBe('m1');
    expect(municipalityToRead(reader, 'm1')).toBe('m1');
    expect(mayRead(reader, 'm2')).toBe(false);
    expect(() => municipalityToRead(reader, 'm2')).toThrow(ForbiddenError);
  });

  it.each([
    ['municipal methodologist', methodologist],
    ['school coordinator', coordinator],
  ])('a %s may not compare municipalities', (_, u) => {
    expect(() => requireRegionalReader(u)).toThrow(ForbiddenError);
  });

  it.each([
    ['a teacher', user('teacher', 'm1', 'o1')],
    ['an expert', user('expert')],
    ['the public', null],
    ['a municipal role without a municipality', user('municipal_methodologist', null)],
    ['a coordinator without a school', user('school_coordinator', 'm1', null)],
    ['a role the policy does not know', { ...methodologist, role: 'auditor' } as unknown as UserClaims],
  ])('%s reads nothing', (_, u) => {
    expect(() => indicatorReader(u)).toThrow(ForbiddenError);
    expect(() => requireRegionalReader(u)).toThrow(ForbiddenError);
  });

  it('errors carry the FORBIDDEN code', () => {
    try {
      indicatorReader(user('teacher'));
      throw new Error('not refused');
    } catch (err) {
      expect((err as ForbiddenError).code).toBe('FORBIDDEN');
    }
  });
});
