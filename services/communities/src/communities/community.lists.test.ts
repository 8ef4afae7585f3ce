import { requestAs, users } from '@mms/testing';
import { codeOf, memoryDeps } from '../communities.in-memory';
import type { CommunityCharter } from './community.decider';
import { addMember, approveCommunity, proposeCommunity } from './community.handlers';
import { addMembers, MAX_MEMBERS } from './community.lists';

const group: CommunityCharter = {
  kind: 'WORKING_GROUP',
  level: 'MUNICIPAL',
  name: 'Рабочая группа по функциональной грамотности',
  subject: null,
  direction: 'функциональная грамотность',
  hostOrganizationId: null,
  term: { from: '2026-09-01', to: '2027-05-31' },
  task: 'банк заданий для 5–9 классов',
};
const meth = requestAs(users.methodologist('m1'));

const setup = async () => {
  const t = memoryDeps();
  for (const [educatorId, municipalityId, organizationId] of [
    ['head', 'm1', 'school-1'],
    ['e2', 'm1', 'school-2'],
    ['e3', 'm1', 'school-2'],
    ['far', 'm2', 'school-9'],
  ] as const)
    t.place({ educatorId, municipalityId, organizationId });
  await t.project();
  const c = await proposeCommunity(t.d, meth, group);
  await approveCommunity(t.d, meth, { communityId: c.id, order: { number: '1', date: '2026-09-15', issuer: 'УО' } });
  return { ...t, communityId: c.id };
};

describe('addCommunityMembers (a roster in one commit)', () => {
  it('takes every entry the single command would, answers the others by index, appends one commit', async () => {
    const { d, store, communityId, project, tables } = await setup();
    const before = store.events.length;
    const r = await addMembers(d, meth, {
      communityId,
      members: [
        { educatorId: 'head', role: 'HEAD' },
        { educatorId: 'far', role: 'MEMBER' }, // another municipality
        { educatorId: 'e2', role: 'MEMBER' },
        { educatorId: 'nobody', role: 'MEMBER' }, // unknown educator
        { educatorId: 'e3', role: 'CHIEF' as never }, // bad role
        { educatorId: 'e3', role: 'DEPUTY' },
      ],
    });
    expect(r.refused.map((x) => [x.index, x.error.code, x.error.fields])).toEqual([
      [1, 'NOT_OF_THIS_MUNICIPALITY', ['members.1.educatorId']],
      [3, 'NOT_FOUND', ['members.3.educatorId']],
      [4, 'BAD_USER_INPUT', ['members.4.role']],
    ]);
    expect(Object.keys(r.state.members).sort()).toEqual(['e2', 'e3', 'head']);
    expect(new Set(store.events.slice(before).map((e) => e.streamVersion)).size).toBe(3);
    await project();
    expect(await tables.communities.get(communityId)).toMatchObject({ members: 3, headId: 'head' });
    // The same roster again adds nothing; a single add of a member already in is a no-op too.
    const again = await addMembers(d, meth, { communityId, members: [{ educatorId: 'e2', role: 'MEMBER' }] });
    expect(again.refused).toEqual([]);
    await addMember(d, meth, { communityId, educatorId: 'e2', role: 'MEMBER' });
    expect(store.events.length).toBe(before + 3);
  });

  it('a caller who may not run the community is refused whole, and nothing is written', async () => {
    const { d, store, communityId } = await setup();
    const before = store.events.length;
    const other = requestAs(users.methodologist('m2'));
    expect(await codeOf(addMembers(d, other, { communityId, members: [{ educatorId: 'head', role: 'HEAD' }] }))).toBe('FORBIDDEN');
    expect(await codeOf(addMembers(d, meth, { communityId: 'no-such', members: [{ educatorId: 'head', role: 'HEAD' }] }))).toBe('NOT_FOUND');
    expect(await codeOf(addMembers(d, meth, { communityId, members: [] }))).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: MAX_MEMBERS + 1 }, () => ({ educatorId: 'e2', role: 'MEMBER' as const }));
    expect(await codeOf(addMembers(d, meth, { communityId, members: tooMany }))).toBe('BAD_USER_INPUT');
    // Every entry refused: the call answers the community as it is, with each refusal.
    const none = await addMembers(d, meth, { communityId, members: [{ educatorId: 'far', role: 'MEMBER' }] });
    expect(none.refused.map((x) => x.error.code)).toEqual(['NOT_OF_THIS_MUNICIPALITY']);
    expect(store.events.length).toBe(before);
  });
});
