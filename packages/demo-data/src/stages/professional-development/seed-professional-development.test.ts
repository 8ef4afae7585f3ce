import { buildRegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { latencySummary } from '../../runner/latency';
import { claimTokens, InProcessGateway, inProcessGateway } from '../../../test/in-process-gateway';
import { DirectoryIds, seedDirectory } from '../directory/seed-directory';
import { buildPdPlan } from './pd-plan';
import { PD_PHASES, seedProfessionalDevelopment } from './seed-professional-development';

const AS_OF = '2026-11-22';

/** What the platform's read models hold after a run: the real PD slices' rows, not the seeder's own count. */
const platform = (gw: InProcessGateway) => {
  const rows = <R>(t: { rows: Map<string, unknown> }) => [...t.rows.values()].filter((r) => !(r as { _deleted?: boolean })._deleted) as R[];
  const { tables, store } = gw.pd;
  return {
    enrolments: rows<{ cohortId: string; municipalityId: string; status: string; appliedBy: string }>(tables.enrolments),
    cohorts: new Map(rows<{ _id: string; tenantId: string }>(tables.cohorts).map((c) => [c._id, c])),
    programmes: rows<{ status: string }>(tables.programmes),
    mentorships: rows<{ status: string }>(tables.mentorships),
    development: rows<{ route: { status: string }; externalTrainings: unknown[] }>(tables.development),
    imports: store.events.filter((e) => e.type === 'DiagnosticImportRecorded').length,
  };
};

/**
 * The seeder against the real platform in one process (test/in-process-gateway.ts): the
 * directory is seeded first, as the runner does, and professional development's own
 * handlers and deciders answer; only the transport is in memory.
 */
describe('seedProfessionalDevelopment (against the real PD slices in process)', () => {
  const region = buildRegionPlan({ seed: 7, asOf: AS_OF, sizes: { municipalities: 2, organizations: 14, educators: 400 } });
  const pd = buildPdPlan(region);
  const setup = async (opts: { today?: string; withoutMutations?: string[] } = {}) => {
    const today = opts.today ?? AS_OF;
    const gw = inProcessGateway({ today: `${today}T09:00:00Z`, ...(opts.withoutMutations ? { withoutMutations: opts.withoutMutations } : {}) });
    const client = new GraphQLClient({ url: 'http://in-process', fetch: gw.fetch, retries: 0 });
    const directory = await seedDirectory(region, { client, tokens: claimTokens(), concurrency: 6 });
    expect(directory.ok).toBe(true);
    const ids: DirectoryIds = directory.ids;
    const run = (extra: { today?: string } = {}) =>
      seedProfessionalDevelopment(region, ids, {
        client,
        tokens: claimTokens(),
        concurrency: 6,
        today: () => extra.today ?? today,
        pollMs: 1,
      });
    return { gw, run };
  };

  /** One region seeded once; the first two specs read it, the second runs the seeder again over it. */
  let seeded: Promise<Awaited<ReturnType<typeof setup>> & { r: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>['run']>> }>;
  beforeAll(() => {
    seeded = setup().then(async (s) => ({ ...s, r: await s.run() }));
  });

  it('seeds every phase with the right roles, and the platform ends up as planned', async () => {
    for (const n of [pd.enrolments.length, pd.externalTrainings.length, pd.diagnostics.length, pd.mentorships.length, pd.routes.length])
      expect(n).toBeGreaterThan(0);
    const { gw, r } = await seeded;
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
    for (const phase of PD_PHASES) expect(r.counts[phase].created).toBe(r.counts[phase].planned);
    expect(r.commandsByKind).toEqual(pd.totals.commands);
    expect(r.commands).toBe(pd.totals.commandsTotal);
    expect(Object.keys(latencySummary(r.samples)).sort()).toEqual(Object.keys(pd.totals.commands).sort());
    expect(gw.internalErrors).toEqual([]);

    const p = platform(gw);
    // Enrolments: the planned final statuses; municipal cohorts with their own educators only.
    const byStatus: Record<string, number> = {};
    for (const e of p.enrolments) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    for (const [status, n] of Object.entries(byStatus)) expect(n).toBe(pd.totals.enrolments[status as keyof typeof pd.totals.enrolments]);
    for (const e of p.enrolments) {
      const cohort = p.cohorts.get(e.cohortId)!;
      if (cohort.tenantId !== 'region') expect(e.municipalityId).toBe(cohort.tenantId);
    }
    expect(p.enrolments.filter((e) => e.appliedBy === 'SELF')).toHaveLength(pd.totals.enrolments.bySelf);
    // Everything else.
    expect(p.development.reduce((a, d) => a + d.externalTrainings.length, 0)).toBe(pd.externalTrainings.length);
    expect(p.imports).toBe(pd.diagnostics.length);
    expect(p.mentorships).toHaveLength(pd.mentorships.length);
    expect(p.development.filter((d) => d.route.status === 'APPROVED')).toHaveLength(pd.totals.routes.approved);
    expect(p.programmes.every((x) => x.status === 'PUBLISHED')).toBe(true);
  });

  it('re-runs without duplicating anything', async () => {
    const { gw, run } = await seeded;
    const count = () => {
      const p = platform(gw);
      return {
        enrolments: p.enrolments.length,
        cohorts: p.cohorts.size,
        programmes: p.programmes.length,
        mentorships: p.mentorships.length,
        events: gw.pd.store.events.length,
      };
    };
    const before = count();
    const again = await run();
    expect(again.ok).toBe(true);
    // Not one event more: external trainings sent again are no-ops for the platform.
    expect(count()).toEqual(before);
    for (const phase of ['programmes', 'cohorts', 'enrolments', 'diagnostics', 'mentorships'] as const) {
      expect(again.counts[phase].existing).toBe(again.counts[phase].planned);
    }
    expect(again.diagnostics.reruns).toBe(pd.diagnostics.length);
    expect(again.counts.routes.existing).toBe(pd.totals.routes.approved);
    const sent = again.commandsByKind;
    expect(
      sent.createProgramme +
        sent.scheduleCohort +
        sent.applyForCohort +
        sent.applyForCohorts +
        sent.approveEnrolments +
        sent.completeEnrolments +
        sent.startMentorships +
        sent.approveRoutes,
    ).toBe(0);
    // Sent again, ignored by the platform (same certificate, same educator).
    expect(sent.recordExternalTrainings).toBe(pd.totals.commands['recordExternalTrainings']);
  });

  it('finishes a run the platform cut short where it stopped, sending nothing twice', async () => {
    const { gw, run } = await setup();
    const executed = { ...gw.calls };
    gw.cut(Math.floor(pd.totals.commandsTotal / 2)); // the gateway goes away half-way through
    const cut = await run();
    expect(cut.ok).toBe(false);
    gw.restore();
    const again = await run();
    expect(again.errors).toEqual([]);
    expect(again.ok).toBe(true);
    expect(gw.internalErrors).toEqual([]);
    // Over both runs, each creating command reached the platform exactly as often as planned.
    const reached = (op: string) => (gw.calls[op] ?? 0) - (executed[op] ?? 0);
    expect(reached('DemoCreateProgramme')).toBe(pd.totals.commands.createProgramme);
    expect(reached('DemoScheduleCohort')).toBe(pd.totals.commands.scheduleCohort);
    expect(reached('DemoApplyForCohort')).toBe(pd.totals.commands.applyForCohort);
    expect(reached('DemoApplyForCohorts')).toBe(pd.totals.commands.applyForCohorts);
    expect(reached('DemoStartMentorships')).toBe(pd.totals.commands.startMentorships);
    expect(reached('DemoCompleteEnrolments')).toBe(pd.totals.commands.completeEnrolments);
    const p = platform(gw);
    expect(p.enrolments.filter((e) => e.status === 'COMPLETED')).toHaveLength(pd.totals.enrolments.COMPLETED);
    expect(p.mentorships).toHaveLength(pd.mentorships.length);
    expect(p.programmes.every((x) => x.status === 'PUBLISHED')).toBe(true);
  });

  it('does not apply for cohorts that ended before the real today, and says so', async () => {
    const { run } = await setup({ today: '2099-01-01' });
    const r = await run({ today: '2099-01-01' });
    expect(r.ok).toBe(false);
    expect(r.counts.enrolments.skipped).toBe(pd.enrolments.length);
    expect(r.commandsByKind.applyForCohort).toBe(0);
    expect(r.errors.some((e) => e.command === 'precondition' && /before today/.test(e.message))).toBe(true);
  });

  it('leaves out the training history on a platform without recordExternalTrainings', async () => {
    const { gw, run } = await setup({ withoutMutations: ['recordExternalTrainings'] });
    const r = await run();
    expect(r.ok).toBe(true);
    expect(r.counts['external-trainings'].skipped).toBe(r.counts['external-trainings'].planned);
    expect(r.warnings.join(' ')).toMatch(/no recordExternalTrainings mutation/);
    expect(r.counts.routes.created).toBe(pd.routes.length);
    expect(platform(gw).development.every((d) => d.externalTrainings.length === 0)).toBe(true);
  });
});
