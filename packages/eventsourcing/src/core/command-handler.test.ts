import { InMemoryEventStore } from '@mms/testing';
import { CommandHandler } from './command-handler';
import { Decider } from './decider';
import { CommandContext } from './envelope';
import { DomainError, IdempotencyKeyReusedError } from './errors';

type Added = { type: 'Added'; data: { amount: number } };
/** A tally: every Add appends, so a second append would show in the total. */
const tally: Decider<number, { amount: number }, Added> = {
  streamType: 'tally',
  initialState: () => 0,
  evolve: (total, e) => total + e.data.amount,
  decide: (c) => [{ type: 'Added', data: { amount: c.amount } }],
};

const ctx = (request?: { key: string; fingerprint: string }): CommandContext => ({
  tenantId: 't',
  actor: { subject: 'u', role: 'r' },
  correlationId: 'c',
  ...(request ? { request } : {}),
});

/** A store that counts its stream reads, and a handler on it. */
const counted = () => {
  const store = new InMemoryEventStore();
  const reads = { n: 0 };
  const readStream = store.readStream.bind(store);
  store.readStream = async (tenantId, streamId) => {
    reads.n++;
    return readStream(tenantId, streamId);
  };
  return { store, reads, handler: new CommandHandler(store) };
};

describe('CommandHandler with a client request key (Idempotency-Key)', () => {
  it('appends a keyed command once: the retry gets the first answer and writes nothing', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    const first = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    const retry = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    expect(store.events).toHaveLength(1);
    expect(retry).toMatchObject({ state: 5, version: 1, replayed: true });
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(first.replayed).toBeUndefined();
  });

  it('another key, or no key, is another command', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k2', fingerprint: 'f' }));
    const plain = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx());
    expect(plain.state).toBe(15);
    expect(store.events).toHaveLength(3);
  });

  it('the same key with another request is refused, and nothing is written', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    await expect(handler.handle(tally, 'tally-1', { amount: 7 }, ctx({ key: 'u|k1', fingerprint: 'g' }))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(store.events).toHaveLength(1);
  });

  it('retries racing the first request: one append, every other one answered from it', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store, { retries: 5 });
    const results = await Promise.all(Array.from({ length: 6 }, () => handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }))));
    expect(store.events).toHaveLength(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.state === 5)).toBe(true);
  });

  it('finds the key in any earlier commit of the stream, not only the last one', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    await handler.handle(tally, 'tally-1', { amount: 1 }, ctx());
    const retry = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    expect(retry).toMatchObject({ replayed: true, state: 6 });
    expect(retry.events.map((e) => e.streamVersion)).toEqual([1]);
    expect(store.events).toHaveLength(2);
  });
});

