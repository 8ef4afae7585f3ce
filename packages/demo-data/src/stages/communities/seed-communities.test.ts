import { buildRegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { claimTokens, InProcessGateway, inProcessGateway } from '../../../test/in-process-gateway';
import { DirectoryIds, seedDirectory } from '../directory/seed-directory';
import { buildCommunitiesPlan } from './communities-plan';
import { COMMUNITIES_COMMANDS, CommunitiesSeedResult, seedCommunities } from './seed-communities';

const AS_OF = '2026-12-06';

/** What the communities read models hold: the real slices' rows, not the seeder's own count. */
const platform = (gw: InProcessGateway) => {
  const rows = <R>(t: unknown) => [...(t as { rows: Map<string, unknown> }).rows.values()] as R[];
  const { tables } = gw.communities;
  return {
    communities: rows<{ _id: string; kind: string; status: string }>(tables.communities),
    memberships: rows<{ communityId: string; leftOn: string | null }>(tables.memberships),
    siteCalls: rows<{ _id: string }>(tables.siteCalls),
    sites: rows<{ _id: string; phase: string; reports: { submittedOn: string | null; accepted: boolean | null }[] }>(tables.sites),
    events: rows<{ _id: string; attended: number; ratings: number; speakers: unknown[] }>(tables.methodEvents),
    registrations: rows<{ status: string; attended: boolean; certificate: unknown }>(tables.registrations),
  };
};

const sent = (r: CommunitiesSeedResult) => Object.entries(r.commandsByKind).filter(([, n]) => n > 0);
const statuses = (gw: InProcessGateway) => {
  const out: Record<string, number> = {};
  for (const r of platform(gw).registrations) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
};

/**
 * The communities seeder against the platform in one process (test/in-process-gateway.ts): the
 * directory seeded first, then the methodological year run by run as the communities service's
 * clock moves on (as CLOCK_OFFSET_DAYS does, and the seeder's `now` with it): on asOf everything
 * before the events, a year later everything after them; a run on the same day sends nothing again.
 */
describe('seedCommunities (against the real communities slices in process)', () => {
  // A seed whose small region has a returned and a declined application and an internship on a base site.
  const region = buildRegionPlan({ seed: 24, asOf: AS_OF, sizes: { municipalities: 2, organizations: 16, educators: 500 } });
  const plan = buildCommunitiesPlan(region);
  const t = plan.totals;
  let gw: InProcessGateway;
  let run: () => Promise<CommunitiesSeedResult>;
  const results: CommunitiesSeedResult[] = [];

  beforeAll(async () => {
    gw = inProcessGateway({ today: `${AS_OF}T05:00:00Z` });
    const client = new GraphQLClient({ url: 'http://in-process/graphql', fetch: gw.fetch, retries: 0 });
    const directory = await seedDirectory(region, { client, tokens: claimTokens(), concurrency: 6 });
    expect(directory.ok).toBe(true);
    const ids: DirectoryIds = directory.ids;
    run = () => seedCommunities(region, ids, { client, tokens: claimTokens(), concurrency: 6, now: () => gw.communitiesNow(), pollMs: 1, settleMs: 2000 });
  });
  afterAll(() => gw?.stop());

  it('on asOf: communities, calls, sites through the procedure, every event with its registrations; the after-parts wait', async () => {
    for (const n of [
      t.sites.granted,
      t.sites.returned,
      t.sites.declined,
      t.events.INTERNSHIP,
      t.events.moderated,
      t.events.withWaitlist,
      t.registrations.WAITLISTED,
      t.registrations.promoted,
      t.registrations.REJECTED,
      t.registrations.CANCELLED,
    ])
      expect(n).toBeGreaterThan(0);
    const r = await run();
    results.push(r);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(gw.internalErrors).toEqual([]);
    const c = r.counts;
    for (const phase of ['communities', 'site-calls', 'sites', 'events', 'registrations'] as const)
      expect([phase, c[phase].created]).toEqual([phase, c[phase].planned]);
    for (const phase of ['attendance', 'certificates', 'feedback', 'site-reports'] as const) expect([phase, c[phase].created]).toEqual([phase, 0]);
    expect(r.waiting.map((w) => w.phase)).toEqual(
      ['attendance', 'certificates', 'feedback', 'site-reports'].filter((p) => r.waiting.some((w) => w.phase === p)),
    );
    expect(r.waiting.find((w) => w.phase === 'attendance')?.items).toBe(t.events.present);
    expect(r.waiting.find((w) => w.phase === 'site-reports')?.items).toBe(t.sites.reports);

    const p = platform(gw);
    expect(p.communities).toHaveLength(t.communities.total);
    expect(p.communities.every((x) => x.status === 'ACTIVE')).toBe(true);
    expect(p.memberships).toHaveLength(t.communities.members);
    expect(p.siteCalls).toHaveLength(t.sites.calls);
    expect(p.sites.filter((s) => s.phase === 'ACTIVE')).toHaveLength(t.sites.granted);
    expect(p.sites.filter((s) => s.phase === 'DECLINED')).toHaveLength(t.sites.declined);
    expect(p.events).toHaveLength(t.events.total);
    expect(p.events.reduce((a, e) => a + e.speakers.length, 0)).toBe(t.events.speakers);
    // The service's seat rules put every registration where the plan says (waitlist order, promotion, moderation).
    expect(statuses(gw)).toEqual(
      Object.fromEntries((['CONFIRMED', 'WAITLISTED', 'CANCELLED', 'REJECTED'] as const).filter((s) => t.registrations[s]).map((s) => [s, t.registrations[s]])),
    );
  });

  it('again the same day: reads the answers of the first run and sends nothing new', async () => {
    const r = await run();
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    // The creates are sent again under their idempotency keys (answered with the row as it is), nothing else.
    expect(sent(r)).toEqual(
      (['proposeCommunity', 'announceSiteCall', 'applyForSiteStatus', 'publishMethodEvent'] as const).map((k) => [k, plan.totals.commands[k]]),
    );
    expect(r.counts.registrations.existing).toBe(t.registrations.total);
    expect(r.counts.communities.existing).toBe(t.communities.total);
    expect(statuses(gw)['CONFIRMED']).toBe(t.registrations.CONFIRMED);
  });

  it('a year on: attendance, certificates, feedback and the sites’ annual reports', async () => {
    gw.advanceCommunities(367);
    const r = await run();
    results.push(r);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.waiting).toEqual([]);
    for (const phase of ['attendance', 'certificates', 'feedback', 'site-reports'] as const)
      expect([phase, r.counts[phase].created]).toEqual([phase, r.counts[phase].planned]);
    const p = platform(gw);
    // Those present: the attending registrants and the speakers (marked present too), each with a certificate.
    const present = p.registrations.filter((x) => x.attended);
    expect(present).toHaveLength(t.registrations.attended + t.events.speakers);
    expect(present.every((x) => x.certificate)).toBe(true);
    expect(p.registrations.filter((x) => x.certificate)).toHaveLength(present.length);
    expect(p.events.reduce((a, e) => a + e.ratings, 0)).toBe(t.registrations.feedback);
    expect(p.events.reduce((a, e) => a + e.attended, 0)).toBe(t.events.present);
    const reports = p.sites.flatMap((s) => s.reports).filter((x) => x.submittedOn);
    expect(reports).toHaveLength(t.sites.reports);
    expect(reports.every((x) => x.accepted !== null)).toBe(true);
    // Over both days, exactly what the plan says a seeding of an empty platform sends.
    const total = Object.fromEntries(COMMUNITIES_COMMANDS.map((k) => [k, results.reduce((a, x) => a + x.commandsByKind[k], 0)]));
    const creates = { proposeCommunity: 0, announceSiteCall: 0, applyForSiteStatus: 0, publishMethodEvent: 0 };
    expect({ ...total, ...creates }).toEqual({ ...plan.totals.commands, ...creates });
  });

  it('after the year: a run sends nothing but the idempotent creates, and waits for nothing', async () => {
    const r = await run();
    expect(r.errors).toEqual([]);
    expect(r.waiting).toEqual([]);
    expect(sent(r).map(([k]) => k)).toEqual(['proposeCommunity', 'announceSiteCall', 'applyForSiteStatus', 'publishMethodEvent']);
    expect(gw.internalErrors).toEqual([]);
  });
});

