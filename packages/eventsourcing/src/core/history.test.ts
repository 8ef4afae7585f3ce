import { historyOf } from './history';
import { EventEnvelope } from './envelope';

const at = (type: string, data: unknown, v: number): EventEnvelope => ({
  eventId: `e${v}`,
  type,
  schemaVersion: 1,
  tenantId: 't',
  streamType: 'thing',
  streamId: 'thing-1',
  streamVersion: v,
  occurredAt: `2026-09-0${v}T09:00:00.000Z`,
  correlationId: 'c',
  causationId: null,
  actor: { subject: 'u1', role: 'municipal_methodologist' },
  data,
});

describe('historyOf', () => {
  it('says who, when, what and why; flattens recorded changes; hides ids; opens personal data only while it can', async () => {
    const events = [
      at('ThingRegistered', { thingId: '1', personal: { subjectId: 'p', sealed: 'x' }, kind: 'A' }, 1),
      at('ThingUpdated', { thingId: '1', changes: { name: 'Новое', seats: 3 } }, 2),
      at('ThingClosed', { thingId: '1', reason: 'слияние' }, 3),
    ];
    const open = async () => ({ fullName: 'Иванова' });
    const h = await historyOf(events, { describe: { ThingUpdated: 'Изменено' }, hiddenFields: ['thingId'], open });
    expect(h.map((x) => [x.what, x.reason, x.streamVersion])).toEqual([
      ['ThingRegistered', null, 1],
      ['Изменено', null, 2],
      ['ThingClosed', 'слияние', 3],
    ]);
    expect(h[0]!.changes).toEqual([
      { field: 'fullName', value: 'Иванова' },
      { field: 'kind', value: 'A' },
    ]);
    expect(h[1]!.changes).toEqual([
      { field: 'name', value: 'Новое' },
      { field: 'seats', value: '3' },
    ]);
    expect(h[2]!.changes).toEqual([]);
    const erased = await historyOf(events, { describe: {}, open: async () => null });
    expect(erased[0]!.changes).toContainEqual({ field: 'personal', value: null });
  });
});