describe('CommandHandler.handleMany (a batch of commands, one stream each)', () => {
  /** Refuses negative amounts; a tally past 100 is closed. */
  const capped: Decider<number, { amount: number }, Added> = {
    ...tally,
    decide: (c, total) => {
      if (c.amount < 0) throw new Error('amount must be ≥ 0');
      if (total + c.amount > 100) throw new Error('closed');
      return c.amount === 0 ? [] : [{ type: 'Added', data: { amount: c.amount } }];
    },
  };

  it('decides each, appends the rest together; a refusal, a no-op and a plan of the state are per item', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handle(capped, 'tally-2', { amount: 90 }, ctx());
    const results = await handler.handleMany(
      capped,
      [
        { streamId: 'tally-1', command: { amount: 5 } },
        { streamId: 'tally-2', command: { amount: 20 } }, // past 100: refused
        { streamId: 'tally-3', command: { amount: -1 } }, // refused
        { streamId: 'tally-4', command: { amount: 0 } }, // nothing to append
        { streamId: 'tally-2', command: (total: number) => ({ amount: 100 - total }) }, // reads the state it is decided on
      ],
      ctx(),
    );
    expect(results.map((r) => (r instanceof Error ? r.message : r.state))).toEqual([5, 'closed', 'amount must be ≥ 0', 0, 100]);
    expect(store.events.map((e) => [e.streamId, e.data])).toEqual([
      ['tally-2', { amount: 90 }],
      ['tally-1', { amount: 5 }],
      ['tally-2', { amount: 10 }],
    ]);
  });

  it('a batch retried under its request key: every item answered from its first commit, nothing appended twice', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    const batch = [
      { streamId: 'tally-1', command: { amount: 5 } },
      { streamId: 'tally-2', command: { amount: 7 } },
    ];
    const first = await handler.handleMany(capped, batch, ctx({ key: 'u|b1', fingerprint: 'f' }));
    const again = await handler.handleMany(capped, batch, ctx({ key: 'u|b1', fingerprint: 'f' }));
    expect(store.events).toHaveLength(2);
    expect(again.map((r) => !(r instanceof Error) && r.replayed)).toEqual([true, true]);
    expect(again.map((r) => !(r instanceof Error) && r.events[0]!.eventId)).toEqual(first.map((r) => !(r instanceof Error) && r.events[0]!.eventId));
    const other = await handler.handleMany(capped, batch, ctx({ key: 'u|b1', fingerprint: 'g' }));
    expect(other.every((r) => r instanceof IdempotencyKeyReusedError)).toBe(true);
  });

  it('an item whose stream moved while the batch was decided is decided again on its own', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    // Another writer appends between the batch's read and its append.
    const appendMany = store.appendMany.bind(store);
    store.appendMany = async (items) => {
      await handler.handle(capped, 'tally-1', { amount: 60 }, ctx());
      return appendMany(items);
    };
    const results = await handler.handleMany(
      capped,
      [
        { streamId: 'tally-1', command: { amount: 30 } },
        { streamId: 'tally-9', command: { amount: 50 } },
      ],
      ctx(),
    );
    expect(results.map((r) => (r instanceof Error ? r.message : r.state))).toEqual([90, 50]);
    expect(store.events).toHaveLength(3);
  });
});

