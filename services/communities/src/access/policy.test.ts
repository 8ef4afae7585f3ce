import type { UserClaims } from '@mms/auth';
import { ForbiddenError } from '@mms/eventsourcing/core';
import { users } from '@mms/testing';
import { REGION_TENANT } from '../tenants';
import * as access from './policy';

const expert = (municipalityId: string): UserClaims => ({ subject: 'x', role: 'expert', municipalityId, organizationId: null, educatorId: 'x1' });
const refused = (run: () => unknown) => expect(run).toThrow(ForbiddenError);

describe('communities access', () => {
  const shmo = { tenantId: 'm1', level: 'SCHOOL' as const, hostOrganizationId: 'school-1', leaders: ['e-head'] };
  const rmo = { tenantId: 'm1', level: 'MUNICIPAL' as const, hostOrganizationId: null, leaders: ['e-head'] };
  const regional = { tenantId: REGION_TENANT, level: 'REGIONAL' as const, hostOrganizationId: null, leaders: [] };

  it('a community is run by its tenant’s manager; a ШМО also by its school’s coordinator; never by another municipality or the operator for a municipality', () => {
    expect(access.communityManager(users.methodologist('m1'), rmo, 'x').role).toBe('municipal_methodologist');
    expect(access.communityManager(users.coordinator('m1', 'school-1'), shmo, 'x').role).toBe('school_coordinator');
    refused(() => access.communityManager(users.coordinator('m1', 'school-2'), shmo, 'x'));
    refused(() => access.communityManager(users.coordinator('m1', 'school-1'), rmo, 'x'));
    refused(() => access.communityManager(users.methodologist('m2'), rmo, 'x'));
    refused(() => access.communityManager(users.operator(), rmo, 'x'));
    expect(access.communityManager(users.operator(), regional, 'x').role).toBe('regional_operator');
    refused(() => access.communityManager(users.methodologist('m1'), regional, 'x'));
    refused(() => access.communityManager(null, rmo, 'x'));
  });

  it('members, tasks and moderation: the head or deputy too, by their educator record', () => {
    expect(access.communityRunner(users.teacher('m1', 'e-head'), rmo, 'x').educatorId).toBe('e-head');
    refused(() => access.communityRunner(users.teacher('m1', 'e-member'), rmo, 'x'));
  });

  it('events: the service’s manager, a community’s leader for its own, a site’s host coordinator for the site’s', () => {
    expect(access.eventOrganiser(users.teacher('m1', 'e-head'), { tenantId: 'm1', organiser: 'COMMUNITY', community: rmo }, 'x').role).toBe('teacher');
    refused(() => access.eventOrganiser(users.teacher('m1', 'e-head'), { tenantId: 'm1', organiser: 'SERVICE' }, 'x'));
    const siteHost = { municipalityId: 'm1', organizationId: 'school-3' };
    expect(access.eventOrganiser(users.coordinator('m1', 'school-3'), { tenantId: 'm1', organiser: 'SITE', siteHost }, 'x').role).toBe('school_coordinator');
    refused(() => access.eventOrganiser(users.coordinator('m1', 'school-3'), { tenantId: 'm1', organiser: 'SERVICE' }, 'x'));
  });

  it('a teacher registers themselves; their school’s coordinator may for them; nobody else', () => {
    const e = { educatorId: 'e1', municipalityId: 'm1', organizationId: 'school-1' };
    expect(access.registrant(users.teacher('m1', 'e1'), e).by).toBe('SELF');
    expect(access.registrant(users.coordinator('m1', 'school-1'), e).by).toBe('COORDINATOR');
    refused(() => access.registrant(users.teacher('m1', 'e2'), e));
    refused(() => access.registrant(users.coordinator('m1', 'school-2'), e));
    refused(() => access.registrant(users.methodologist('m1'), e));
  });

  it('sites: the host applies, the authority of the status’s level decides, the council’s experts give opinions', () => {
    const host = { municipalityId: 'm1', organizationId: 'school-1' };
    expect(access.siteApplicant(users.coordinator('m1', 'school-1'), host, 'x').role).toBe('school_coordinator');
    refused(() => access.siteApplicant(users.coordinator('m1', 'school-2'), host, 'x'));
    expect(access.siteAuthority(users.methodologist('m1'), 'MUNICIPAL', 'm1', 'x').role).toBe('municipal_methodologist');
    refused(() => access.siteAuthority(users.methodologist('m1'), 'REGIONAL', 'm1', 'x'));
    refused(() => access.siteAuthority(users.operator(), 'MUNICIPAL', 'm1', 'x'));
    expect(access.siteExpert(expert('m1'), 'MUNICIPAL', 'm1').role).toBe('expert');
    refused(() => access.siteExpert(expert('m2'), 'MUNICIPAL', 'm1'));
    expect(access.siteExpert(expert('m2'), 'REGIONAL', 'm1').role).toBe('expert');
    refused(() => access.siteExpert(users.methodologist('m1'), 'MUNICIPAL', 'm1'));
  });
});
