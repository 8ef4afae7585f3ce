import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import { MemoryTable } from './memory-tables';

const table: RowTable<{ _id: string; kind: string; rows: string[] }> = {
  collection: 't',
  packed: ['rows'],
  rowsOf: (e) => [e.streamId],
  evolve: (row, e) => ({ _id: e.streamId, kind: 'k', rows: [...(row?.rows ?? []), e.type] }),
};
const event = { type: 'A', tenantId: 'm', streamId: 'x', streamVersion: 1, data: {} } as unknown as EventEnvelope;

describe('MemoryTable', () => {
  it('refuses a filter or sort on a packed field, as a database would find nothing', async () => {
    const t = new MemoryTable<{ _id: string; kind: string; rows: string[] }>().apply(table, [event]);
    expect(await t.find({ kind: 'k' })).toEqual([{ _id: 'x', kind: 'k', rows: ['A'] }]);
    await expect(t.find({ $or: [{ kind: 'k' }, { 'rows.0': 'A' }] })).rejects.toThrow('packed field');
    await expect(t.find({}, { sort: { rows: 1 } })).rejects.toThrow('packed field');
  });
});