describe('CommandHandler.handleMany with several items on one stream', () => {
  /** Refuses negative amounts; a tally past 100 is closed (a rule's refusal). */
  const capped: Decider<number, { amount: number }, Added> = {
    ...tally,
    decide: (c, total) => {
      if (c.amount < 0) throw new DomainError('NEGATIVE', 'amount must be ≥ 0');
      if (total + c.amount > 100) throw new DomainError('CLOSED', 'closed');
      return [{ type: 'Added', data: { amount: c.amount } }];
    },
  };
  const batch = [
    { streamId: 'a', command: { amount: 60 } },
    { streamId: 'b', command: { amount: 1 } },
    { streamId: 'a', command: { amount: 50 } }, // past 100 after the first: refused
    { streamId: 'a', command: { amount: 40 } },
  ];
  const counting = () => {
    const store = new InMemoryEventStore();
    const appended: number[] = [];
    const appendMany = store.appendMany.bind(store);
    store.appendMany = async (items) => {
      appended.push(items.length);
      return appendMany(items);
    };
    return { store, appended, handler: new CommandHandler(store) };
  };
  const shown = (rs: Array<Error | { state: number; replayed?: boolean }>) =>
    rs.map((r) => (r instanceof DomainError ? r.code : r instanceof Error ? r.message : r.state));

  it('decides them in order and appends one commit per stream; each item answers its own refusal', async () => {
    const { store, appended, handler } = counting();
    const results = await handler.handleMany(capped, batch, ctx());
    expect(shown(results)).toEqual([100, 1, 'CLOSED', 100]);
    expect(appended).toEqual([2]);
    expect(store.events.map((e) => [e.streamId, e.streamVersion])).toEqual([
      ['a', 1],
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('a retry under the request key appends nothing and answers each item as the first time', async () => {
    const { store, handler } = counting();
    const first = await handler.handleMany(capped, batch, ctx({ key: 'u|g1', fingerprint: 'f' }));
    const again = await handler.handleMany(capped, batch, ctx({ key: 'u|g1', fingerprint: 'f' }));
    expect(shown(again)).toEqual(shown(first));
    expect(again.filter((r) => !(r instanceof Error)).every((r) => (r as { replayed?: boolean }).replayed)).toBe(true);
    expect(store.events).toHaveLength(3);
  });

  it('a stream that moved meanwhile has its items decided again together', async () => {
    const { store, handler } = counting();
    const appendMany = store.appendMany.bind(store);
    store.appendMany = async (items) => {
      await handler.handle(capped, 'a', { amount: 30 }, ctx());
      return appendMany(items);
    };
    const results = await handler.handleMany(capped, batch, ctx());
    expect(shown(results)).toEqual([90, 1, 'CLOSED', 'CLOSED']);
    expect(store.events.filter((e) => e.streamId === 'a').map((e) => e.data)).toEqual([{ amount: 30 }, { amount: 60 }]);
  });
});

describe('CommandHandler.handleMany with fresh streams (ids minted for the request)', () => {
  const capped: Decider<number, { amount: number }, Added> = {
    ...tally,
    decide: (c, total) => {
      if (c.amount < 0) throw new Error('amount must be ≥ 0');
      if (total + c.amount > 100) throw new Error('closed');
      return [{ type: 'Added', data: { amount: c.amount } }];
    },
  };

  it('appends new streams without reading them; the retried batch is answered from its commits', async () => {
    const { store, reads, handler } = counted();
    const batch = [
      { streamId: 'new-1', command: { amount: 5 }, fresh: true },
      { streamId: 'new-2', command: { amount: 7 }, fresh: true },
    ];
    const first = await handler.handleMany(capped, batch, ctx({ key: 'u|f1', fingerprint: 'f' }));
    expect(reads.n).toBe(0);
    expect(first.map((r) => !(r instanceof Error) && r.state)).toEqual([5, 7]);
    const again = await handler.handleMany(capped, batch, ctx({ key: 'u|f1', fingerprint: 'f' }));
    expect(again.map((r) => !(r instanceof Error) && r.replayed)).toEqual([true, true]);
    expect(again.map((r) => !(r instanceof Error) && r.events[0]!.eventId)).toEqual(first.map((r) => !(r instanceof Error) && r.events[0]!.eventId));
    expect(store.events).toHaveLength(2);
  });

  it('a "fresh" stream that exists is decided on what it holds; one refused on the initial state is read before it is refused', async () => {
    const { store, reads, handler } = counted();
    await handler.handle(capped, 'old', { amount: 90 }, ctx());
    const results = await handler.handleMany(
      capped,
      [
        { streamId: 'old', command: { amount: 20 }, fresh: true }, // fine on an empty stream, refused on 90
        { streamId: 'new-3', command: { amount: -1 }, fresh: true },
      ],
      ctx(),
    );
    expect(results.map((r) => (r instanceof Error ? r.message : r.state))).toEqual(['closed', 'amount must be ≥ 0']);
    expect(reads.n).toBeGreaterThanOrEqual(3); // the first handle, then each item's stream
    expect(store.events).toHaveLength(1);
  });
});

describe('CommandHandler.handle with a fresh stream (an id minted for the request)', () => {
  const capped: Decider<number, { amount: number }, Added> = {
    ...tally,
    decide: (c, total) => {
      if (total + c.amount > 100) throw new DomainError('CLOSED', 'closed');
      return c.amount === 0 ? [] : [{ type: 'Added', data: { amount: c.amount } }];
    },
  };

  it('appends without reading the stream; a client retry (same key, so the same id) is answered from the first commit', async () => {
    const { store, reads, handler } = counted();
    const first = await handler.handle(capped, 'new-1', { amount: 5 }, ctx({ key: 'u|n1', fingerprint: 'f' }), { tenantId: 't', fresh: true });
    expect(reads.n).toBe(0);
    expect(first).toMatchObject({ state: 5, version: 1, tenantId: 't' });
    const retry = await handler.handle(capped, 'new-1', { amount: 5 }, ctx({ key: 'u|n1', fingerprint: 'f' }), { tenantId: 't', fresh: true });
    expect(retry).toMatchObject({ state: 5, version: 1, replayed: true });
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(store.events).toHaveLength(1);
  });

  it('a "fresh" stream that exists after all is decided on what it holds (refused here), nothing appended twice', async () => {
    const { store, reads, handler } = counted();
    await handler.handle(capped, 'old', { amount: 90 }, ctx());
    const refused = handler.handle(capped, 'old', { amount: 20 }, ctx(), { tenantId: 't', fresh: true }); // fine on an empty stream
    await expect(refused).rejects.toMatchObject({ code: 'CLOSED' });
    expect(reads.n).toBe(2);
    const taken = await handler.handle(capped, 'old', { amount: 10 }, ctx(), { tenantId: 't', fresh: true });
    expect(taken).toMatchObject({ state: 100, version: 2 });
    expect(store.events).toHaveLength(2);
  });

  it('refused or a no-op on the initial state: the stream is read and decides', async () => {
    const { reads, handler } = counted();
    await expect(handler.handle(capped, 'n', { amount: 101 }, ctx(), { tenantId: 't', fresh: true })).rejects.toMatchObject({ code: 'CLOSED' });
    expect(reads.n).toBe(1);
    const nothing = await handler.handle(capped, 'n', { amount: 0 }, ctx(), { tenantId: 't', fresh: true });
    expect(nothing).toMatchObject({ state: 0, version: 0 });
    expect(reads.n).toBe(2);
  });
});

describe('CommandHandler.handleEach (a list of commands on one stream, one commit)', () => {
  type Joined = { type: 'Joined'; data: { who: string } };
  type Members = { members: string[] };
  /** A club of at most 3: a member joins once; a second join of the same member is a no-op. */
  const club: Decider<Members, { who: string }, Joined> = {
    streamType: 'club',
    initialState: () => ({ members: [] }),
    evolve: (s, e) => ({ members: [...s.members, e.data.who] }),
    decide: (c, s) => {
      if (s.members.includes(c.who)) return [];
      if (s.members.length >= 3) throw new DomainError('CLUB_FULL', 'the club is full');
      return [{ type: 'Joined', data: { who: c.who } }];
    },
  };
  const list = ['ann', 'bob', 'ann', 'cid', 'dan'].map((who) => ({ who }));

  it('decides each on what the ones before left, appends one commit, answers each refusal in its place', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    const append = store.append.bind(store);
    let appends = 0;
    store.append = async (...args) => {
      appends++;
      return append(...args);
    };
    const r = await handler.handleEach(club, 'club-1', list, ctx());
    expect(r.outcomes.map((o) => o?.code ?? null)).toEqual([null, null, null, null, 'CLUB_FULL']);
    expect(r.state.members).toEqual(['ann', 'bob', 'cid']);
    expect(r.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(appends).toBe(1);
  });

  it('a retry under the request key appends nothing and answers the same refusals', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    const first = await handler.handleEach(club, 'club-1', list, ctx({ key: 'u|l1', fingerprint: 'f' }));
    const again = await handler.handleEach(club, 'club-1', list, ctx({ key: 'u|l1', fingerprint: 'f' }));
    expect(again.replayed).toBe(true);
    expect(again.outcomes.map((o) => o?.code ?? null)).toEqual(first.outcomes.map((o) => o?.code ?? null));
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(store.events).toHaveLength(3);
  });

  it('a list whose stream moved meanwhile is decided again as a whole', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    const append = store.append.bind(store);
    let raced = false;
    store.append = async (...args) => {
      if (!raced) {
        raced = true;
        await handler.handle(club, 'club-1', { who: 'eve' }, ctx());
      }
      return append(...args);
    };
    const r = await handler.handleEach(club, 'club-1', list, ctx());
    expect(r.state.members).toEqual(['eve', 'ann', 'bob']);
    expect(r.outcomes.map((o) => o?.code ?? null)).toEqual([null, null, null, 'CLUB_FULL', 'CLUB_FULL']);
  });
});
