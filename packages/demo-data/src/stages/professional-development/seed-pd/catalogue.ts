/** Phases 1 and 2 of the PD seeding: the programme catalogue (created, then published) and its cohorts, matched by natural key on a re-run. */
import { runPool } from '../../../runner/pool';
import type { CohortPlan, ProgrammePlan } from '../pd-plan';
import { aborted, fail, operator, ownerToken, PdSeedContext, readAll, REGION, send, tally } from './context';
import { CREATE_PROGRAMME, PD_COHORTS, PD_PROGRAMMES, PUBLISH_PROGRAMME, SCHEDULE_COHORT } from './documents';

interface ProgrammeRow {
  id: string;
  title: string;
  status: string;
  ownerMunicipality: { id: string } | null;
}

/** Existing programmes by `<owner>|<title>`, as the regional operator sees them (drafts included). */
const readProgrammes = async (ctx: PdSeedContext): Promise<Map<string, { id: string; status: string }>> => {
  const existing = new Map<string, { id: string; status: string }>();
  for (const p of await readAll<ProgrammeRow>(ctx, PD_PROGRAMMES, 'programmesPage', {}, await operator(ctx))) {
    const key = `${p.ownerMunicipality?.id ?? REGION}|${p.title}`;
    const prev = existing.get(key);
    // Earlier duplicates (a crash between create and a re-run): the published one, else the first by id.
    if (!prev || (prev.status !== 'PUBLISHED' && p.status === 'PUBLISHED') || (prev.status === p.status && p.id < prev.id)) existing.set(key, p);
  }
  return existing;
};

/** Creates a programme the platform does not have, and publishes it unless it already is. */
const seedProgramme = async (ctx: PdSeedContext, existing: Map<string, { id: string; status: string }>, p: ProgrammePlan) => {
  const tenantId = p.municipalityId ?? REGION;
  try {
    const token = await ownerToken(ctx, p.municipalityId);
    const found = existing.get(`${tenantId}|${p.input.title}`);
    let id = found?.id;
    let created = false;
    if (!id) {
      id = (await send<{ id: string }>(ctx, 'createProgramme', CREATE_PROGRAMME, { input: p.input }, token, p.key, tenantId))!.id;
      created = true;
    }
    if (found?.status !== 'PUBLISHED') {
      await send(ctx, 'publishProgramme', PUBLISH_PROGRAMME, { id }, token, p.key, tenantId);
      created = true;
    }
    ctx.out.programmeIds[p.key] = id;
    tally(ctx, 'programmes', created ? 'created' : 'existing');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'createProgramme', phase: 'programmes', planId: p.key, tenantId }, err);
    tally(ctx, 'programmes', 'failed');
  }
};

/** Phase 1: every programme whose owner the directory has; the others count as skipped. */
export const seedProgrammes = async (ctx: PdSeedContext) => {
  const { pd, ids, out } = ctx;
  const existing = await readProgrammes(ctx);
  await runPool(
    pd.programmes.filter((p) => !p.municipalityId || ids.municipalities[p.municipalityId]),
    ctx.concurrency,
    (p: ProgrammePlan) => seedProgramme(ctx, existing, p),
    ctx.signal,
  );
  tally(ctx, 'programmes', 'skipped', pd.programmes.length - out.counts.programmes.created - out.counts.programmes.existing - out.counts.programmes.failed);
};

/** Existing cohorts by `<programme id>|<start>|<end>` (the first by id). */
const readCohorts = async (ctx: PdSeedContext): Promise<Map<string, string>> => {
  const existing = new Map<string, string>();
  const rows = await readAll<{ id: string; programmeId: string; startDate: string; endDate: string }>(ctx, PD_COHORTS, 'cohortsPage', {}, await operator(ctx));
  for (const c of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const key = `${c.programmeId}|${c.startDate}|${c.endDate}`;
    if (!existing.has(key)) existing.set(key, c.id);
  }
  return existing;
};

/** Schedules a cohort the platform does not have, by the programme's owner. */
const seedCohort = async (ctx: PdSeedContext, existing: Map<string, string>, c: CohortPlan) => {
  const tenantId = c.municipalityId ?? REGION;
  const programmeId = ctx.out.programmeIds[c.programmeKey];
  if (!programmeId) {
    tally(ctx, 'cohorts', 'skipped');
    return;
  }
  const found = existing.get(`${programmeId}|${c.startDate}|${c.endDate}`);
  if (found) {
    ctx.out.cohortIds[c.key] = found;
    tally(ctx, 'cohorts', 'existing');
    return;
  }
  try {
    const input = { programmeId, startDate: c.startDate, endDate: c.endDate, seats: c.seats };
    const r = await send<{ id: string }>(ctx, 'scheduleCohort', SCHEDULE_COHORT, { input }, await ownerToken(ctx, c.municipalityId), c.key, tenantId);
    ctx.out.cohortIds[c.key] = r!.id;
    tally(ctx, 'cohorts', 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'scheduleCohort', phase: 'cohorts', planId: c.key, tenantId }, err);
    tally(ctx, 'cohorts', 'failed');
  }
};

/** Phase 2: every cohort of a seeded programme. */
export const seedCohorts = async (ctx: PdSeedContext) => {
  const existing = await readCohorts(ctx);
  await runPool(ctx.pd.cohorts, ctx.concurrency, (c: CohortPlan) => seedCohort(ctx, existing, c), ctx.signal);
};
