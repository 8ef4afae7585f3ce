import { MongoClient } from 'mongodb';
import { DIRECTORY_TOPIC } from '@mms/contracts';
import { fromMessage, EventEnvelope, COMMITS_COLLECTION, PLACEHOLDER_TENANT } from '@mms/eventsourcing';
import { testBus, waitFor } from '@mms/testing/infra';
import { ok, Platform, startPlatform } from '../../../test/platform-harness';

// A move must reach the gateway's identity check at once here (60 s in production).
process.env['GATEWAY_IDENTITY_CACHE_MS'] = '0';

const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id name } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id name municipality { id } } }`;
const REGISTER_EDU = `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id fullName status isYoungTeacher organization { id } } }`;
const EDUCATOR = `query($id: ID!) { educator(id: $id) { id fullName status personalDataErased municipality { id } organization { id name } } }`;
const MOVE = `mutation($input: MoveEducatorInput!) { moveEducator(input: $input) { id status } }`;
const EDUCATORS = `query($f: EducatorFilter) { educators(filter: $f, first: 100) { nodes { id fullName } pageInfo { hasNextPage endCursor } } }`;

describe('directory end to end: gateway → subgraph process → event store → Kafka → read model → gateway', () => {
  let p: Platform;
  let mongo: MongoClient;
  let ro: string, mA: string, mB: string;
  const A = `mun-a-${Date.now().toString(36)}`;
  const B = `mun-b-${Date.now().toString(36)}`;
  let orgA: string, orgA2: string, orgB: string;

  // Commits only: the outbox relay may close an empty slot with a placeholder in the same collection.
  const commits = () =>
    mongo
      .db(p.mongoDbs.directory)
      .collection(COMMITS_COLLECTION)
      .countDocuments({ tenantId: { $ne: PLACEHOLDER_TENANT } });

  beforeAll(async () => {
    p = await startPlatform('directory');
    mongo = await new MongoClient(process.env['MONGO_URL']!).connect();
    ro = await p.token('regional_operator');
    mA = await p.token('municipal_methodologist', { municipality: A });
    mB = await p.token('municipal_methodologist', { municipality: B });
    ok(await p.gql(ro, ONBOARD, { input: { id: A, name: 'Муниципалитет А', oktmo: '04701000' } }));
    ok(await p.gql(ro, ONBOARD, { input: { id: B, name: 'Муниципалитет Б', oktmo: '04702000' } }));
    orgA = ok<any>(await p.gql(mA, REGISTER_ORG, { input: { name: 'Школа А1', kind: 'SCHOOL' } })).registerOrganization.id;
    orgA2 = ok<any>(await p.gql(mA, REGISTER_ORG, { input: { name: 'Школа А2', kind: 'SCHOOL' } })).registerOrganization.id;
    orgB = ok<any>(await p.gql(mB, REGISTER_ORG, { input: { name: 'Школа Б1', kind: 'SCHOOL' } })).registerOrganization.id;
  });

  afterAll(async () => {
    await p?.stop();
    await mongo
      ?.db(p.mongoDbs.directory)
      .dropDatabase()
      .catch(() => undefined);
    await mongo?.close();
  });

  it('a mutation is committed, published without personal data, consumed into the read model and visible through the gateway', async () => {
    const published: EventEnvelope[] = [];
    const consumer = testBus('e2e-observer').consumer({
      groupId: `e2e-observer-${Date.now()}`,
      topics: [DIRECTORY_TOPIC],
      fromBeginning: true,
      handler: async (m) => {
        published.push(fromMessage(m));
      },
    });
    await consumer.start();
    try {
      const created = ok<any>(
        await p.gql(mA, REGISTER_EDU, {
          input: { organizationId: orgA, fullName: 'Петрова Анна Сергеевна', position: 'учитель физики', subjects: ['физика'], careerStartDate: '2025-09-01' },
        }),
      ).registerEducator;
      expect(created).toMatchObject({ fullName: 'Петрова Анна Сергеевна', status: 'ACTIVE', isYoungTeacher: true });

      const commit = await mongo
        .db(p.mongoDbs.directory)
        .collection(COMMITS_COLLECTION)
        .findOne({ streamId: `educator-${created.id}` });
      expect(commit).toMatchObject({ tenantId: A, streamType: 'educator' });
      expect(JSON.stringify(commit)).not.toContain('Петрова'); // sealed in the store

      const event = await waitFor(
        async () => published.find((e) => e.type === 'directory.EducatorRegistered' && e.data && (e.data as any).educatorId === created.id),
        {
          what: 'EducatorRegistered on the public topic',
        },
      );
      expect(event.tenantId).toBe(A);
      expect(JSON.stringify(event)).not.toContain('Петрова');

      const seen = await waitFor(async () => ok<any>(await p.gql(mA, EDUCATOR, { id: created.id })).educator, { what: 'educator in the read model' });
      expect(seen).toMatchObject({ fullName: 'Петрова Анна Сергеевна', municipality: { id: A }, organization: { id: orgA, name: 'Школа А1' } });
    } finally {
      await consumer.stop();
    }
  });

  it('invalid input gets a typed error and writes no event', async () => {
    const before = await commits();
    const r = await p.gql(mA, REGISTER_EDU, {
      input: { organizationId: orgA, fullName: '   ', position: 'x'.repeat(300), subjects: [], careerStartDate: '2031-02-30' },
    });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.extensions?.problems.map((x: any) => x.field).sort()).toEqual(['careerStartDate', 'fullName', 'position']);
    const missingOrg = await p.gql(mA, REGISTER_EDU, {
      input: { organizationId: 'no-such-org', fullName: 'Иванов И. И.', position: 'учитель', subjects: [], careerStartDate: '2020-09-01' },
    });
    expect(missingOrg.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badEnum = await p.gql(mA, REGISTER_ORG, { input: { name: 'X', kind: 'CASTLE' } });
    expect(badEnum.body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    // A NUL in a name, and a name of 150,000 characters (300 KB: past Express's default body limit of a subgraph).
    for (const fullName of ['Иванов\u0000Иван', 'я'.repeat(150_000)]) {
      const r = await p.gql(mA, REGISTER_EDU, { input: { organizationId: orgA, fullName, position: 'учитель', subjects: [], careerStartDate: '2020-09-01' } });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.extensions?.problems).toEqual([{ field: 'fullName', message: expect.stringMatching(/control characters|at most 300/) }]);
    }
    expect(await commits()).toBe(before);
  });

  describe('tenancy', () => {
    let eduB: string;
    beforeAll(async () => {
      eduB = ok<any>(
        await p.gql(mB, REGISTER_EDU, {
          input: { organizationId: orgB, fullName: 'Сидоров Борис', position: 'учитель', subjects: ['история'], careerStartDate: '2010-09-01' },
        }),
      ).registerEducator.id;
      await waitFor(async () => ok<any>(await p.gql(mB, EDUCATOR, { id: eduB })).educator, { what: 'B educator visible to B' });
    });

    it('a municipal user cannot read another municipality, in any query', async () => {
      expect(ok<any>(await p.gql(mA, EDUCATOR, { id: eduB })).educator).toBeNull();
      const listed = ok<any>(await p.gql(mA, EDUCATORS, {})).educators.nodes.map((n: any) => n.id);
      expect(listed).not.toContain(eduB);
      expect(ok<any>(await p.gql(mA, `query($id: ID!) { organization(id: $id) { id } }`, { id: orgB })).organization).toBeNull();
      expect(ok<any>(await p.gql(mA, `{ municipalities { nodes { id } } }`)).municipalities.nodes.map((n: any) => n.id)).toEqual([A]);
      const filtered = await p.gql(mA, EDUCATORS, { f: { municipalityId: B } });
      expect(filtered.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // The regional operator sees both, explicitly.
      expect(ok<any>(await p.gql(ro, EDUCATORS, { f: { municipalityId: B } })).educators.nodes.map((n: any) => n.id)).toContain(eduB);
    });

    it('a municipal user cannot change another municipality’s data, in any mutation', async () => {
      const before = await commits();
      const attempts = [
        p.gql(mA, `mutation($id: ID!) { updateEducator(input: { id: $id, position: "взлом" }) { id } }`, { id: eduB }),
        p.gql(mA, `mutation($id: ID!) { moveEducator(input: { id: $id, toOrganizationId: "${orgA}" }) { id } }`, { id: eduB }),
        p.gql(mA, `mutation($id: ID!) { recordEducatorLeaving(input: { id: $id, reason: "x" }) { id } }`, { id: eduB }),
        p.gql(mA, `mutation($id: ID!) { eraseEducatorPersonalData(educatorId: $id) { id } }`, { id: eduB }),
        p.gql(mA, `mutation($id: ID!) { updateOrganization(input: { id: $id, name: "взлом" }) { id } }`, { id: orgB }),
        p.gql(mA, `mutation($id: ID!) { closeOrganization(input: { id: $id, reason: "x" }) { id } }`, { id: orgB }),
        p.gql(mA, REGISTER_EDU, { input: { organizationId: orgB, fullName: 'Чужой', position: 'x', subjects: [], careerStartDate: '2020-01-01' } }),
        p.gql(mA, ONBOARD, { input: { id: 'mun-evil', name: 'x', oktmo: '04701000' } }),
      ];
      for (const r of await Promise.all(attempts)) {
        expect(r.body.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
      }
      expect(await commits()).toBe(before);
    });

    it('a client-chosen tenant header changes nothing; a teacher sees only themself', async () => {
      const forged = await p.gql(mA, EDUCATOR, { id: eduB }, { 'x-tenant-id': B, 'x-mms-context': 'forged', 'x-municipality': B });
      expect(ok<any>(forged).educator).toBeNull();
      const teacher = await p.token('teacher', { municipality: B, educator: eduB });
      expect(ok<any>(await p.gql(teacher, EDUCATOR, { id: eduB })).educator.id).toBe(eduB);
      expect(ok<any>(await p.gql(teacher, EDUCATORS, {})).educators.nodes.map((n: any) => n.id)).toEqual([eduB]);
      const anonymous = await p.gql(null, EDUCATORS, {});
      expect(ok<any>(anonymous).educators.nodes).toEqual([]);
    });

    it('a token whose claims contradict the directory acts nowhere (issue 9 §2)', async () => {
      const refused = async (token: string) => {
        const r = await p.gql(token, EDUCATOR, { id: eduB });
        expect(r.status).toBe(401);
        expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(r.body.data ?? null).toBeNull();
        return r.body.errors?.[0]?.message as string;
      };
      // A teacher token of A naming B's educator; a coordinator token naming B's school under A; an unknown municipality.
      expect(await refused(await p.token('teacher', { municipality: A, educator: eduB }))).toMatch(/not placed in municipality/);
      expect(await refused(await p.token('school_coordinator', { municipality: A, organization: orgB }))).toMatch(/is not in municipality/);
      expect(await refused(await p.token('municipal_methodologist', { municipality: 'nowhere-1' }))).toMatch(/not onboarded/);
      // A token kept after its holder moved to another municipality.
      const mover = ok<any>(
        await p.gql(mA, REGISTER_EDU, {
          input: { organizationId: orgA, fullName: 'Кузнецов Олег', position: 'учитель', subjects: [], careerStartDate: '2019-09-01' },
        }),
      ).registerEducator.id;
      const kept = await p.token('teacher', { municipality: A, organization: orgA, educator: mover });
      await waitFor(async () => (await p.gql(kept, EDUCATOR, { id: mover })).body.data?.educator?.id === mover, { what: 'the teacher reads themself' });
      ok(await p.gql(mA, MOVE, { input: { id: mover, toOrganizationId: orgB, toMunicipalityId: B } }));
      await waitFor(async () => (await p.gql(kept, EDUCATOR, { id: mover })).status === 401, { what: 'the old token refused after the move' });
      expect(await refused(kept)).toMatch(/no longer placed|not placed/);
    });

    it('calling the subgraph directly, bypassing the gateway, gets nothing', async () => {
      const direct = async (headers: Record<string, string>) => {
        const res = await fetch(`${p.urls.directory}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: `{ educators { nodes { id fullName } } }` }),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const none = await direct({});
      expect(none.status).toBe(401);
      expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(none.body.data).toBeUndefined();
      // A context signed with someone else's key, claiming to be the regional operator.
      const { generateKeyPairSync } = await import('node:crypto');
      const { SignJWT } = await import('jose');
      const { privateKey } = generateKeyPairSync('ed25519');
      const forged = await new SignJWT({
        rid: 'x',
        cid: 'x',
        usr: { subject: 'evil', role: 'regional_operator', municipalityId: null, organizationId: null, educatorId: null },
      })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('mms-gateway')
        .setAudience('mms-subgraph')
        .setExpirationTime('60s')
        .sign(privateKey);
      const forgedRes = await direct({ 'x-mms-context': forged });
      expect(forgedRes.status).toBe(401);
      expect(forgedRes.body.data).toBeUndefined();
    });
  });

  it('moves an educator to another municipality: the record follows, the old one says TRANSFERRED', async () => {
    const id = ok<any>(
      await p.gql(mA, REGISTER_EDU, {
        input: { organizationId: orgA, fullName: 'Кузнецова Вера', position: 'учитель биологии', subjects: ['биология'], careerStartDate: '2015-09-01' },
      }),
    ).registerEducator.id;
    const within = ok<any>(await p.gql(mA, `mutation { moveEducator(input: { id: "${id}", toOrganizationId: "${orgA2}" }) { organization { id } } }`));
    expect(within.moveEducator.organization.id).toBe(orgA2);
    const moved = ok<any>(
      await p.gql(mA, `mutation { moveEducator(input: { id: "${id}", toOrganizationId: "${orgB}", toMunicipalityId: "${B}" }) { status } }`),
    );
    expect(moved.moveEducator.status).toBe('TRANSFERRED');
    const inB = await waitFor(async () => ok<any>(await p.gql(mB, EDUCATOR, { id })).educator, { what: 'educator visible in B' });
    expect(inB).toMatchObject({ status: 'ACTIVE', fullName: 'Кузнецова Вера', municipality: { id: B }, organization: { id: orgB } });
    await waitFor(async () => ok<any>(await p.gql(mA, EDUCATOR, { id })).educator?.status === 'TRANSFERRED', { what: 'A shows TRANSFERRED' });
  });

  it('erases personal data: the name is gone everywhere, the record stays', async () => {
    const id = ok<any>(
      await p.gql(mA, REGISTER_EDU, {
        input: { organizationId: orgA, fullName: 'Удаляемая Ольга', position: 'учитель', subjects: [], careerStartDate: '2012-09-01' },
      }),
    ).registerEducator.id;
    await waitFor(async () => ok<any>(await p.gql(mA, EDUCATOR, { id })).educator, { what: 'visible' });
    const erased = ok<any>(await p.gql(mA, `mutation { eraseEducatorPersonalData(educatorId: "${id}") { fullName personalDataErased } }`));
    expect(erased.eraseEducatorPersonalData).toEqual({ fullName: null, personalDataErased: true });
    const after = await waitFor(
      async () => {
        const e = ok<any>(await p.gql(mA, EDUCATOR, { id })).educator;
        return e?.personalDataErased ? e : null;
      },
      { what: 'erasure in the read model' },
    );
    expect(after.fullName).toBeNull();
    expect(
      await mongo
        .db(p.mongoDbs.directory)
        .collection('personal_data_keys')
        .countDocuments({ _id: id as never, key: { $exists: true } }),
    ).toBe(0); // only the tombstone that refuses a new key is left
  });

  it('pages through a list with opaque cursors', async () => {
    for (let i = 0; i < 3; i++) {
      ok(await p.gql(mB, REGISTER_ORG, { input: { name: `Детский сад ${i}`, kind: 'KINDERGARTEN' } }));
    }
    const Q = `query($after: String) { organizations(filter: { kind: KINDERGARTEN }, first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
    await waitFor(
      async () => (await p.gql(mB, `{ organizations(filter:{kind: KINDERGARTEN}) { nodes { id } } }`)).body.data?.organizations.nodes.length === 3,
      { what: '3 kindergartens' },
    );
    const first = ok<any>(await p.gql(mB, Q, {})).organizations;
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok<any>(await p.gql(mB, Q, { after: first.pageInfo.endCursor })).organizations;
    expect(second.nodes).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const bad = await p.gql(mB, Q, { after: 'not-a-cursor!' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a retried mutation with the same Idempotency-Key changes nothing and gets the first answer', async () => {
    const key = `k-${Date.now().toString(36)}-register`;
    const input = { organizationId: orgA, fullName: 'Повторов Пётр', position: 'Учитель', subjects: ['Физика'], careerStartDate: '2015-09-01' };
    const before = await commits();
    // The client never saw an answer and sends again, several times at once.
    const answers = await Promise.all(Array.from({ length: 4 }, () => p.gql(mA, REGISTER_EDU, { input }, { 'Idempotency-Key': key })));
    const ids = new Set(answers.map((a) => ok<any>(a).registerEducator.id));
    expect(ids.size).toBe(1);
    expect(await commits()).toBe(before + 1);
    const id = [...ids][0];
    await waitFor(async () => ok<any>(await p.gql(mA, EDUCATOR, { id })).educator?.id === id, { what: 'the educator in the read model' });
    const named = ok<any>(await p.gql(mA, EDUCATORS, { f: { organizationId: orgA } })).educators.nodes.filter((n: any) => n.fullName === input.fullName);
    expect(named).toHaveLength(1);

    // The same key for another request is refused; another caller's same key is its own.
    const reused = await p.gql(mA, REGISTER_EDU, { input: { ...input, fullName: 'Другой Человек' } }, { 'Idempotency-Key': key });
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const coordinator = await p.token('school_coordinator', { municipality: A, organization: orgA });
    const theirs = ok<any>(await p.gql(coordinator, REGISTER_EDU, { input }, { 'Idempotency-Key': key })).registerEducator.id;
    expect(theirs).not.toBe(id);
    // A retry of a change to an existing record: one commit.
    const rename = `mutation($input: UpdateEducatorInput!) { updateEducator(input: $input) { id position } }`;
    const at = await commits();
    for (let i = 0; i < 3; i++) ok(await p.gql(mA, rename, { input: { id, position: 'Методист' } }, { 'Idempotency-Key': `${key}-update` }));
    expect(await commits()).toBe(at + 1);
    expect(await commits()).toBe(before + 3);
  });

  it('a staff list in one call: good entries registered and visible, a bad one refused alone; a retry with its key registers no one twice', async () => {
    const LIST = `mutation($input: [RegisterEducatorInput!]!) { registerEducators(input: $input) { index educator { id fullName organization { id } } error { code fields } } }`;
    const entry = (fullName: string, more: Record<string, unknown> = {}) => ({
      organizationId: orgA,
      fullName,
      position: 'учитель',
      subjects: ['история'],
      careerStartDate: '2014-09-01',
      ...more,
    });
    const input = [
      entry('Списочная Первая'),
      entry('Списочный Второй', { careerStartDate: '2999-01-01' }),
      entry('Списочная Третья', { organizationId: orgB }),
    ];
    const key = { 'Idempotency-Key': `staff-list-${Date.now().toString(36)}` };
    const before = await commits();
    const out = ok<any>(await p.gql(mA, LIST, { input }, key)).registerEducators;
    expect(out.map((o: any) => [o.index, o.educator?.fullName ?? null, o.error?.code ?? null])).toEqual([
      [0, 'Списочная Первая', null],
      [1, null, 'BAD_USER_INPUT'],
      [2, null, 'NOT_FOUND'],
    ]);
    expect(out[1].error.fields).toEqual(['input.1.careerStartDate']);
    expect(out[0].educator.organization.id).toBe(orgA);
    expect(await commits()).toBe(before + 1);
    const again = ok<any>(await p.gql(mA, LIST, { input }, key)).registerEducators;
    expect(again[0].educator.id).toBe(out[0].educator.id);
    expect(await commits()).toBe(before + 1);
    const id = out[0].educator.id as string;
    await waitFor(async () => ok<any>(await p.gql(mA, `query($id: ID!) { educator(id: $id) { id } }`, { id })).educator?.id === id, {
      what: 'listed educator in the read model',
    });
  });

  it('an Idempotency-Key that is malformed, or covers more than one mutation, is refused before anything runs', async () => {
    const input = { organizationId: orgA, fullName: 'Ключев Иван', position: 'Учитель', subjects: [], careerStartDate: '2016-09-01' };
    const before = await commits();
    const short = await p.gql(mA, REGISTER_EDU, { input }, { 'Idempotency-Key': 'abc' });
    expect(short.status).toBe(400);
    expect(short.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'Idempotency-Key' }] });
    const two = `mutation($input: RegisterEducatorInput!) { a: registerEducator(input: $input) { id } b: registerEducator(input: $input) { id } }`;
    const both = await p.gql(mA, two, { input }, { 'Idempotency-Key': `k-${Date.now().toString(36)}-two` });
    expect(both.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'Idempotency-Key' }] });
    expect(await commits()).toBe(before);
  });
});
