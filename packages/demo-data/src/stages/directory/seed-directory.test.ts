import { buildRegionPlan, planEducators, planOrganizations } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { latencySummary } from '../../runner/latency';
import { SeedProgress } from '../../runner/progress';
import { claimTokens, inProcessGateway } from '../../../test/in-process-gateway';
import { seedDirectory } from './seed-directory';

const AS_OF = '2026-11-22';
const plan = buildRegionPlan({
  seed: 11,
  scale: 0.004,
  asOf: AS_OF,
  sizes: { municipalities: 500, organizations: 1500, educators: 40000 },
});
const clientFor = (gw: ReturnType<typeof inProcessGateway>) =>
  new GraphQLClient({ url: 'http://fake/graphql', fetch: gw.fetch, backoffMs: 1, sleep: async () => undefined });

describe('seedDirectory', () => {
  it('plans a small multi-municipality region for these tests', () => {
    expect(plan.totals.municipalities).toBe(2);
    expect(plan.totals.organizations).toBe(6);
    expect(plan.totals.educators).toBe(160);
  });

  it('onboards, registers organisations and educators with the right roles and reports progress', async () => {
    const gw = inProcessGateway({ today: new Date(`${AS_OF}T12:00:00Z`) });
    const reports: SeedProgress[] = [];
    const r = await seedDirectory(plan, {
      client: clientFor(gw),
      tokens: claimTokens(),
      concurrency: 4,
      onProgress: (p) => reports.push(p),
      progressIntervalMs: 0,
    });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.counts.municipalities).toEqual({ planned: 2, created: 2, existing: 0, failed: 0, skipped: 0, missing: 0 });
    expect(r.counts.organizations).toMatchObject({ planned: 6, created: 6 });
    expect(r.counts.educators).toMatchObject({ planned: 160, created: 160 });
    expect(gw.dir.municipalities.size).toBe(2);
    expect(gw.dir.organizations.size).toBe(6);
    expect(gw.dir.educators.size).toBe(160);
    expect(r.commands).toBe(168);

    // every organisation lands in its municipality, every educator in the organisation the plan says
    for (const o of planOrganizations(plan))
      expect(gw.dir.organizations.get(r.ids.organizations[o.id]!)).toMatchObject({ tenantId: o.municipalityId, name: o.input.name });
    for (const e of planEducators(plan)) {
      expect(gw.dir.educators.get(r.ids.educators[e.id]!)).toMatchObject({
        tenantId: e.municipalityId,
        organizationId: r.ids.organizations[e.organizationPlanId],
        fullName: e.input.fullName,
      });
    }

    // samples: one per accepted command, with ids and timestamps a benchmark can use
    expect(r.samples).toHaveLength(168);
    for (const s of r.samples) {
      expect(s.acceptedAt).toBeGreaterThanOrEqual(s.sentAt);
      expect(s.latencyMs).toBeGreaterThanOrEqual(0);
      expect(s.outcome).toBe('created');
    }
    expect(
      r.samples
        .filter((s) => s.command === 'registerEducator')
        .map((s) => s.serverId)
        .sort(),
    ).toEqual(Object.values(r.ids.educators).sort());
    expect(Object.keys(latencySummary(r.samples)).sort()).toEqual(['onboardMunicipality', 'registerEducator', 'registerOrganization']);

    // progress: every phase reported done with its totals
    const last = (phase: string) => reports.filter((p) => p.phase === phase && p.phaseDone).pop()!;
    expect(last('municipalities')).toMatchObject({ done: 2, total: 2, created: 2 });
    expect(last('organizations')).toMatchObject({ done: 6, total: 6, created: 6 });
    expect(last('educators')).toMatchObject({ done: 160, total: 160, created: 160, commands: 168 });
    expect(reports.every((p) => p.commandsPerSecond >= 0)).toBe(true);
  });

  it('is idempotent: a second run over the same plan creates nothing and maps the same ids', async () => {
    const gw = inProcessGateway({ today: new Date(`${AS_OF}T12:00:00Z`) });
    const client = clientFor(gw);
    const first = await seedDirectory(plan, { client, tokens: claimTokens() });
    const second = await seedDirectory(plan, { client, tokens: claimTokens() });
    expect(second.ok).toBe(true);
    expect(second.errors).toEqual([]);
    expect(second.counts.municipalities).toMatchObject({ created: 0, existing: 2, failed: 0 });
    expect(second.counts.organizations).toMatchObject({ created: 0, existing: 6, failed: 0 });
    expect(second.counts.educators).toMatchObject({ created: 0, existing: 160, failed: 0 });
    expect(second.ids).toEqual(first.ids);
    expect(gw.dir.organizations.size).toBe(6);
    expect(gw.dir.educators.size).toBe(160);
    // only the two onboardings were re-sent (and answered MUNICIPALITY_EXISTS)
    expect(second.commands).toBe(2);
    expect(second.samples.map((s) => s.outcome)).toEqual(['existing', 'existing']);
  });

  it('completes a half-done region: registers only what is missing', async () => {
    const gw = inProcessGateway({ today: new Date(`${AS_OF}T12:00:00Z`) });
    const client = clientFor(gw);
    await seedDirectory(plan, { client, tokens: claimTokens() });
    // lose one organisation's educators and one organisation (as if the first run had stopped early)
    const victimOrg = [...planOrganizations(plan)][4]!;
    const lost = new Set<string>();
    for (const [id, e] of gw.dir.educators)
      if (victimOrg.educators.some((p) => p.input.fullName === e.fullName && p.municipalityId === e.tenantId)) lost.add(`educator-${id}`);
    for (const [id, o] of gw.dir.organizations) if (o.name === victimOrg.input.name && o.tenantId === victimOrg.municipalityId) lost.add(`organization-${id}`);
    await gw.forget(lost);
    expect(gw.dir.organizations.size).toBe(5);
    const r = await seedDirectory(plan, { client, tokens: claimTokens() });
    expect(r.ok).toBe(true);
    expect(r.counts.organizations).toMatchObject({ created: 1, existing: 5 });
    expect(r.counts.educators).toMatchObject({ created: victimOrg.educators.length, existing: 160 - victimOrg.educators.length });
    expect(gw.dir.organizations.size).toBe(6);
    expect(gw.dir.educators.size).toBe(160);
  });

  it('survives transient 503s through retries', async () => {
    const gw = inProcessGateway({ today: new Date(`${AS_OF}T12:00:00Z`), fail503Every: 7 });
    const r = await seedDirectory(plan, { client: clientFor(gw), tokens: claimTokens(), concurrency: 8 });
    expect(r.errors).toEqual([]);
    expect(r.counts.educators.created).toBe(160);
    expect(r.samples.some((s) => s.attempts > 1)).toBe(true);
  });

  it('resolve mode only reads: maps existing ids and reports what is missing', async () => {
    const gw = inProcessGateway({ today: new Date(`${AS_OF}T12:00:00Z`) });
    const client = clientFor(gw);
    const empty = await seedDirectory(plan, { client, tokens: claimTokens(), mode: 'resolve' });
    expect(empty.ok).toBe(false);
    expect(empty.counts.municipalities.missing).toBe(2);
    expect(empty.counts.organizations.skipped).toBe(6);
    expect(empty.commands).toBe(0);
    const seeded = await seedDirectory(plan, { client, tokens: claimTokens() });
    const resolved = await seedDirectory(plan, { client, tokens: claimTokens(), mode: 'resolve' });
    expect(resolved.ok).toBe(true);
    expect(resolved.commands).toBe(0);
    expect(resolved.ids).toEqual(seeded.ids);
  });

  it('skips what depends on a failure and reports typed errors', async () => {
    const gw = inProcessGateway({ today: new Date(`${AS_OF}T12:00:00Z`) });
    const tokens = { ...claimTokens(), regionalOperator: async () => 'not-an-operator' };
    const r = await seedDirectory(plan, { client: clientFor(gw), tokens });
    expect(r.ok).toBe(false);
    expect(r.counts.municipalities.failed).toBe(2);
    expect(r.counts.organizations.skipped).toBe(6);
    expect(r.counts.educators.skipped).toBe(160);
    expect(r.errors[0]).toMatchObject({ command: 'onboardMunicipality', codes: ['FORBIDDEN'] });
  });

  it('stops after maxFailures', async () => {
    const gw = inProcessGateway({ today: new Date('2000-01-01T00:00:00Z') }); // every career start is "in the future"
    const r = await seedDirectory(plan, { client: clientFor(gw), tokens: claimTokens(), maxFailures: 5, concurrency: 2 });
    expect(r.aborted).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.counts.educators.failed).toBeGreaterThanOrEqual(5);
    expect(r.counts.educators.failed).toBeLessThan(20);
    expect(r.errors[0]!.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps at most `concurrency` commands in flight', async () => {
    const gw = inProcessGateway({ today: new Date(`${AS_OF}T12:00:00Z`), delayMs: 2 });
    let inFlight = 0;
    let max = 0;
    const fetch = async (url: string, init: RequestInit) => {
      inFlight++;
      max = Math.max(max, inFlight);
      try {
        return await gw.fetch(url, init);
      } finally {
        inFlight--;
      }
    };
    await seedDirectory(plan, { client: new GraphQLClient({ url: 'http://fake', fetch }), tokens: claimTokens(), concurrency: 3 });
    expect(max).toBe(3);
  });
});
