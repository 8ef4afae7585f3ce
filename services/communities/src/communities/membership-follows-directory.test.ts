import { DirectoryContracts as D } from '@mms/contracts/events';
import { envelope, requestAs, users } from '@mms/testing';
import { memoryDeps } from '../communities.in-memory';
import type { CommunityCharter } from './community.decider';
import { addMember, proposeCommunity } from './community.handlers';
import { followDirectory } from './membership-follows-directory';

const meth = requestAs(users.methodologist('m1'));
const base: CommunityCharter = {
  kind: 'MUNICIPAL_ASSOCIATION',
  level: 'MUNICIPAL',
  name: 'РМО учителей математики',
  subject: 'математика',
  direction: null,
  hostOrganizationId: null,
  term: null,
  task: null,
};
const directory = (type: string, data: object) =>
  envelope({ type, data }, { tenantId: 'm1', streamId: 'educator-a', streamVersion: 5, streamType: 'educator' });

const setup = async () => {
  const t = memoryDeps();
  t.place({ educatorId: 'a', municipalityId: 'm1', organizationId: 'school-1' });
  await t.project();
  const shmo = await proposeCommunity(t.d, requestAs(users.coordinator('m1', 'school-1')), {
    ...base,
    kind: 'SCHOOL_ASSOCIATION',
    level: 'SCHOOL',
    name: 'ШМО',
    hostOrganizationId: 'school-1',
  });
  const rmo = await proposeCommunity(t.d, meth, base);
  const regional = await proposeCommunity(t.d, requestAs(users.operator()), {
    ...base,
    kind: 'EXPERT_COMMUNITY',
    level: 'REGIONAL',
    name: 'Региональное сообщество',
  });
  for (const c of [shmo, rmo]) await addMember(t.d, meth, { communityId: c.id, educatorId: 'a', role: 'MEMBER' });
  await addMember(t.d, requestAs(users.operator()), { communityId: regional.id, educatorId: 'a', role: 'MEMBER' });
  await t.project();
  const current = async () =>
    (await t.tables.memberships.find({ educatorId: 'a' }))
      .filter((m: { leftOn: string | null }) => m.leftOn === null)
      .map((m: { communityId: string }) => m.communityId)
      .sort();
  return { ...t, shmo, rmo, regional, current };
};

describe('membership follows the directory', () => {
  it('a move to another school leaves that school’s association only, once', async () => {
    const t = await setup();
    const moved = directory(D.EducatorMoved.type, { educatorId: 'a', municipalityId: 'm1', fromOrganizationId: 'school-1', toOrganizationId: 'school-2' });
    expect(await followDirectory(t.d, moved)).toBe(1);
    await t.project();
    expect(await t.current()).toEqual([t.rmo.id, t.regional.id].sort());
    const left = (await t.tables.memberships.get(`${t.shmo.id}~a`)) as { leftReason: string };
    expect(left.leftReason).toBe('MOVED_SCHOOL');
    // Redelivered: nothing more.
    expect(await followDirectory(t.d, moved)).toBe(0);
  });

  it('a move to another municipality keeps the regional community; leaving the service leaves all', async () => {
    const t = await setup();
    await followDirectory(t.d, directory(D.EducatorLeftMunicipality.type, { educatorId: 'a', municipalityId: 'm1', toMunicipalityId: 'm2' }));
    await t.project();
    expect(await t.current()).toEqual([t.regional.id]);
    await followDirectory(t.d, directory(D.EducatorLeft.type, { educatorId: 'a', municipalityId: 'm2' }));
    await t.project();
    expect(await t.current()).toEqual([]);
  });

  it('other directory events change nothing', async () => {
    const t = await setup();
    expect(await followDirectory(t.d, directory(D.EducatorChanged.type, { educatorId: 'a', municipalityId: 'm1', position: 'завуч' }))).toBe(0);
  });
});