/**
 * The same first run with communities' read models behind (they catch up after every third
 * request only): the service refuses what it cannot see yet (an educator, a community or site
 * organising an event, a call just announced, a site's event just published) and the seeder
 * tries again until it can.
 */
describe('seedCommunities with the communities read models behind', () => {
  const region = buildRegionPlan({ seed: 24, asOf: AS_OF, sizes: { municipalities: 2, organizations: 16, educators: 500 } });
  const plan = buildCommunitiesPlan(region);
  let gw: InProcessGateway;
  afterAll(() => gw?.stop());

  it('on asOf: everything before the events, as without the lag', async () => {
    gw = inProcessGateway({ today: `${AS_OF}T05:00:00Z`, communitiesLagEvery: 40 });
    const client = new GraphQLClient({ url: 'http://in-process/graphql', fetch: gw.fetch, retries: 0 });
    const directory = await seedDirectory(region, { client, tokens: claimTokens(), concurrency: 6 });
    expect(directory.ok).toBe(true);
    const r = await seedCommunities(region, directory.ids, {
      client,
      tokens: claimTokens(),
      concurrency: 6,
      now: () => gw.communitiesNow(),
      pollMs: 1,
      settleMs: 5000,
    });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    for (const phase of ['communities', 'site-calls', 'sites', 'events', 'registrations'] as const)
      expect([phase, r.counts[phase].created]).toEqual([phase, r.counts[phase].planned]);
    await gw.catchUpCommunities();
    const p = platform(gw);
    expect(p.memberships).toHaveLength(plan.totals.communities.members);
    expect(p.events.reduce((a, e) => a + e.speakers.length, 0)).toBe(plan.totals.events.speakers);
    expect(statuses(gw)).toEqual(
      Object.fromEntries(
        (['CONFIRMED', 'WAITLISTED', 'CANCELLED', 'REJECTED'] as const)
          .filter((s) => plan.totals.registrations[s])
          .map((s) => [s, plan.totals.registrations[s]]),
      ),
    );
    expect(gw.internalErrors).toEqual([]);
  });
});
