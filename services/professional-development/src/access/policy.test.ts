import { UserClaims } from '@mms/auth';
import { ForbiddenError } from '@mms/eventsourcing/core';
import * as access from './policy';

const user = (role: UserClaims['role'], over: Partial<UserClaims> = {}): UserClaims => ({
  subject: `${role}-1`,
  role,
  municipalityId: role === 'regional_operator' ? null : 'krasnoyarsk',
  organizationId: null,
  educatorId: null,
  ...over,
});

const operator = user('regional_operator');
const methodologist = user('municipal_methodologist');
const otherMethodologist = user('municipal_methodologist', { municipalityId: 'achinsk' });
const coordinator = user('school_coordinator', { organizationId: 'school-1' });
const otherCoordinator = user('school_coordinator', { organizationId: 'school-2' });
const teacher = user('teacher', { organizationId: 'school-1', educatorId: 'ed1' });
const otherTeacher = user('teacher', { organizationId: 'school-1', educatorId: 'ed2' });
const expert = user('expert');

const ed1 = { educatorId: 'ed1', municipalityId: 'krasnoyarsk', organizationId: 'school-1' };

describe('programmes and cohorts', () => {
  it('the operator writes the region’s offer, a methodologist their municipality’s, nobody else', () => {
    expect(access.catalogueWriter(operator)).toMatchObject({ tenantId: 'region', level: 'REGIONAL' });
    expect(access.catalogueWriter(methodologist)).toMatchObject({ tenantId: 'krasnoyarsk', level: 'MUNICIPAL' });
    for (const u of [coordinator, teacher, expert, null]) expect(() => access.catalogueWriter(u)).toThrow(ForbiddenError);
  });

  it('published offers are public; drafts only for the owner and the operator', () => {
    expect(access.canSeeCatalogueEntry(null, 'krasnoyarsk', false)).toBe(true);
    expect(access.canSeeCatalogueEntry(teacher, 'region', false)).toBe(true);
    expect(access.canSeeCatalogueEntry(methodologist, 'krasnoyarsk', true)).toBe(true);
    expect(access.canSeeCatalogueEntry(operator, 'krasnoyarsk', true)).toBe(true);
    expect(access.canSeeCatalogueEntry(otherMethodologist, 'krasnoyarsk', true)).toBe(false);
    expect(access.canSeeCatalogueEntry(teacher, 'krasnoyarsk', true)).toBe(false);
    expect(access.canSeeCatalogueEntry(methodologist, 'region', true)).toBe(false);
  });
});

describe('enrolment', () => {
  it('a teacher applies only for themselves, a coordinator only for their school', () => {
    expect(access.applicant(teacher, ed1).appliedBy).toBe('SELF');
    expect(access.applicant(coordinator, ed1).appliedBy).toBe('COORDINATOR');
    for (const u of [otherTeacher, otherCoordinator, methodologist, operator, null]) {
      expect(() => access.applicant(u, ed1)).toThrow(ForbiddenError);
    }
    // Same school id in another municipality is another school.
    expect(() => access.applicant(coordinator, { ...ed1, municipalityId: 'achinsk' })).toThrow(ForbiddenError);
  });

  it('only the school’s coordinator approves or rejects', () => {
    expect(access.enrolmentApprover(coordinator, ed1)).toBe(coordinator);
    for (const u of [teacher, otherCoordinator, methodologist, operator]) expect(() => access.enrolmentApprover(u, ed1)).toThrow(ForbiddenError);
  });

  it('the teacher withdraws as TEACHER (own only), the coordinator as COORDINATOR', () => {
    expect(access.enrolmentWithdrawer(teacher, ed1).by).toBe('TEACHER');
    expect(access.enrolmentWithdrawer(coordinator, ed1).by).toBe('COORDINATOR');
    for (const u of [otherTeacher, otherCoordinator, methodologist]) expect(() => access.enrolmentWithdrawer(u, ed1)).toThrow(ForbiddenError);
  });

  it('the result is recorded by the school’s coordinator or the cohort’s owner', () => {
    expect(access.enrolmentResultRecorder(coordinator, ed1, 'region')).toBe(coordinator);
    expect(access.enrolmentResultRecorder(operator, ed1, 'region')).toBe(operator);
    expect(access.enrolmentResultRecorder(methodologist, ed1, 'krasnoyarsk')).toBe(methodologist);
    expect(() => access.enrolmentResultRecorder(operator, ed1, 'krasnoyarsk')).toThrow(ForbiddenError);
    expect(() => access.enrolmentResultRecorder(methodologist, ed1, 'region')).toThrow(ForbiddenError);
    expect(() => access.enrolmentResultRecorder(teacher, ed1, 'region')).toThrow(ForbiddenError);
  });
});

