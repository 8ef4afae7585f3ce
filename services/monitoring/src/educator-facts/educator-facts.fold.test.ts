import type { EventEnvelope } from '@mms/eventsourcing/core';
import { envelope } from '@mms/testing';
import { FactsState, foldEducatorEvents, sameData, schoolMembers } from './educator-facts.rows';

const at = (tenantId: string, streamId: string, streamVersion: number, type: string, data: object): EventEnvelope =>
  envelope({ type, data }, { tenantId, streamId, streamVersion });
const profile = { position: 'учитель', subjects: ['математика'], careerStartDate: '2015-09-01', qualificationCategory: 'FIRST' };
const registered = at('m1', 'educator-e1', 1, 'directory.EducatorRegistered', {
  educatorId: 'e1',
  municipalityId: 'm1',
  organizationId: 'o1',
  ...profile,
});
const moved = at('m1', 'educator-e1', 2, 'directory.EducatorMoved', {
  educatorId: 'e1',
  municipalityId: 'm1',
  fromOrganizationId: 'o1',
  toOrganizationId: 'o2',
});
const deficits = (v: number, open: string[]) => at('m1', 'development-e1', v, 'pd.DeficitsChanged', { educatorId: 'e1', municipalityId: 'm1', open });
const route = (v: number) =>
  at('m1', 'development-e1', v, 'pd.RouteChanged', { educatorId: 'e1', municipalityId: 'm1', status: 'APPROVED', items: 1, done: 0 });
const nothing: FactsState = { facts: undefined, seen: {}, previousOrganizationId: null };

describe('folding one educator’s batch of events', () => {
  it('applies the batch in order, remembers each source’s version and the school left behind', () => {
    const out = foldEducatorEvents(nothing, [registered, moved, deficits(1, ['DIGITAL'])]);
    expect(out).toMatchObject({ changed: true, previousOrganizationId: 'o1', facts: { organizationId: 'o2', openDeficits: ['DIGITAL'] } });
    expect(Object.values(out.seen).sort()).toEqual([1, 1, 2]);
    expect([...out.schools].sort()).toEqual(['o1', 'o2']);
  });

  it('a redelivered batch changes nothing but still names the current and previous school (a crash may have cut the refresh)', () => {
    const once = foldEducatorEvents(nothing, [registered, moved]);
    const again = foldEducatorEvents(once, [registered, moved]);
    expect(again).toMatchObject({ changed: false, facts: once.facts, seen: once.seen, previousOrganizationId: 'o1' });
    expect([...again.schools].sort()).toEqual(['o1', 'o2']);
  });

  it('one internal event announced as two public ones (equal versions) applies both', () => {
    const out = foldEducatorEvents(nothing, [registered, deficits(3, ['METHODICAL']), route(3)]);
    expect(out.facts).toMatchObject({ openDeficits: ['METHODICAL'], routeStatus: 'APPROVED' });
  });

  it('a change that leaves the facts equal refreshes no school', () => {
    const once = foldEducatorEvents(nothing, [registered, deficits(1, ['DIGITAL'])]);
    const same = foldEducatorEvents(once, [deficits(2, ['DIGITAL'])]);
    expect(same).toMatchObject({ changed: true, schools: [] });
  });

  it('a school lists its active, placed educators sorted by id', () => {
    const f = (educatorId: string, over: object = {}) => ({
      educatorId,
      municipalityId: 'm1',
      organizationId: 'o1',
      active: true,
      trainings: [],
      openDeficits: [],
      activeMentorshipIds: [],
      ...over,
    });
    expect(schoolMembers([f('b'), f('c', { active: false }), f('a'), { ...f('d'), municipalityId: undefined }]).map((x) => x.educatorId)).toEqual(['a', 'b']);
  });

  it('compares plain data by content, whatever the key order', () => {
    expect(sameData({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(sameData(undefined, { a: 1 })).toBe(false);
  });
});
