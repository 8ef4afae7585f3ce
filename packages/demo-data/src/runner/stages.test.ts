import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevKeys, readPem, UserTokenVerifier } from '@mms/auth';
import { buildRegionPlan } from '../region/region-model';
import { SEED_STAGES } from '../stages';
import { directoryIdsOf, directoryStage } from '../stages/directory/directory.stage';
import { claimTokens, inProcessGateway } from '../../test/in-process-gateway';
import { GraphQLClient } from './graphql-client';
import { planStages, runStages, SeedStage } from './stages';
import { devTokenSource } from './tokens';

describe('devTokenSource', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-data-keys-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to invent keys the gateway would not trust', () => {
    expect(() => devTokenSource({ keysDir: join(dir, 'missing') })).toThrow(/no dev signing key/);
  });

  it('mints verifiable tokens for the regional operator and a municipality methodologist, cached', async () => {
    const files = ensureDevKeys(dir);
    const tokens = devTokenSource({ keysDir: dir });
    const verifier = await UserTokenVerifier.fromPem(readPem(files.userPublic));
    const op = await verifier.verify(await tokens.regionalOperator());
    expect(op).toMatchObject({ role: 'regional_operator', municipalityId: null });
    const mm = await verifier.verify(await tokens.methodologist('mun-007'));
    expect(mm).toMatchObject({
      role: 'municipal_methodologist',
      municipalityId: 'mun-007',
      subject: 'demo-data-municipal_methodologist-mun-007',
    });
    const coord = await verifier.verify(await tokens.forRole('school_coordinator', { municipality: 'mun-001', organization: 'o-1' }));
    expect(coord).toMatchObject({ role: 'school_coordinator', municipalityId: 'mun-001', organizationId: 'o-1' });
    expect(await tokens.methodologist('mun-007')).toBe(await tokens.methodologist('mun-007'));
  });
});

describe('stages', () => {
  const pd: SeedStage = {
    name: 'professional-development',
    description: 'test double of a later stage',
    needs: ['directory'],
    run: async (ctx) => {
      const ids = directoryIdsOf(ctx.results);
      return {
        stage: 'professional-development',
        mode: ctx.mode,
        ok: true,
        summary: { educators: Object.keys(ids.educators).length },
        detail: null,
      };
    },
  };
  const stages = [directoryStage, pd];

  it('runs the directory stage first, then professional development, contests and communities, by default', () => {
    expect(SEED_STAGES.map((s) => s.name)).toEqual(['directory', 'professional-development', 'contests', 'communities']);
    expect(planStages(SEED_STAGES).map((s) => [s.stage.name, s.mode])).toEqual([
      ['directory', 'seed'],
      ['professional-development', 'seed'],
      ['contests', 'seed'],
      ['communities', 'seed'],
    ]);
    expect(planStages(SEED_STAGES, ['communities']).map((s) => [s.stage.name, s.mode])).toEqual([
      ['directory', 'resolve'],
      ['communities', 'seed'],
    ]);
    expect(planStages(SEED_STAGES, ['contests']).map((s) => [s.stage.name, s.mode])).toEqual([
      ['directory', 'resolve'],
      ['contests', 'seed'],
    ]);
    expect(planStages(SEED_STAGES, ['directory']).map((s) => [s.stage.name, s.mode])).toEqual([['directory', 'seed']]);
    expect(planStages(SEED_STAGES, ['professional-development']).map((s) => [s.stage.name, s.mode])).toEqual([
      ['directory', 'resolve'],
      ['professional-development', 'seed'],
    ]);
  });

  it('runs what a selected stage needs in resolve mode, and rejects unknown stages', () => {
    expect(planStages(stages, ['professional-development']).map((s) => [s.stage.name, s.mode])).toEqual([
      ['directory', 'resolve'],
      ['professional-development', 'seed'],
    ]);
    expect(planStages(stages).map((s) => s.mode)).toEqual(['seed', 'seed']);
    expect(() => planStages(stages, ['nope'])).toThrow(/unknown stage/);
  });

  it('hands the directory ids to a later stage', async () => {
    const plan = buildRegionPlan({ seed: 5, scale: 0.001, asOf: '2026-11-22' });
    const gw = inProcessGateway({ today: new Date('2026-11-22T12:00:00Z') });
    const client = new GraphQLClient({ url: 'http://fake', fetch: gw.fetch });
    const results = await runStages({ plan, client, tokens: claimTokens(), concurrency: 4, stages });
    expect(results.get('directory')!.ok).toBe(true);
    expect(results.get('professional-development')!.summary).toEqual({ educators: plan.totals.educators });
    const again = await runStages({ plan, client, tokens: claimTokens(), concurrency: 4, stages, only: ['professional-development'] });
    expect(again.get('directory')!.mode).toBe('resolve');
    expect(again.get('professional-development')!.summary).toEqual({ educators: plan.totals.educators });
  });
});
