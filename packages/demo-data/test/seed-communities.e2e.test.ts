import { dirname } from 'node:path';
import { DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { Platform, startPlatform } from '../../../test/platform-harness';
import { buildRegionPlan } from '../src/region/region-model';
import { GraphQLClient } from '../src/runner/graphql-client';
import { devTokenSource } from '../src/runner/tokens';
import { seedDirectory } from '../src/stages/directory/seed-directory';
import { buildCommunitiesPlan } from '../src/stages/communities/communities-plan';
import { CommunitiesSeedResult, seedCommunities } from '../src/stages/communities/seed-communities';

const DAY = 86_400_000;
/** Days the communities service is moved on for the second run: past the plan's last event. */
const LATER = 367;

/**
 * The communities stage against the real platform in miniature (test/platform-harness.ts: the
 * directory and communities services as their own processes over real Kafka and FerretDB, the
 * gateway in front, tokens signed with the platform's keys): a small region seeded on today,
 * then the communities service restarted a year ahead (CLOCK_OFFSET_DAYS) and the same plan run
 * again for the events' attendance, certificates and feedback and the sites' reports.
 */
describe('the communities demo stage through the real gateway', () => {
  const asOf = todayIn(DEFAULT_REGION_TIME_ZONE);
  const region = buildRegionPlan({ seed: 8, asOf, sizes: { municipalities: 1, organizations: 8, educators: 150 } });
  const plan = buildCommunitiesPlan(region);
  let p: Platform;
  let run: (now: () => Date) => Promise<CommunitiesSeedResult>;

  beforeAll(async () => {
    p = await startPlatform('demo_communities', ['directory', 'communities']);
    const client = new GraphQLClient({ url: p.gateway.graphqlUrl, retries: 3 });
    const tokens = devTokenSource({ keysDir: dirname(p.keys.userPrivate) });
    const directory = await seedDirectory(region, { client, tokens, concurrency: 4 });
    expect(directory.errors).toEqual([]);
    run = (now) => seedCommunities(region, directory.ids, { client, tokens, concurrency: 4, now, settleMs: 60_000, pollMs: 250 });
  }, 300_000);
  afterAll(async () => {
    await p?.stop();
  });

  it('today: the network, the sites and every event with its registrations; the after-parts wait', async () => {
    const r = await run(() => new Date());
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    for (const phase of ['communities', 'site-calls', 'sites', 'events', 'registrations'] as const)
      expect([phase, r.counts[phase].created]).toEqual([phase, r.counts[phase].planned]);
    expect(r.waiting.map((w) => w.phase).sort()).toEqual(
      ['attendance', 'certificates', 'feedback', 'site-reports'].filter((x) => r.waiting.some((w) => w.phase === x)).sort(),
    );
    expect(r.commandsByKind.registerForMethodEvent).toBeGreaterThanOrEqual(plan.totals.registrations.total);
  }, 600_000);

  it('a year on (the service restarted with CLOCK_OFFSET_DAYS): attendance, certificates, feedback, reports', async () => {
    await p.kill('communities', 'SIGTERM');
    await p.restart('communities', { env: { CLOCK_OFFSET_DAYS: String(LATER) } });
    const r = await run(() => new Date(Date.now() + LATER * DAY));
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.waiting).toEqual([]);
    for (const phase of ['attendance', 'certificates', 'feedback', 'site-reports'] as const)
      expect([phase, r.counts[phase].created]).toEqual([phase, r.counts[phase].planned]);
    expect(r.commandsByKind.giveMethodEventFeedback).toBe(plan.totals.registrations.feedback);
  }, 600_000);

  it('once more: only the creates again (answered from their streams under their idempotency keys), nothing else', async () => {
    const r = await run(() => new Date(Date.now() + LATER * DAY));
    expect(r.errors).toEqual([]);
    expect(r.waiting).toEqual([]);
    expect(Object.entries(r.commandsByKind).filter(([, n]) => n > 0)).toEqual(
      (['proposeCommunity', 'announceSiteCall', 'applyForSiteStatus', 'publishMethodEvent'] as const).map((k) => [k, plan.totals.commands[k]]),
    );
  }, 600_000);
});
