import type { StreamInfo } from '@mms/eventsourcing/core';
import { methodEventDecider, MethodEventState } from '../../../../../services/communities/src/method-events/method-event.decider';
import { missingFromCard } from '../../../../../services/communities/src/sites/site.decider';
import { buildRegionPlan, planEducators, RegionPlan } from '../../region/region-model';
import { buildCommunitiesPlan, CommunitiesPlan, MethodEventPlan, REGION } from './communities-plan';

const AS_OF = '2026-12-06';

/**
 * One event's registrations through the service's own decider, in the order the seeder sends
 * them: every registration, then the organiser's moderation, then the cancellations. Answers
 * each registrant's final status.
 */
const throughTheService = (e: MethodEventPlan, eventTenant: string) => {
  const stream: StreamInfo = { tenantId: eventTenant, streamId: `methodEvent-${e.key}`, version: 0 };
  const methodEventId = e.key;
  const now = '2026-12-06T05:00:00.000Z';
  let s: MethodEventState = methodEventDecider.initialState();
  const apply = (c: Parameters<typeof methodEventDecider.decide>[0]) => {
    for (const ev of methodEventDecider.decide(c, s, stream)) s = methodEventDecider.evolve(s, ev);
  };
  apply({
    methodEventId,
    type: 'PublishMethodEvent',
    checkInCode: 'CODE',
    now,
    plan: {
      kind: e.input.kind,
      title: e.input.title,
      organiser:
        e.organiser.kind === 'SERVICE'
          ? { kind: 'SERVICE', id: eventTenant }
          : e.organiser.kind === 'COMMUNITY'
            ? { kind: 'COMMUNITY', id: e.organiser.communityKey }
            : { kind: 'SITE', id: e.organiser.siteKey },
      level: e.input.level,
      startsAt: `${e.input.startsAt}:00.000Z`,
      endsAt: `${e.input.endsAt}:00.000Z`,
      place: e.input.place,
      onlineUrl: e.input.onlineUrl,
      audience: { subjects: e.input.subjects, positions: e.input.positions },
      capacity: e.input.capacity,
      moderated: e.input.moderated,
    },
  });
  for (const r of e.registrations)
    apply({ methodEventId, type: 'Register', educatorId: r.educatorPlanId, educatorMunicipalityId: r.municipalityId, by: r.by, now });
  if (e.input.moderated)
    for (const r of e.registrations)
      if (s.registrations[r.educatorPlanId]!.status === 'PENDING')
        apply(
          r.reject
            ? { methodEventId, type: 'RejectRegistration', educatorId: r.educatorPlanId, reason: 'набрана' }
            : { methodEventId, type: 'ApproveRegistration', educatorId: r.educatorPlanId },
        );
  for (const r of e.registrations)
    if (r.cancel && ['CONFIRMED', 'WAITLISTED'].includes(s.registrations[r.educatorPlanId]!.status))
      apply({ methodEventId, type: 'CancelRegistration', educatorId: r.educatorPlanId, by: r.by, now });
  return e.registrations.map((r) => s.registrations[r.educatorPlanId]!.status);
};

