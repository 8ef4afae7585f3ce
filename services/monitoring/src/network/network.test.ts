import { CommunitiesContracts as C, DirectoryContracts as D } from '@mms/contracts/events';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { envelope, MemoryTable } from '@mms/testing';
import { networkIndicators } from './network';
import { networkCommunityRows, networkEducatorRows, networkEventRows, networkSiteRows } from './network.rows';

/** Public events as the communities context and the directory publish them, per stream, in order. */
const stream = (tenantId: string, streamId: string, events: [type: string, data: object, at?: string][]): EventEnvelope[] =>
  events.map(([type, data, occurredAt], i) => envelope({ type, data }, { tenantId, streamId, streamVersion: i + 1, ...(occurredAt ? { occurredAt } : {}) }));

const placed = (id: string, school: string, m = 'm1') =>
  stream(m, `educator-${id}`, [
    [
      D.EducatorRegistered.type,
      {
        educatorId: id,
        municipalityId: m,
        organizationId: school,
        careerStartDate: '2010-09-01',
        position: 'учитель',
        subjects: [],
        qualificationCategory: 'NONE',
      },
    ],
  ]);

const YEAR = '2026/2027';
const events: EventEnvelope[] = [
  ...placed('a', 's1'),
  ...placed('b', 's1'),
  ...placed('c', 's2'),
  ...placed('z', 's9', 'm2'),
  ...stream('m1', 'community-g', [
    [
      C.CommunityRegistered.type,
      { communityId: 'g', kind: 'WORKING_GROUP', level: 'MUNICIPAL', subject: null, direction: 'x', hostOrganizationId: null, term: null },
    ],
    [C.CommunityStatusChanged.type, { communityId: 'g', status: 'APPROVED', termTo: null, reason: null }],
    [C.MembershipChanged.type, { communityId: 'g', educatorId: 'a', role: 'HEAD', current: true, on: '2026-09-10' }],
    [C.MembershipChanged.type, { communityId: 'g', educatorId: 'c', role: 'MEMBER', current: true, on: '2026-09-10' }],
    [C.CommunityStatusChanged.type, { communityId: 'g', status: 'ACTIVE', termTo: null, reason: null }],
    [C.MembershipChanged.type, { communityId: 'g', educatorId: 'c', role: null, current: false, on: '2026-10-01' }],
  ]),
  ...stream('m1', 'community-shmo', [
    [
      C.CommunityRegistered.type,
      { communityId: 'shmo', kind: 'SCHOOL_ASSOCIATION', level: 'SCHOOL', subject: 'математика', direction: null, hostOrganizationId: 's1', term: null },
    ],
    [C.CommunityStatusChanged.type, { communityId: 'shmo', status: 'ACTIVE', termTo: null, reason: null }],
  ]),
  ...stream('m1', 'methodEvent-e1', [
    [
      C.MethodEventScheduled.type,
      {
        methodEventId: 'e1',
        kind: 'SEMINAR',
        level: 'MUNICIPAL',
        organiserKind: 'SERVICE',
        organiserId: 'm1',
        startsAt: '2026-11-10T07:00:00.000Z',
        endsAt: '2026-11-10T09:00:00.000Z',
        capacity: 2,
        subjects: [],
      },
    ],
    [C.RegistrationChanged.type, { methodEventId: 'e1', educatorId: 'a', status: 'CONFIRMED' }],
    [C.RegistrationChanged.type, { methodEventId: 'e1', educatorId: 'b', status: 'CONFIRMED' }],
    [C.AttendanceRecorded.type, { methodEventId: 'e1', educatorId: 'a', present: true }, '2026-11-10T07:30:00.000Z'],
    [C.FeedbackRated.type, { methodEventId: 'e1', rating: 5 }],
    [C.FeedbackRated.type, { methodEventId: 'e1', rating: 4 }],
  ]),
  ...stream('m1', 'methodEvent-e2', [
    [
      C.MethodEventScheduled.type,
      {
        methodEventId: 'e2',
        kind: 'WEBINAR',
        level: 'MUNICIPAL',
        organiserKind: 'SERVICE',
        organiserId: 'm1',
        startsAt: '2026-12-10T07:00:00.000Z',
        endsAt: '2026-12-10T09:00:00.000Z',
        capacity: 5,
        subjects: [],
      },
    ],
    [C.MethodEventChanged.type, { methodEventId: 'e2', capacity: null, cancelled: true }],
  ]),
  ...stream('m1', 'methodEvent-i1', [
    [
      C.MethodEventScheduled.type,
      {
        methodEventId: 'i1',
        kind: 'INTERNSHIP',
        level: 'MUNICIPAL',
        organiserKind: 'SITE',
        organiserId: 'site1',
        startsAt: '2027-02-01T05:00:00.000Z',
        endsAt: '2027-02-01T10:00:00.000Z',
        capacity: 10,
        subjects: [],
      },
    ],
  ]),
  ...stream('m1', 'site-site1', [
    [
      C.SiteStatusChanged.type,
      {
        siteId: 'site1',
        status: 'INNOVATION',
        level: 'MUNICIPAL',
        phase: 'APPLIED',
        termTo: null,
        reason: null,
        organizationIds: ['s1'],
        hostMunicipalityId: 'm1',
      },
    ],
    [
      C.SiteStatusChanged.type,
      {
        siteId: 'site1',
        status: 'INNOVATION',
        level: 'MUNICIPAL',
        phase: 'GRANTED',
        termTo: '2029-08-31',
        reason: null,
        organizationIds: [],
        hostMunicipalityId: null,
      },
    ],
    [C.SiteReportChanged.type, { siteId: 'site1', year: YEAR, submittedOn: '2027-06-20', accepted: null }],
    [C.SiteReportChanged.type, { siteId: 'site1', year: YEAR, submittedOn: null, accepted: true }],
  ]),
];

