/**
 * Phases `events`, `registrations`, `attendance`, `certificates` and `feedback`. Each event is
 * published by its organiser (the tenant's methodological service for its own and its
 * communities' events, the host school's coordinator for a site's internship) with its
 * speakers; then, while it has not started, the registrations in the plan's order of arrival
 * (the teacher themselves or their coordinator), the organiser's moderation and the
 * cancellations that promote the first waiting. Once the service's clock has it started, the
 * organiser marks attendance; once it is over, certificates and the attendees' feedback. What
 * the clock does not allow yet (or any more) is a waiting note, not a failure.
 */
import { runPool } from '../../../runner/pool';
import type { MethodEventPlan, RegistrationPlan } from '../communities-plan';
import { SHEET_SIZE } from '../communities-plan/totals';
import { CommunitiesSeedContext, codeOf, coordinator, fail, idempotencyKey, manager, send, settled, tally, teacher, wait } from './context';
import {
  ADD_SPEAKER,
  APPROVE_REGISTRATION,
  CANCEL_REGISTRATION,
  GIVE_FEEDBACK,
  ISSUE_CERTIFICATES,
  MARK_ATTENDANCE_SHEET,
  MethodEventLive,
  PUBLISH_EVENT,
  REGISTER,
  RegistrationLive,
  REJECT_REGISTRATION,
  RefusedEntry,
} from './documents';

type Command = Parameters<typeof send>[1];

/** The organiser's token: the site's host coordinator for a site's event, the tenant's manager otherwise. */
const organiserToken = (ctx: CommunitiesSeedContext, e: MethodEventPlan) => {
  if (e.organiser.kind === 'SITE') {
    const key = e.organiser.siteKey;
    const site = ctx.plan.sites.find((s) => s.key === key)!;
    return coordinator(ctx, site.municipalityId, site.organizationPlanIds[0]!);
  }
  return manager(ctx, e.tenantId);
};

/**
 * An organiser's command right after the publication. A site's host coordinator is recognised as
 * the organiser from the event's read row (its site): just published, it may not be there yet
 * and the service answers FORBIDDEN for a moment; a tenant's manager needs no row.
 */
const asOrganiser = <T>(ctx: CommunitiesSeedContext, e: MethodEventPlan, body: () => Promise<T>): Promise<T> =>
  e.organiser.kind === 'SITE' ? settled(ctx, ['FORBIDDEN'], body, (err) => /organiser/i.test(String(err))) : body();

const organiserIdOf = (ctx: CommunitiesSeedContext, e: MethodEventPlan): string | null | undefined =>
  e.organiser.kind === 'SERVICE'
    ? null
    : e.organiser.kind === 'COMMUNITY'
      ? ctx.out.communityIds[e.organiser.communityKey]
      : ctx.out.siteIds[e.organiser.siteKey];

const publishEvent = async (ctx: CommunitiesSeedContext, e: MethodEventPlan) => {
  const organiserId = organiserIdOf(ctx, e);
  if (organiserId === undefined || (e.organiser.kind === 'SITE' && ctx.siteLive.get(e.organiser.siteKey)?.phase !== 'ACTIVE'))
    return tally(ctx, 'events', 'skipped');
  let command: Command = 'publishMethodEvent';
  const at = { planId: e.key, tenantId: e.tenantId };
  try {
    const token = await organiserToken(ctx, e);
    const input = { ...e.input, organiserKind: e.organiser.kind, organiserId };
    // The organising community or site is read from the service's read model: just made, it may not be there yet.
    let live = (await settled(
      ctx,
      ['NOT_FOUND', 'BAD_USER_INPUT'],
      () =>
        send<MethodEventLive>(ctx, 'publishMethodEvent', PUBLISH_EVENT, { input }, token, e.key, e.tenantId, { idempotencyKey: idempotencyKey(ctx, e.key) }),
      (err) => /organiser|community|site/i.test(String(err)),
    ))!;
    ctx.out.eventIds[e.key] = live.id;
    const fresh = (live.registrations?.length ?? 0) === 0 && live.speakers.length === 0;
    for (const sp of e.speakers) {
      const educatorId = ctx.ids.educators[sp.educatorPlanId];
      if (!educatorId || live.speakers.some((x) => x.educator.id === educatorId)) continue;
      command = 'addMethodEventSpeaker';
      const methodEventId = live.id;
      live = (await asOrganiser(ctx, e, () =>
        send<MethodEventLive>(
          ctx,
          'addMethodEventSpeaker',
          ADD_SPEAKER,
          { methodEventId, educatorId, title: sp.title, summary: sp.summary },
          token,
          e.key,
          e.tenantId,
        ),
      ))!;
    }
    ctx.eventLive.set(e.key, live);
    tally(ctx, 'events', fresh ? 'created' : 'existing');
  } catch (err) {
    if (codeOf(err, 'BAD_USER_INPUT') && /before it ends/.test(String(err))) {
      wait(ctx, { phase: 'events', items: 1, reason: 'the event is over: it can no longer be published (run the plan before its events)' });
      return;
    }
    tally(ctx, 'events', 'failed');
    fail(ctx, { command, phase: 'events', ...at }, err);
  }
};

