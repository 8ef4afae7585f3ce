import { buildRegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { claimTokens, InProcessGateway, inProcessGateway } from '../../../test/in-process-gateway';
import { DirectoryIds, seedDirectory } from '../directory/seed-directory';
import { buildContestsPlan, LEVELS } from './contests-plan';
import { CONTESTS_COMMANDS, ContestsSeedResult, seedContests } from './seed-contests';

const AS_OF = '2026-12-06';

/** What the contests read models hold: the real slices' rows, not the seeder's own count. */
const platform = (gw: InProcessGateway) => {
  const rows = <R>(t: { rows: Map<string, unknown> }) => [...t.rows.values()] as R[];
  const { tables } = gw.contests;
  return {
    students: rows<{ _id: string }>(tables.students as never),
    stages: rows<{ _id: string; level: string; jury: unknown[]; passingScores: Record<string, number> }>(tables.stages as never),
    entries: rows<{ stageId: string; code: string | null; status: string }>(tables.entries as never),
    partitions: rows<{ stageId: string; status: string; appeals: { status: string }[]; marks: number }>(tables.partitions as never),
  };
};

const sent = (r: ContestsSeedResult) => Object.entries(r.commandsByKind).filter(([, n]) => n > 0);

/**
 * The contests seeder against the platform in one process (test/in-process-gateway.ts): the
 * directory seeded first, then the olympiad year run by run as the contests service's clock
 * moves on (as CLOCK_OFFSET_DAYS does): each run goes as far as that day allows, and a run
 * on the same day sends nothing again.
 */
describe('seedContests (against the real contests slices in process)', () => {
  const region = buildRegionPlan({ seed: 7, asOf: AS_OF, sizes: { municipalities: 2, organizations: 16, educators: 500 } });
  const plan = buildContestsPlan(region);
  let gw: InProcessGateway;
  let run: () => Promise<ContestsSeedResult>;
  const results: ContestsSeedResult[] = [];

  beforeAll(async () => {
    gw = inProcessGateway({ today: `${AS_OF}T05:00:00Z` });
    const client = new GraphQLClient({ url: 'http://in-process/graphql', fetch: gw.fetch, retries: 0 });
    const directory = await seedDirectory(region, { client, tokens: claimTokens(), concurrency: 6 });
    expect(directory.ok).toBe(true);
    const ids: DirectoryIds = directory.ids;
    run = () => seedContests(region, ids, { client, tokens: claimTokens(), concurrency: 6, pollMs: 1, settleMs: 2000 });
  });
  afterAll(() => gw?.stop());

  it('on asOf: students, every stage, juries, passing scores, and the school stage up to its decided appeals; finals wait', async () => {
    for (const level of LEVELS) expect(plan.totals.entries[level]).toBeGreaterThan(0);
    const r = await run();
    results.push(r);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(gw.internalErrors).toEqual([]);
    const c = r.counts;
    expect(c.students.created).toBe(plan.totals.students.total);
    expect(c.stages.created).toBe(plan.stages.length);
    expect(c.juries.created).toBe(plan.stages.length);
    expect(c['passing-scores'].created).toBe(c['passing-scores'].planned);
    for (const step of ['entries', 'codes', 'publication', 'appeals', 'third-checks'] as const)
      expect(c[`school-${step}`].created).toBe(c[`school-${step}`].planned);
    expect(c['school-scores'].created).toBe(plan.stages.filter((s) => s.level === 'SCHOOL').length);
    expect(r.scores.rejected).toBe(0);
    expect(r.scores.applied).toBe(plan.totals.scoreRows.SCHOOL);
    expect(c['school-finals'].created).toBe(0);
    expect(r.waiting.map((w) => w.phase)).toEqual(['school-finals', 'municipal-entries', 'regional-entries']);
    expect(r.commandsByKind.approveFinalProtocol).toBe(1);
    const p = platform(gw);
    expect(p.students).toHaveLength(plan.totals.students.total);
    expect(p.stages).toHaveLength(plan.stages.length);
    expect(p.entries.filter((e) => e.code)).toHaveLength(plan.totals.entries.SCHOOL);
    expect(p.partitions.filter((x) => x.status === 'PRELIMINARY')).toHaveLength(plan.totals.protocols.SCHOOL);
  });

  it('again the same day: reads, and sends nothing but the one refused approval', async () => {
    const r = await run();
    expect(r.errors).toEqual([]);
    expect(sent(r)).toEqual([['approveFinalProtocol', 1]]);
    expect(r.counts.students.existing).toBe(plan.totals.students.total);
    expect(r.counts['school-appeals'].existing).toBe(r.counts['school-appeals'].planned);
  });

  it('two, four and six days on: each level final and the next one held, by the admission lists', async () => {
    for (const [i, level] of (['MUNICIPAL', 'REGIONAL', null] as const).entries()) {
      gw.advanceContests(2);
      const r = await run();
      results.push(r);
      expect(r.errors).toEqual([]);
      expect(r.notAdmitted).toBe(0);
      const before = LEVELS[i]!.toLowerCase() as 'school' | 'municipal';
      expect(r.counts[`${before}-finals`].created).toBe(plan.totals.protocols[LEVELS[i]!]);
      if (level) {
        const l = level.toLowerCase() as 'municipal' | 'regional';
        for (const step of ['entries', 'codes', 'publication', 'appeals', 'third-checks'] as const)
          expect(r.counts[`${l}-${step}`].created).toBe(r.counts[`${l}-${step}`].planned);
        expect(r.counts[`${l}-finals`].created).toBe(0);
      }
    }
    const p = platform(gw);
    expect(p.partitions.every((x) => x.status === 'FINAL')).toBe(true);
    expect(p.partitions).toHaveLength(plan.totals.protocols.SCHOOL + plan.totals.protocols.MUNICIPAL + plan.totals.protocols.REGIONAL);
    expect(p.partitions.flatMap((x) => x.appeals).filter((a) => a.status === 'DECIDED')).toHaveLength(plan.totals.appeals.total);
    expect(p.entries).toHaveLength(plan.totals.entries.SCHOOL + plan.totals.entries.MUNICIPAL + plan.totals.entries.REGIONAL);
    // Over the year, exactly what the plan says a seeding of an empty platform sends (the refused approvals aside).
    const total = Object.fromEntries(CONTESTS_COMMANDS.map((k) => [k, results.reduce((a, r) => a + r.commandsByKind[k], 0)]));
    expect({ ...total, approveFinalProtocol: 0 }).toEqual({ ...plan.totals.commands, approveFinalProtocol: 0 });
  });

  it('after the year: a run sends nothing at all', async () => {
    const r = await run();
    expect(r.errors).toEqual([]);
    expect(sent(r)).toEqual([]);
    expect(r.waiting).toEqual([]);
    expect(gw.internalErrors).toEqual([]);
  });
});