describe('communities plan', () => {
  let region: RegionPlan;
  let plan: CommunitiesPlan;
  let full: CommunitiesPlan;
  beforeAll(() => {
    region = buildRegionPlan({ seed: 42, scale: 0.05, asOf: AS_OF });
    plan = buildCommunitiesPlan(region);
    full = buildCommunitiesPlan(buildRegionPlan({ seed: 42, scale: 1, asOf: AS_OF }));
  });

  describe('determinism and size', () => {
    it('builds the same plan, byte for byte, from the same region; another from another seed', () => {
      expect(JSON.stringify(buildCommunitiesPlan(buildRegionPlan({ seed: 42, scale: 0.05, asOf: AS_OF })))).toBe(JSON.stringify(plan));
      const other = buildCommunitiesPlan(buildRegionPlan({ seed: 43, scale: 0.05, asOf: AS_OF }));
      expect(JSON.stringify(other.events.slice(0, 5))).not.toBe(JSON.stringify(plan.events.slice(0, 5)));
    });

    it('moves its calendar with asOf; the plan tag names the seed, scale and asOf', () => {
      const later = buildCommunitiesPlan(buildRegionPlan({ seed: 42, scale: 0.05, asOf: '2026-12-09' }));
      expect(plan.calendar).toEqual({ from: '2026-12-07', to: '2027-12-06' });
      expect(later.calendar.from).toBe('2026-12-10');
      expect(later.academicYear).toBe('2026/2027');
      expect(later.planTag).not.toBe(plan.planTag);
    });

    it('at scale 1: a ШМО in every school, РМО in every municipality, thousands of members, hundreds of events, ~20,000 registrations', () => {
      const t = full.totals;
      const fullRegion = buildRegionPlan({ seed: 42, scale: 1, asOf: AS_OF });
      const schools = fullRegion.municipalities.flatMap((m) => m.organizations.filter((o) => o.input.kind === 'SCHOOL' && o.educators.length > 0));
      expect(new Set(full.communities.filter((c) => c.input.kind === 'SCHOOL_ASSOCIATION').map((c) => c.hostOrganizationPlanId))).toEqual(
        new Set(schools.map((o) => o.id)),
      );
      for (const m of fullRegion.municipalities)
        expect([m.id, full.communities.some((c) => c.tenantId === m.id && c.input.kind === 'MUNICIPAL_ASSOCIATION')]).toEqual([m.id, true]);
      expect(t.communities.total).toBeGreaterThan(3_000);
      expect(t.communities.WORKING_GROUP).toBeGreaterThanOrEqual(61);
      expect(t.communities.members).toBeGreaterThan(30_000);
      expect(t.sites.calls).toBe(61);
      expect(t.sites.granted).toBeGreaterThan(100);
      expect(t.sites.base).toBeGreaterThan(40);
      expect(t.sites.declined).toBeGreaterThan(0);
      expect(t.sites.returned).toBeGreaterThan(0);
      expect(t.events.total).toBeGreaterThan(800);
      expect(t.events.INTERNSHIP).toBe(t.sites.base);
      expect(t.registrations.total).toBeGreaterThan(15_000);
      expect(t.registrations.WAITLISTED).toBeGreaterThan(100);
      expect(t.registrations.promoted).toBeGreaterThan(100);
      expect(t.registrations.attended).toBeGreaterThan(10_000);
      expect(t.registrations.feedback).toBeGreaterThan(5_000);
      expect(t.commandsTotal).toBe(Object.values(t.commands).reduce((a, b) => a + b, 0));
      // Smaller scales in proportion.
      expect(plan.totals.registrations.total).toBeGreaterThan(t.registrations.total * 0.02);
      expect(plan.totals.registrations.total).toBeLessThan(t.registrations.total * 0.1);
    });
  });

  describe('communities', () => {
    it('names are unique per tenant; members are the region’s educators, once each, the head first; ШМО of their school', () => {
      const educators = new Map([...planEducators(region)].map((e) => [e.id, e]));
      const names = new Set<string>();
      for (const c of plan.communities) {
        const name = `${c.tenantId}|${c.input.name}`;
        expect(names.has(name)).toBe(false);
        names.add(name);
        expect(c.members[0]!.role).toBe('HEAD');
        expect(c.members.filter((m) => m.role === 'HEAD')).toHaveLength(1);
        expect(new Set(c.members.map((m) => m.educatorPlanId)).size).toBe(c.members.length);
        for (const m of c.members) expect(educators.has(m.educatorPlanId)).toBe(true);
        if (c.input.kind === 'SCHOOL_ASSOCIATION') {
          const school = region.municipalities.flatMap((m) => m.organizations).find((o) => o.id === c.hostOrganizationPlanId)!;
          for (const m of c.members) expect(school.educators.some((e) => e.id === m.educatorPlanId)).toBe(true);
          expect(c.runBy).toBe('COORDINATOR');
        }
        if (c.tenantId !== REGION) for (const m of c.members) expect(m.municipalityId).toBe(c.tenantId);
        expect(c.order.date <= AS_OF).toBe(true);
        for (const t of c.tasks) {
          expect(t.dueOn > AS_OF).toBe(true);
          expect(c.members.some((m) => m.educatorPlanId === t.ownerPlanId)).toBe(true);
        }
      }
      expect(plan.communities.filter((c) => c.input.kind === 'WORKING_GROUP').every((c) => c.tasks.length >= 3 && c.input.term && c.input.task)).toBe(true);
    });
  });

  describe('sites', () => {
    it('an application is returned exactly when its card lacks what the service checks, and resubmitted complete', () => {
      for (const s of [...plan.sites, ...full.sites]) {
        expect(missingFromCard(s.card as never).length > 0).toBe(s.returned);
        expect(missingFromCard(s.completeCard as never)).toEqual([]);
      }
    });

    it('applications come in their call’s open window around asOf; granted ones have an order, a term and a report due within it', () => {
      const calls = new Map(plan.siteCalls.map((c) => [c.key, c]));
      for (const s of plan.sites) {
        const call = calls.get(s.callKey)!;
        expect(call.input.from <= AS_OF && AS_OF <= call.input.to).toBe(true);
        expect(call.input.statuses).toContain(s.input.status);
        expect(call.input.level).toBe(s.input.level);
        if (s.outcome === 'GRANTED') {
          expect(s.order?.date).toBe(AS_OF);
          expect(s.term!.from <= s.report!.dueOn && s.report!.dueOn <= s.term!.to).toBe(true);
          expect(s.report!.submitOn >= AS_OF && s.report!.submitOn <= s.report!.dueOn).toBe(true);
        } else expect([s.order, s.report, s.opinion.recommendation]).toEqual([null, null, 'DECLINE']);
      }
    });
  });

  describe('events', () => {
    it('every event lies in the year after asOf and ends after it starts; registrants are of the event’s municipality; speakers do not register', () => {
      for (const e of [...plan.events, ...full.events]) {
        // Both plans are of the same asOf: the same calendar.
        expect(e.input.startsAt.slice(0, 10) >= full.calendar.from && e.input.startsAt.slice(0, 10) <= full.calendar.to).toBe(true);
        expect(e.input.startsAt < e.input.endsAt).toBe(true);
        expect(['07', '08']).not.toContain(e.input.startsAt.slice(5, 7));
        const speakers = new Set(e.speakers.map((s) => s.educatorPlanId));
        const registrants = e.registrations.map((r) => r.educatorPlanId);
        expect(new Set(registrants).size).toBe(registrants.length);
        for (const r of e.registrations) {
          expect(speakers.has(r.educatorPlanId)).toBe(false);
          if (e.tenantId !== REGION) expect(r.municipalityId).toBe(e.tenantId);
          if (r.attends) expect(r.target).toBe('CONFIRMED');
          if (r.feedback) expect(r.attends).toBe(true);
        }
      }
    });

    it('the service’s decider puts every registration where the plan says: seats, waitlist order, promotions, moderation', () => {
      let waitlisted = 0;
      for (const e of plan.events) {
        const statuses = throughTheService(e, e.tenantId);
        expect([e.key, statuses]).toEqual([e.key, e.registrations.map((r) => r.target)]);
        waitlisted += statuses.filter((s) => s === 'WAITLISTED').length;
      }
      expect(waitlisted).toBe(plan.totals.registrations.WAITLISTED);
      expect(plan.totals.registrations.promoted).toBeGreaterThan(0);
      expect(plan.totals.registrations.REJECTED).toBeGreaterThan(0);
    });
  });
});