export const seedEvents = (ctx: CommunitiesSeedContext) => runPool(ctx.plan.events, ctx.concurrency, (e) => publishEvent(ctx, e), ctx.signal);

const byEducator = (live: MethodEventLive) => new Map((live.registrations ?? []).map((r) => [r.educator.id, r]));

/** The registrations of a newer answer, with what the older one knew and the newer may not show yet (a read model behind). */
const mergedRegistrations = (older: MethodEventLive, newer: MethodEventLive): RegistrationLive[] => {
  const merged = byEducator(older);
  for (const r of newer.registrations ?? []) {
    const was = merged.get(r.educator.id);
    merged.set(r.educator.id, { ...r, attended: r.attended || !!was?.attended, certificateNumber: r.certificateNumber ?? was?.certificateNumber ?? null });
  }
  return [...merged.values()];
};

const registrantToken = (ctx: CommunitiesSeedContext, r: RegistrationPlan) =>
  r.by === 'SELF' ? teacher(ctx, r.municipalityId, r.organizationPlanId, r.educatorPlanId) : coordinator(ctx, r.municipalityId, r.organizationPlanId);

/** One event's registrations in order of arrival, then the moderation, then the cancellations: one at a time (one stream). */
const registerFor = async (ctx: CommunitiesSeedContext, e: MethodEventPlan) => {
  const live = ctx.eventLive.get(e.key);
  if (!live) return tally(ctx, 'registrations', 'skipped', e.registrations.length);
  const regs = byEducator(live);
  const at = { planId: e.key, tenantId: e.tenantId };
  const organiser = await organiserToken(ctx, e);
  const idOf = (r: RegistrationPlan) => ctx.ids.educators[r.educatorPlanId];
  const keep = (row: RegistrationLive | null) => row && regs.set(row.educator.id, row);
  let closed = false;
  const planned = e.registrations.filter((r) => idOf(r));
  if (new Date(live.startsAt).getTime() <= ctx.now().getTime() && planned.some((r) => !regs.has(idOf(r)!))) {
    wait(ctx, {
      phase: 'registrations',
      items: planned.filter((r) => !regs.has(idOf(r)!)).length,
      reason: 'registration closed when the event started: a run before the event registers',
    });
    tally(ctx, 'registrations', 'existing', planned.filter((r) => regs.has(idOf(r)!)).length);
    return;
  }
  tally(ctx, 'registrations', 'skipped', e.registrations.length - planned.length);
  for (const [i, r] of planned.entries()) {
    const educatorId = idOf(r)!;
    if (regs.has(educatorId)) {
      tally(ctx, 'registrations', 'existing');
      continue;
    }
    try {
      const variables = { methodEventId: live.id, educatorId: r.by === 'SELF' ? null : educatorId };
      const token = await registrantToken(ctx, r);
      // The service learns the directory's educators from its events: one just registered may not be known yet.
      keep(
        await settled(
          ctx,
          ['NOT_FOUND'],
          () => send<RegistrationLive>(ctx, 'registerForMethodEvent', REGISTER, variables, token, e.key, e.tenantId),
          (err) => /educator/i.test(String(err)),
        ),
      );
      tally(ctx, 'registrations', 'created');
    } catch (err) {
      if (codeOf(err, 'REGISTRATION_CLOSED')) {
        wait(ctx, {
          phase: 'registrations',
          items: planned.length - i,
          reason: 'registration closed when the event started: a run before the event registers',
        });
        closed = true;
        break;
      }
      tally(ctx, 'registrations', 'failed');
      fail(ctx, { command: 'registerForMethodEvent', phase: 'registrations', ...at }, err);
    }
  }
  if (closed) return;
  let command: Command = 'approveMethodEventRegistration';
  try {
    if (e.input.moderated)
      for (const r of planned) {
        const educatorId = idOf(r)!;
        if (regs.get(educatorId)?.status !== 'PENDING') continue;
        command = r.reject ? 'rejectMethodEventRegistration' : 'approveMethodEventRegistration';
        const variables = {
          methodEventId: live.id,
          educatorId,
          ...(r.reject ? { reason: 'Группа набрана из педагогов целевой категории; приглашаем на следующее занятие.' } : {}),
        };
        const cmd = command;
        keep(
          await asOrganiser(ctx, e, () =>
            send<RegistrationLive>(ctx, cmd, r.reject ? REJECT_REGISTRATION : APPROVE_REGISTRATION, variables, organiser, e.key, e.tenantId),
          ),
        );
      }
    command = 'cancelMethodEventRegistration';
    for (const r of planned) {
      const educatorId = idOf(r)!;
      const now = regs.get(educatorId)?.status;
      if (!r.cancel || !now || now === 'CANCELLED' || now === 'REJECTED') continue;
      const variables = { methodEventId: live.id, educatorId: r.by === 'SELF' ? null : educatorId };
      keep(
        await send<RegistrationLive>(ctx, 'cancelMethodEventRegistration', CANCEL_REGISTRATION, variables, await registrantToken(ctx, r), e.key, e.tenantId),
      );
    }
  } catch (err) {
    if (codeOf(err, 'EVENT_STARTED')) wait(ctx, { phase: 'registrations', items: 1, reason: 'the event started before its cancellations' });
    else fail(ctx, { command, phase: 'registrations', ...at }, err);
  }
  live.registrations = [...regs.values()];
};

