import { ConcurrencyError } from '@mms/eventsourcing/core';
import { InMemoryEventStore } from './memory-event-store';

const ctx = (tenantId: string) => ({ tenantId, actor: { subject: 'u', role: 'r' }, correlationId: 'c' });

describe('InMemoryEventStore', () => {
  it('lets only one of two appends started together at the same version through, as the real store’s unique index does', async () => {
    const store = new InMemoryEventStore();
    const results = await Promise.allSettled([
      store.append('thing', 'thing-1', 0, [{ type: 'A', data: {} }], ctx('t')),
      store.append('thing', 'thing-1', 0, [{ type: 'B', data: {} }], ctx('t')),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(store.events).toHaveLength(1);
  });

  it('finds a moved stream where its latest commit is', async () => {
    const store = new InMemoryEventStore();
    await store.append('thing', 'thing-1', 0, [{ type: 'A', data: {} }], ctx('a'));
    await store.append('thing', 'thing-1', 0, [{ type: 'B', data: {} }], ctx('b'));
    expect((await store.locateStream('thing-1')).tenantId).toBe('b');
    expect((await store.locateStream('nothing')).tenantId).toBeNull();
  });
});
