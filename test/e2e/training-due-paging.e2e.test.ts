import { MongoClient } from 'mongodb';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform, startPlatform } from '../platform-harness';

/**
 * Issue 9 §3: a municipality-wide `trainingDue` of about 1,800 rows failed with
 * INTERNAL_SERVER_ERROR (the gateway's entity fetch to the directory passed the subgraph's body
 * limit). Through the real gateway, directory and PD processes: a municipality of 2,000+ due
 * educators is paged with `trainingDuePage`, each row's educator resolved by the directory
 * (entity fetch), every row seen exactly once; the deprecated unpaged field answers the typed
 * LIST_TOO_LARGE instead.
 *
 * The 2,100 educators are written straight into both read models (the directory's educators
 * and PD's educators, the rows their projections would write): registering them through
 * commands takes minutes on FerretDB. One educator is registered through the gateway first, so
 * the test finds the generation collections the projections really read, and the rest of the
 * path (events → PD) is exercised too.
 */
const SEEDED = 2_100;
const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const REGISTER_EDU = `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id } }`;
const PAGE = `query($m: ID, $first: Int, $after: String) {
  trainingDuePage(municipalityId: $m, first: $first, after: $after) {
    nodes { dueDate status basis educator { id fullName position } organization { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const UNPAGED = `query($m: ID) { trainingDue(municipalityId: $m) { dueDate educator { id } } }`;

interface DueRow {
  dueDate: string;
  status: string;
  basis: string;
  educator: { id: string; fullName: string | null; position: string } | null;
  organization: { id: string } | null;
}

const educatorId = (i: number) => `pg-edu-${String(i).padStart(5, '0')}`;

/** The collection of a projection's live generation whose name matches (the projections made it for the registered educator). */
const generationCollection = async (client: MongoClient, db: string, pattern: RegExp) => {
  const names = (await client.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => pattern.test(n));
  if (names.length !== 1) throw new Error(`expected one collection matching ${pattern} in ${db}, found ${names.join(', ') || 'none'}`);
  return client.db(db).collection<{ _id: string }>(names[0]!);
};

describe('a municipality-wide training-due list through the gateway (2,000+ rows, educators from the directory)', () => {
  let p: Platform;
  let client: MongoClient;
  const M = `m-paging-${Date.now().toString(36)}`;

  beforeAll(async () => {
    p = await startPlatform('paging', ['directory', 'professional-development']);
    client = await MongoClient.connect(process.env['MONGO_URL']!);
  });
  afterAll(async () => {
    await client?.close();
    await p?.stop();
  });

  it('pages every due educator exactly once with the directory’s fields; the unpaged field answers LIST_TOO_LARGE', async () => {
    const ro = await p.token('regional_operator');
    const meth = await p.token('municipal_methodologist', { municipality: M });
    ok(await p.gql(ro, ONBOARD, { input: { id: M, name: 'Городской округ Постраничный', oktmo: '04799000' } }));
    const org = ok<any>(await p.gql(meth, REGISTER_ORG, { input: { name: 'МБОУ СОШ № 7', kind: 'SCHOOL' } })).registerOrganization.id as string;
    const registered = ok<any>(
      await p.gql(meth, REGISTER_EDU, {
        input: { organizationId: org, fullName: 'Зарегистрированная Анна Петровна', position: 'учитель', subjects: ['физика'], careerStartDate: '2012-09-01' },
      }),
    ).registerEducator.id as string;
    await waitFor(async () => ok<any>(await p.gql(meth, PAGE, { m: M, first: 10 })).trainingDuePage.nodes.some((n: DueRow) => n.educator?.id === registered), {
      what: 'PD lists the registered educator, with the directory’s fields',
      timeoutMs: 60_000,
    });

    const directory = await generationCollection(client, p.mongoDbs.directory, /^rm_directory_g\d+_educators$/);
    const pd = await generationCollection(client, p.mongoDbs['professional-development'], /^rm_pd_educators_g\d+_educators$/);
    const people = Array.from({ length: SEEDED }, (_, i) => ({ id: educatorId(i), careerStartDate: `20${10 + (i % 9)}-0${1 + (i % 9)}-1${i % 10}` }));
    for (let from = 0; from < SEEDED; from += 500) {
      const batch = people.slice(from, from + 500);
      await directory.insertMany(
        batch.map((e, k) => ({
          _id: `${M}|${e.id}`,
          educatorId: e.id,
          tenantId: M,
          organizationId: org,
          fullName: `Учитель Номер ${from + k}`,
          position: 'учитель',
          subjects: ['математика'],
          careerStartDate: e.careerStartDate,
          qualificationCategory: 'NONE',
          status: 'ACTIVE',
          personalDataErased: false,
        })),
      );
      await pd.insertMany(batch.map((e) => ({ _id: e.id, municipalityId: M, organizationId: org, careerStartDate: e.careerStartDate, active: true })));
    }

    const started = Date.now();
    const seen: DueRow[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res = await p.gql(meth, PAGE, { m: M, first: 200, after });
      expect(res.status).toBe(200);
      const page: { nodes: DueRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = ok<any>(res).trainingDuePage;
      pages++;
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      expect(page.nodes).toHaveLength(200);
      after = page.pageInfo.endCursor;
    }
    const total = SEEDED + 1;
    process.stdout.write(`trainingDuePage: ${seen.length} rows in ${pages} pages of 200 through the gateway in ${Date.now() - started} ms\n`);
    expect(pages).toBe(Math.ceil(total / 200));
    expect(seen).toHaveLength(total);
    const ids = seen.map((r) => r.educator?.id);
    expect(new Set(ids).size).toBe(total);
    expect(new Set(ids)).toEqual(new Set([registered, ...people.map((e) => e.id)]));
    // Every educator resolved by the directory's entity fetch, with its own fields.
    const byId = new Map(seen.map((r) => [r.educator!.id, r]));
    expect(byId.get(educatorId(1234))!.educator).toEqual({ id: educatorId(1234), fullName: 'Учитель Номер 1234', position: 'учитель' });
    expect(seen.every((r) => r.educator!.fullName && r.organization?.id === org && r.status === 'OVERDUE' && r.basis === 'CAREER_START')).toBe(true);
    const keys = seen.map((r) => `${r.dueDate}|${r.educator!.id}`);
    expect(keys).toEqual([...keys].sort());

    // The deprecated unpaged field: a typed error naming the field, never an INTERNAL_SERVER_ERROR or a cut list.
    const unpaged = await p.gql(meth, UNPAGED, { m: M });
    expect(unpaged.status).toBe(200);
    expect(unpaged.body.data?.trainingDue ?? null).toBeNull();
    expect(unpaged.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('trainingDuePage'),
      extensions: { code: 'LIST_TOO_LARGE', field: 'trainingDue', limit: 1000, use: 'trainingDuePage', problems: [{ field: 'trainingDue' }] },
    });

    // A page larger than the largest is refused by name.
    const tooBig = await p.gql(meth, PAGE, { m: M, first: 201 });
    expect(tooBig.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