export const seedRegistrations = (ctx: CommunitiesSeedContext) => runPool(ctx.plan.events, ctx.concurrency, (e) => registerFor(ctx, e), ctx.signal);

/** Who the organiser marks present: the attending registrants and the speakers. */
const presentOf = (ctx: CommunitiesSeedContext, e: MethodEventPlan): string[] =>
  [...e.registrations.filter((r) => r.attends).map((r) => r.educatorPlanId), ...e.speakers.map((s) => s.educatorPlanId)]
    .map((id) => ctx.ids.educators[id])
    .filter((id): id is string => !!id);

const markAttendance = async (ctx: CommunitiesSeedContext, e: MethodEventPlan) => {
  const live = ctx.eventLive.get(e.key);
  const present = presentOf(ctx, e);
  if (!live) return tally(ctx, 'attendance', 'skipped', present.length);
  const regs = byEducator(live);
  if (!present.length) return;
  if (new Date(live.startsAt).getTime() > ctx.now().getTime()) {
    wait(ctx, { phase: 'attendance', items: present.length, reason: 'attendance is marked once the event has started', from: e.input.startsAt });
    return;
  }
  const token = await organiserToken(ctx, e);
  const todo = present.filter((id) => !regs.get(id)?.attended);
  tally(ctx, 'attendance', 'existing', present.length - todo.length);
  // The attendance sheet in one call per SHEET_SIZE lines: each refused line is named by its index.
  for (let from = 0; from < todo.length; from += SHEET_SIZE) {
    const sheet = todo.slice(from, from + SHEET_SIZE);
    try {
      const answer = (await send<{ methodEvent: MethodEventLive; refused: RefusedEntry[] }>(
        ctx,
        'markMethodEventAttendanceSheet',
        MARK_ATTENDANCE_SHEET,
        { methodEventId: live.id, entries: sheet.map((educatorId) => ({ educatorId, present: true })) },
        token,
        e.key,
        e.tenantId,
      ))!;
      // The event's registrations list comes from a read model that may lag the sheet: what was taken is known here.
      const refusedHere = new Set(answer.refused.map((r) => r.index));
      sheet.forEach((educatorId, k) => {
        if (refusedHere.has(k)) return;
        const reg = regs.get(educatorId);
        regs.set(
          educatorId,
          reg ? { ...reg, attended: true } : { educator: { id: educatorId }, status: 'CONFIRMED', seq: 0, attended: true, certificateNumber: null },
        );
      });
      live.registrations = [...regs.values()];
      const early = answer.refused.filter((r) => r.error.code === 'EVENT_NOT_STARTED');
      if (early.length)
        wait(ctx, { phase: 'attendance', items: early.length, reason: 'attendance is marked once the event has started', from: e.input.startsAt });
      const failed = answer.refused.filter((r) => r.error.code !== 'EVENT_NOT_STARTED');
      for (const r of failed)
        fail(
          ctx,
          { command: 'markMethodEventAttendanceSheet', phase: 'attendance', planId: e.key, tenantId: e.tenantId },
          new Error(`${sheet[r.index]}: ${r.error.code} ${r.error.message}`),
        );
      tally(ctx, 'attendance', 'failed', failed.length);
      tally(ctx, 'attendance', 'created', sheet.length - answer.refused.length);
    } catch (err) {
      tally(ctx, 'attendance', 'failed', sheet.length);
      fail(ctx, { command: 'markMethodEventAttendanceSheet', phase: 'attendance', planId: e.key, tenantId: e.tenantId }, err);
    }
  }
};