describe('an educator’s development', () => {
  it('is read by the educator, their school’s coordinator, their municipality’s methodologist and the operator', () => {
    for (const u of [teacher, coordinator, methodologist, operator]) expect(access.canReadEducator(u, ed1)).toBe(true);
    for (const u of [otherTeacher, otherCoordinator, otherMethodologist, expert, null]) expect(access.canReadEducator(u, ed1)).toBe(false);
  });

  it('follows the current placement: after a move the old school no longer sees it', () => {
    const moved = { ...ed1, organizationId: 'school-2' };
    expect(access.canReadEducator(coordinator, moved)).toBe(false);
    expect(access.canReadEducator(otherCoordinator, moved)).toBe(true);
  });

  it('diagnostics by hand: the school’s coordinator or the methodologist', () => {
    expect(access.diagnosticsRecorder(coordinator, ed1)).toBe(coordinator);
    expect(access.diagnosticsRecorder(methodologist, ed1)).toBe(methodologist);
    for (const u of [teacher, otherCoordinator, otherMethodologist, operator]) expect(() => access.diagnosticsRecorder(u, ed1)).toThrow(ForbiddenError);
  });

  it('routes and mentorships: the methodologist of the educator’s municipality only', () => {
    expect(access.methodologistFor(methodologist, 'krasnoyarsk', 'approve routes')).toBe(methodologist);
    for (const u of [otherMethodologist, coordinator, teacher, operator]) {
      expect(() => access.methodologistFor(u, 'krasnoyarsk', 'approve routes')).toThrow(ForbiddenError);
    }
    expect(access.methodologist(methodologist, 'import').tenantId).toBe('krasnoyarsk');
    expect(() => access.methodologist(coordinator, 'import')).toThrow(ForbiddenError);
  });
});

describe('lists and exports', () => {
  it('scopes rows by the caller’s reach', () => {
    expect(access.readScope(operator)).toEqual({});
    expect(access.readScope(operator, { municipalityId: 'achinsk' })).toEqual({ municipalityId: 'achinsk' });
    expect(access.readScope(methodologist, { organizationId: 'school-3' })).toEqual({ municipalityId: 'krasnoyarsk', organizationId: 'school-3' });
    expect(access.readScope(coordinator)).toEqual({ municipalityId: 'krasnoyarsk', organizationId: 'school-1' });
    expect(access.readScope(teacher)).toEqual({ educatorId: 'ed1' });
    expect(access.readScope(expert)).toBeNull();
    expect(access.readScope(null)).toBeNull();
  });

  it('refuses asking for another municipality or school', () => {
    expect(() => access.readScope(methodologist, { municipalityId: 'achinsk' })).toThrow(ForbiddenError);
    expect(() => access.readScope(coordinator, { organizationId: 'school-2' })).toThrow(ForbiddenError);
  });

  it('checks rows against the scope', () => {
    expect(access.inScope({ municipalityId: 'krasnoyarsk' }, ed1)).toBe(true);
    expect(access.inScope({ organizationId: 'school-2' }, ed1)).toBe(false);
    expect(access.inScope({ educatorId: 'ed2' }, ed1)).toBe(false);
  });

  it('the certificate register is exported by the issuer', () => {
    expect(access.exportIssuer(operator)).toBe('region');
    expect(access.exportIssuer(operator, 'achinsk')).toBe('achinsk');
    expect(access.exportIssuer(methodologist)).toBe('krasnoyarsk');
    expect(() => access.exportIssuer(methodologist, 'achinsk')).toThrow(ForbiddenError);
    for (const u of [coordinator, teacher, null]) expect(() => access.exportIssuer(u)).toThrow(ForbiddenError);
  });
});
