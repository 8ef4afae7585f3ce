import { waitFor } from '@mms/testing/infra';
import { ok, Platform, startPlatform } from '../platform-harness';

/**
 * Read-your-writes through the gateway (issue 13): a mutation's answer says where its commands
 * left their streams (`x-mms-positions`); a query sent right after with those positions
 * (`x-mms-after`) waits, bounded, until the service's read models have them, so a list read
 * at once shows the change. Each service reads only its own positions; a position that never
 * comes costs the query its bound (READ_AFTER_MAX_WAIT_MS), never an error.
 */
const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const ORGS = `query { organizations(first: 100) { nodes { id } } }`;
const REGISTER_EDU = `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id } }`;
const EDUCATORS = `query($org: ID!) { educators(filter: { organizationId: $org }, first: 100) { nodes { id } } }`;
const PROPOSE = `mutation($input: CommunityInput!) { proposeCommunity(input: $input) { id status } }`;
const APPROVE = `mutation($id: ID!) { approveCommunity(communityId: $id, order: { number: "7-од", date: "2026-09-01", issuer: "Управление образования" }) { status } }`;
const COMMUNITIES = `query($m: ID) { communities(filter: { municipalityId: $m }) { id status } }`;

const REGISTER_LIST = `mutation($input: [RegisterEducatorInput!]!) { registerEducators(input: $input) { educator { id } } }`;
const POSITIONS = 'x-mms-positions';
const AFTER = 'x-mms-after';

describe('read-your-writes: a query waits for the positions of its client’s own changes (directory + communities, via the gateway)', () => {
  let p: Platform;
  const stamp = Date.now().toString(36);
  const M = `m-ryw-${stamp}`;
  const MAX_WAIT_MS = 2000;

  beforeAll(async () => {
    p = await startPlatform('ryw', ['directory', 'communities'], { serviceEnv: { READ_AFTER_MAX_WAIT_MS: String(MAX_WAIT_MS) } });
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('every change is in the list read right after it, with the positions its answer gave', async () => {
    const ro = await p.token('regional_operator');
    const onboarded = await p.gql(ro, ONBOARD, { input: { id: M, name: 'Округ чтения своих записей', oktmo: '04705000' } });
    ok(onboarded);
    expect(onboarded.headers.get(POSITIONS)).toMatch(/^directory~[A-Za-z0-9_-]+~1$/);
    const meth = await p.token('municipal_methodologist', { municipality: M });
    // The gateway checks the token's municipality against the directory's read model: the first call may come too early.
    const first = await waitFor(async () => {
      const r = await p.gql<any>(meth, REGISTER_ORG, { input: { name: 'Школа № 0', kind: 'SCHOOL' } });
      return r.body.data?.registerOrganization?.id ? r : null;
    });
    const school = first.body.data.registerOrganization.id as string;

    // Ten schools and ten educators, each read back at once through a list that a projection serves.
    for (let i = 1; i <= 10; i++) {
      const made = await p.gql<any>(meth, REGISTER_ORG, { input: { name: `Школа № ${i}`, kind: 'SCHOOL' } });
      const id = ok<any>(made).registerOrganization.id as string;
      const positions = made.headers.get(POSITIONS)!;
      expect(positions).toContain('directory~');
      const listed = ok<any>(await p.gql(meth, ORGS, {}, { [AFTER]: positions })).organizations.nodes.map((n: any) => n.id);
      expect(listed).toContain(id);

      const hired = await p.gql<any>(meth, REGISTER_EDU, {
        input: { organizationId: school, fullName: `Петрова Анна ${i}`, position: 'учитель', subjects: ['математика'], careerStartDate: '2015-09-01' },
      });
      const educator = ok<any>(hired).registerEducator.id as string;
      const staff = ok<any>(await p.gql(meth, EDUCATORS, { org: school }, { [AFTER]: hired.headers.get(POSITIONS)! })).educators.nodes.map((n: any) => n.id);
      expect(staff).toContain(educator);
    }

    // A staff list of 60 in one call: its answer names the last 32 streams written (a header with all of them grew past
    // what HTTP clients take for a large list), and a read after them shows the last educator of the list.
    const staff = Array.from({ length: 60 }, (_, i) => ({
      organizationId: school,
      fullName: `Списочная Анна ${i}`,
      position: 'учитель',
      subjects: ['математика'],
      careerStartDate: '2015-09-01',
    }));
    const listed = await p.gql<any>(meth, REGISTER_LIST, { input: staff });
    const out = ok<any>(listed).registerEducators as Array<{ educator: { id: string } }>;
    const named = listed.headers.get(POSITIONS)!.split(',');
    expect(named).toHaveLength(32);
    expect(named.every((x) => x.startsWith('directory~'))).toBe(true);
    const afterList = ok<any>(await p.gql(meth, EDUCATORS, { org: school }, { [AFTER]: listed.headers.get(POSITIONS)! })).educators.nodes.map((n: any) => n.id);
    expect(afterList).toContain(out[59]!.educator.id);

    // Another service: a community proposed, then approved; the register read at once shows each step.
    const proposed = await p.gql<any>(meth, PROPOSE, {
      input: {
        kind: 'CREATIVE_LAB',
        level: 'MUNICIPAL',
        name: 'Творческая лаборатория',
        direction: 'проектное обучение',
        term: { from: '2026-09-01', to: '2027-05-31' },
        task: 'кейсы',
      },
    });
    const community = ok<any>(proposed).proposeCommunity.id as string;
    expect(proposed.headers.get(POSITIONS)).toMatch(/^communities~/);
    const afterProposal = ok<any>(await p.gql(meth, COMMUNITIES, { m: M }, { [AFTER]: proposed.headers.get(POSITIONS)! })).communities;
    expect(afterProposal.find((c: any) => c.id === community)?.status).toBe('PROPOSED');
    const approved = await p.gql<any>(meth, APPROVE, { id: community });
    ok(approved);
    const afterApproval = ok<any>(await p.gql(meth, COMMUNITIES, { m: M }, { [AFTER]: approved.headers.get(POSITIONS)! })).communities;
    expect(afterApproval.find((c: any) => c.id === community)?.status).toBe('APPROVED');
  });

  it('a position that never comes costs a query its bound, not an error; another service’s position and garbage cost nothing', async () => {
    const ro = await p.token('regional_operator');
    const never = `communities~${Buffer.from('community-that-never-was').toString('base64url')}~5`;
    const t0 = performance.now();
    const waited = await p.gql(null, COMMUNITIES, { m: M }, { [AFTER]: never });
    const waitedMs = performance.now() - t0;
    expect(waited.status).toBe(200);
    expect(Array.isArray(ok<any>(waited).communities)).toBe(true);
    expect(waitedMs).toBeGreaterThanOrEqual(MAX_WAIT_MS * 0.9);
    // Waited out once, it is not waited for again (after a restart a client's old positions would cost every query).
    const t2 = performance.now();
    ok(await p.gql(null, COMMUNITIES, { m: M }, { [AFTER]: never }));
    expect(performance.now() - t2).toBeLessThan(MAX_WAIT_MS * 0.9);

    // The directory does not wait for the communities' position, nor for entries it cannot read.
    const t1 = performance.now();
    const unaffected = await p.gql(ro, ORGS, {}, { [AFTER]: `${never},directory~!!~3,nonsense` });
    expect(ok<any>(unaffected).organizations.nodes.length).toBeGreaterThan(0);
    expect(performance.now() - t1).toBeLessThan(MAX_WAIT_MS * 0.9);
    // A query answer carries no positions (nothing was appended).
    expect(unaffected.headers.get(POSITIONS)).toBeNull();
  });
});