const tables = () => ({
  educators: new MemoryTable<any>().apply(networkEducatorRows, events),
  communities: new MemoryTable<any>().apply(networkCommunityRows, events),
  events: new MemoryTable<any>().apply(networkEventRows, events),
  sites: new MemoryTable<any>().apply(networkSiteRows, events),
});

describe('network facts and indicators (monitoring, from public events)', () => {
  it('keeps memberships, attendance, events and site reports per row; a redelivery changes nothing', async () => {
    const t = tables();
    expect(await t.educators.get('a')).toMatchObject({ organizationId: 's1', active: true, communities: ['g'], attended: { [YEAR]: ['e1'] } });
    expect(await t.educators.get('c')).toMatchObject({ communities: [] });
    expect(await t.communities.get('g')).toMatchObject({ status: 'ACTIVE', tenantId: 'm1' });
    expect(await t.events.get('e1')).toMatchObject({ academicYear: YEAR, ratingSum: 9, ratings: 2, present: { a: true } });
    expect(await t.sites.get('site1')).toMatchObject({ phase: 'GRANTED', organizationIds: ['s1'], hostMunicipalityId: 'm1', reports: { [YEAR]: true } });
    t.events.apply(networkEventRows, events);
    expect(await t.events.get('e1')).toMatchObject({ ratingSum: 9, ratings: 2 });
  });

  it('a municipality: its educators in communities, active communities by kind, events held, attendance, feedback, sites', async () => {
    const t = tables();
    const m1 = {
      educators: await t.educators.find({ municipalityId: 'm1' }),
      communities: await t.communities.find({ tenantId: 'm1' }),
      events: await t.events.find({ tenantId: 'm1', academicYear: YEAR }),
      sites: await t.sites.find({ hostMunicipalityId: 'm1' }),
    };
    expect(networkIndicators(m1, YEAR, '2027-03-01T00:00:00.000Z', 3)).toEqual({
      educatorsInCommunities: 1,
      shareInCommunities: 1 / 3,
      activeCommunities: [
        { kind: 'SCHOOL_ASSOCIATION', count: 1 },
        { kind: 'WORKING_GROUP', count: 1 },
      ],
      // e1 and the internship are over; e2 was cancelled.
      eventsHeld: 2,
      participants: 1,
      attendanceRate: 0.5,
      meanRating: 4.5,
      ratings: 2,
      sitesActive: 1,
      sitesWithAcceptedReport: 1,
      internshipsHosted: 1,
    });
    // Before the internship is over, it is not held yet.
    expect(networkIndicators(m1, YEAR, '2027-01-01T00:00:00.000Z', 3)).toMatchObject({ eventsHeld: 1, internshipsHosted: 0 });
  });

  it('nothing in another academic year; no educators: no share', () => {
    expect(networkIndicators({ educators: [], communities: [], events: [], sites: [] }, '2025/2026', '2027-03-01T00:00:00.000Z', 0)).toMatchObject({
      shareInCommunities: null,
      attendanceRate: null,
      meanRating: null,
      eventsHeld: 0,
    });
  });
});