export const seedAttendance = (ctx: CommunitiesSeedContext) => runPool(ctx.plan.events, ctx.concurrency, (e) => markAttendance(ctx, e), ctx.signal);

const issueCertificates = async (ctx: CommunitiesSeedContext, e: MethodEventPlan) => {
  const live = ctx.eventLive.get(e.key);
  const present = presentOf(ctx, e);
  if (!present.length) return;
  if (!live) return tally(ctx, 'certificates', 'skipped');
  const regs = byEducator(live);
  const attendedNow = present.filter((id) => regs.get(id)?.attended);
  if (!attendedNow.length) return; // nothing marked yet: the attendance phase said why
  if (attendedNow.every((id) => regs.get(id)?.certificateNumber)) return tally(ctx, 'certificates', 'existing');
  if (new Date(live.endsAt).getTime() > ctx.now().getTime())
    return wait(ctx, { phase: 'certificates', items: 1, reason: 'certificates are issued after the event', from: e.input.endsAt });
  try {
    const after = await send<MethodEventLive>(
      ctx,
      'issueMethodEventCertificates',
      ISSUE_CERTIFICATES,
      { methodEventId: live.id, hours: e.hours },
      await organiserToken(ctx, e),
      e.key,
      e.tenantId,
    );
    // The answer's registrations come from a read model that may not show the attendance sheet yet: what is known here stays.
    if (after) ctx.eventLive.set(e.key, { ...after, registrations: mergedRegistrations(live, after) });
    tally(ctx, 'certificates', 'created');
  } catch (err) {
    if (codeOf(err, 'EVENT_NOT_OVER')) wait(ctx, { phase: 'certificates', items: 1, reason: 'certificates are issued after the event', from: e.input.endsAt });
    else {
      tally(ctx, 'certificates', 'failed');
      fail(ctx, { command: 'issueMethodEventCertificates', phase: 'certificates', planId: e.key, tenantId: e.tenantId }, err);
    }
  }
};

export const seedCertificates = (ctx: CommunitiesSeedContext) => runPool(ctx.plan.events, ctx.concurrency, (e) => issueCertificates(ctx, e), ctx.signal);

const giveFeedback = async (ctx: CommunitiesSeedContext, e: MethodEventPlan) => {
  const live = ctx.eventLive.get(e.key);
  const planned = e.registrations.filter((r) => r.feedback && ctx.ids.educators[r.educatorPlanId]);
  if (!planned.length) return;
  if (!live) return tally(ctx, 'feedback', 'skipped', planned.length);
  // The organiser sees how many rated, not who: an event with every planned rating in needs nothing.
  if (live.ratings >= planned.length) return tally(ctx, 'feedback', 'existing', planned.length);
  const regs = byEducator(live);
  if (new Date(live.endsAt).getTime() > ctx.now().getTime())
    return wait(ctx, { phase: 'feedback', items: planned.length, reason: 'feedback opens when the event is over', from: e.input.endsAt });
  for (const [i, r] of planned.entries()) {
    if (!regs.get(ctx.ids.educators[r.educatorPlanId]!)?.attended) continue; // not marked present (yet)
    try {
      await send(
        ctx,
        'giveMethodEventFeedback',
        GIVE_FEEDBACK,
        { methodEventId: live.id, rating: r.feedback!.rating, comment: r.feedback!.comment },
        await teacher(ctx, r.municipalityId, r.organizationPlanId, r.educatorPlanId),
        e.key,
        e.tenantId,
      );
      tally(ctx, 'feedback', 'created');
    } catch (err) {
      if (codeOf(err, 'EVENT_NOT_OVER')) {
        wait(ctx, { phase: 'feedback', items: planned.length - i, reason: 'feedback opens when the event is over', from: e.input.endsAt });
        break;
      }
      tally(ctx, 'feedback', 'failed');
      fail(ctx, { command: 'giveMethodEventFeedback', phase: 'feedback', planId: e.key, tenantId: e.tenantId }, err);
    }
  }
};

export const seedFeedback = (ctx: CommunitiesSeedContext) => runPool(ctx.plan.events, ctx.concurrency, (e) => giveFeedback(ctx, e), ctx.signal);
