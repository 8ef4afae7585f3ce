import { buildRegionPlan, RegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { latencySummary } from '../../runner/latency';
import { DirectoryIds } from '../directory/seed-directory';
import { claimTokens, fakePdGateway, Placement } from './pd-gateway.fake';
import { buildPdPlan } from './pd-plan';
import { PD_PHASES, seedProfessionalDevelopment } from './seed-professional-development';

const AS_OF = '2026-11-22';

const directoryIds = (plan: RegionPlan): { ids: DirectoryIds; placements: Map<string, Placement> } => {
  const ids: DirectoryIds = { municipalities: {}, organizations: {}, educators: {} };
  const placements = new Map<string, Placement>();
  for (const m of plan.municipalities) {
    ids.municipalities[m.id] = m.id;
    for (const o of m.organizations) {
      ids.organizations[o.id] = `o-${o.id}`;
      for (const e of o.educators) {
        ids.educators[e.id] = `e-${e.id}`;
        placements.set(`e-${e.id}`, { municipalityId: m.id, organizationId: `o-${o.id}` });
      }
    }
  }
  return { ids, placements };
};

describe('seedProfessionalDevelopment (against an in-memory PD)', () => {
  const region = buildRegionPlan({ seed: 7, asOf: AS_OF, sizes: { municipalities: 2, organizations: 14, educators: 600 } });
  const pd = buildPdPlan(region);
  const { ids, placements } = directoryIds(region);
  const setup = (opts: { today?: string; externalTraining?: boolean } = {}) => {
    const gw = fakePdGateway({
      placements,
      today: opts.today ?? AS_OF,
      ...(opts.externalTraining === false ? { externalTraining: false } : {}),
    });
    const client = new GraphQLClient({ url: 'http://fake', fetch: gw.fetch, retries: 0 });
    const run = (extra: { today?: string } = {}) =>
      seedProfessionalDevelopment(region, ids, {
        client,
        tokens: claimTokens(),
        concurrency: 6,
        today: () => extra.today ?? AS_OF,
        pollMs: 1,
      });
    return { gw, run };
  };

  it('seeds every phase with the right roles, and the platform ends up as planned', async () => {
    for (const n of [pd.enrolments.length, pd.externalTrainings.length, pd.diagnostics.length, pd.mentorships.length, pd.routes.length])
      expect(n).toBeGreaterThan(0);
    const { gw, run } = setup();
    const r = await run();
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
    for (const phase of PD_PHASES) expect(r.counts[phase].created).toBe(r.counts[phase].planned);
    expect(r.commandsByKind).toEqual(pd.totals.commands);
    expect(r.commands).toBe(pd.totals.commandsTotal);
    expect(Object.keys(latencySummary(r.samples)).sort()).toEqual(Object.keys(pd.totals.commands).sort());

    // Enrolments: the planned final statuses; municipal cohorts with their own educators only.
    const byStatus: Record<string, number> = {};
    for (const e of gw.state.enrolments.values()) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    for (const [status, n] of Object.entries(byStatus)) expect(n).toBe(pd.totals.enrolments[status as keyof typeof pd.totals.enrolments]);
    for (const e of gw.state.enrolments.values()) {
      const cohort = gw.state.cohorts.get(e.cohortId)!;
      if (cohort.tenant !== 'region') expect(e.municipalityId).toBe(cohort.tenant);
    }
    expect([...gw.state.enrolments.values()].filter((e) => e.appliedBy === 'SELF')).toHaveLength(pd.totals.enrolments.bySelf);
    // Everything else.
    expect([...gw.state.external.values()].reduce((a, m) => a + m.size, 0)).toBe(pd.externalTrainings.length);
    expect(gw.state.imports.size).toBe(pd.diagnostics.length);
    expect(gw.state.mentorships).toHaveLength(pd.mentorships.length);
    expect([...gw.state.routes.values()].filter((s) => s === 'APPROVED')).toHaveLength(pd.totals.routes.approved);
    expect([...gw.state.programmes.values()].every((p) => p.status === 'PUBLISHED')).toBe(true);
  });

  it('re-runs without duplicating anything', async () => {
    const { gw, run } = setup();
    await run();
    const before = {
      enrolments: gw.state.enrolments.size,
      cohorts: gw.state.cohorts.size,
      programmes: gw.state.programmes.size,
      mentorships: gw.state.mentorships.length,
    };
    const again = await run();
    expect(again.ok).toBe(true);
    expect({
      enrolments: gw.state.enrolments.size,
      cohorts: gw.state.cohorts.size,
      programmes: gw.state.programmes.size,
      mentorships: gw.state.mentorships.length,
    }).toEqual(before);
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
        sent.approveEnrolment +
        sent.completeEnrolment +
        sent.startMentorship +
        sent.approveRoute,
    ).toBe(0);
    // Sent again, ignored by the platform (same certificate, same educator).
    expect(sent.recordExternalTraining).toBe(pd.externalTrainings.length);
  });

  it('finishes an interrupted run where it stopped', async () => {
    const { gw, run } = setup();
    await run();
    // Pretend a run stopped half-way: some enrolments only applied, a mentorship and a programme's publication missing.
    let n = 0;
    for (const e of gw.state.enrolments.values()) if (e.status === 'COMPLETED' && n++ < 5) Object.assign(e, { status: 'APPLIED', certificate: null });
    gw.state.mentorships.pop();
    [...gw.state.programmes.values()][0]!.status = 'DRAFT';
    const again = await run();
    expect(again.ok).toBe(true);
    expect(again.commandsByKind.approveEnrolment).toBe(5);
    expect(again.commandsByKind.completeEnrolment).toBe(5);
    expect(again.commandsByKind.applyForCohort).toBe(0);
    expect(again.commandsByKind.publishProgramme).toBe(1);
    expect(again.commandsByKind.startMentorship).toBe(1);
    expect([...gw.state.enrolments.values()].filter((e) => e.status === 'COMPLETED')).toHaveLength(pd.totals.enrolments.COMPLETED);
  });

  it('does not apply for cohorts that ended before the real today, and says so', async () => {
    const { run } = setup({ today: '2099-01-01' });
    const r = await run({ today: '2099-01-01' });
    expect(r.ok).toBe(false);
    expect(r.counts.enrolments.skipped).toBe(pd.enrolments.length);
    expect(r.commandsByKind.applyForCohort).toBe(0);
    expect(r.errors.some((e) => e.command === 'precondition' && /before today/.test(e.message))).toBe(true);
  });

  it('leaves out the training history on a platform without recordExternalTraining', async () => {
    const { run } = setup({ externalTraining: false });
    const r = await run();
    expect(r.ok).toBe(true);
    expect(r.counts['external-trainings'].skipped).toBe(r.counts['external-trainings'].planned);
    expect(r.warnings.join(' ')).toMatch(/no recordExternalTraining mutation/);
    expect(r.counts.routes.created).toBe(pd.routes.length);
  });
});
