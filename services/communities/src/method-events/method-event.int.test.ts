import { MongoEventStore } from '@mms/eventsourcing';
import { CommandContext, CommandHandler, ConcurrencyError } from '@mms/eventsourcing/core';
import { testDatabase } from '@mms/testing/infra';
import { MethodEventCommand, methodEventDecider, MethodEventPlan } from './method-event.decider';
import { confirmedCount, waitlist } from './seats';

/**
 * Seats under concurrency on the real event store (the MongoDB-compatible server): every
 * registration races for the same stream version; the store takes one commit per version and
 * the losers decide again on the fresh state, so a seat is never sold twice and the waitlist
 * keeps one place per arrival.
 */
describe('methodological event seats (real event store)', () => {
  let t: Awaited<ReturnType<typeof testDatabase>>;
  let commands: CommandHandler;
  const ctx = (subject: string): Omit<CommandContext, 'tenantId'> & { tenantId: string } => ({
    tenantId: 'm1',
    actor: { subject, role: 'teacher' },
    correlationId: subject,
  });
  const plan: MethodEventPlan = {
    kind: 'MASTER_CLASS',
    title: 'Мастер-класс: проектные задачи',
    organiser: { kind: 'SERVICE', id: 'm1' },
    level: 'MUNICIPAL',
    startsAt: '2099-11-10T07:00:00.000Z',
    endsAt: '2099-11-10T09:00:00.000Z',
    place: 'ИМЦ, ауд. 12',
    onlineUrl: null,
    audience: { subjects: [], positions: [] },
    capacity: 5,
    moderated: false,
  };
  const NOW = '2099-11-01T00:00:00.000Z';
  const stream = 'methodEvent-ev1';
  const run = (c: MethodEventCommand, who: string) => commands.handle(methodEventDecider, stream, c, ctx(who));

  beforeAll(async () => {
    t = await testDatabase('communities_seats');
    const store = new MongoEventStore(t.db);
    await store.ensureIndexes();
    // Enough retries for 20 writers on one stream: each conflict re-decides on the fresh state.
    commands = new CommandHandler(store, { retries: 40 });
    await run({ methodEventId: 'ev1', type: 'PublishMethodEvent', plan, checkInCode: 'K7M2QX', now: NOW }, 'organiser');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('20 teachers register at once for 5 seats: 5 seated, 15 waiting, one place each', async () => {
    const teachers = Array.from({ length: 20 }, (_, i) => `e${String(i + 1).padStart(2, '0')}`);
    await Promise.all(teachers.map((e) => run({ methodEventId: 'ev1', type: 'Register', educatorId: e, educatorMunicipalityId: 'm1', by: e, now: NOW }, e)));
    const { state } = await commands.load(methodEventDecider, { tenantId: 'm1' }, stream);
    const regs = Object.values(state.registrations);
    expect(regs).toHaveLength(20);
    expect(confirmedCount(state.registrations)).toBe(5);
    expect(waitlist(state.registrations)).toHaveLength(15);
    expect(regs.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // The first five to arrive hold the seats.
    expect(
      regs
        .filter((r) => r.status === 'CONFIRMED')
        .map((r) => r.seq)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5]);
  });

  it('3 seated teachers cancel at once: the first 3 waiting move up, in order, and no seat is free while someone waits', async () => {
    const { state: before } = await commands.load(methodEventDecider, { tenantId: 'm1' }, stream);
    const seated = Object.values(before.registrations).filter((r) => r.status === 'CONFIRMED');
    const nextThree = waitlist(before.registrations)
      .slice(0, 3)
      .map((r) => r.educatorId);
    await Promise.all(
      seated
        .slice(0, 3)
        .map((r) => run({ methodEventId: 'ev1', type: 'CancelRegistration', educatorId: r.educatorId, by: r.educatorId, now: NOW }, r.educatorId)),
    );
    const { state } = await commands.load(methodEventDecider, { tenantId: 'm1' }, stream);
    expect(confirmedCount(state.registrations)).toBe(5);
    expect(nextThree.every((e) => state.registrations[e]!.status === 'CONFIRMED')).toBe(true);
    expect(waitlist(state.registrations)).toHaveLength(12);
  });

  it('a writer that loses every race gets a conflict, not a double seat', async () => {
    const impatient = new CommandHandler(new MongoEventStore(t.db), { retries: 0 });
    const results = await Promise.allSettled(
      ['x1', 'x2', 'x3', 'x4'].map((e) =>
        impatient.handle(
          methodEventDecider,
          stream,
          { methodEventId: 'ev1', type: 'Register', educatorId: e, educatorMunicipalityId: 'm1', by: e, now: NOW },
          ctx(e),
        ),
      ),
    );
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
    const { state } = await commands.load(methodEventDecider, { tenantId: 'm1' }, stream);
    const fulfilled = results.filter((r) => r.status === 'fulfilled').length;
    expect(Object.keys(state.registrations).filter((e) => e.startsWith('x'))).toHaveLength(fulfilled);
    expect(confirmedCount(state.registrations)).toBe(5);
  });
});
