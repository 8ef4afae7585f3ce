import { testDatabase } from '@mms/testing/infra';
import { EventEnvelope, RowTable } from '../core';
import { mongoTable } from '../read-model/read-table';
import { rowProjection } from './row-projection';

interface Protocol {
  _id: string;
  stageId: string;
  rows: Array<{ code: string; score: number }>;
}

const protocols: RowTable<Protocol> = {
  collection: 'protocols',
  packed: ['rows'],
  rowsOf: (e) => [(e.data as { id: string }).id],
  evolve: (row, e) => {
    const d = e.data as { id: string; stageId: string; code: string; score: number };
    return { _id: d.id, stageId: d.stageId, rows: [...(row?.rows ?? []), { code: d.code, score: d.score }] };
  },
};

const scored = (streamVersion: number, id: string, code: string, score: number): EventEnvelope => ({
  eventId: `e${streamVersion}`,
  type: 'Scored',
  schemaVersion: 1,
  tenantId: 'm1',
  streamType: 'partition',
  streamId: id,
  streamVersion,
  occurredAt: new Date().toISOString(),
  correlationId: 'c',
  causationId: null,
  actor: { subject: 'u', role: 'r' },
  data: { id, stageId: 's1', code, score },
});

describe('rowProjection with packed fields (real MongoDB-compatible server)', () => {
  it('stores packed fields as one text, folds on them across batches, and reads them back whole', async () => {
    const t = await testDatabase('row_projection_packed');
    try {
      const rm = { collection: (name: string) => t.db.collection(name) } as never;
      const p = rowProjection({ name: 'packed', topics: [], tables: [protocols] });
      await p.applyBatch!([scored(1, 'p1', 'a', 5), scored(2, 'p1', 'b', 7)], rm);
      await p.applyBatch!([scored(3, 'p1', 'c', 1), scored(2, 'p1', 'b', 7)], rm); // a redelivery among them

      const raw = await t.db.collection('protocols').findOne({ _id: 'p1' as never });
      expect(raw).not.toHaveProperty('rows');
      expect(JSON.parse(raw!['_packed'] as string)).toEqual({
        rows: [
          { code: 'a', score: 5 },
          { code: 'b', score: 7 },
          { code: 'c', score: 1 },
        ],
      });

      const table = mongoTable<Protocol>(async () => t.db.collection('protocols'));
      const expected = {
        _id: 'p1',
        stageId: 's1',
        rows: [
          { code: 'a', score: 5 },
          { code: 'b', score: 7 },
          { code: 'c', score: 1 },
        ],
      };
      expect(await table.get('p1')).toEqual(expected);
      expect(await table.find({ stageId: 's1' })).toEqual([expected]);
      expect(await table.getMany(['p1', 'nope'])).toEqual([expected]);

      // Many rows in one batch (one bulk write): new ones inserted, existing ones replaced, each folded once.
      const many = Array.from({ length: 300 }, (_, i) => scored(1, `q${i}`, 'x', i));
      await p.applyBatch!([...many, ...many.map((e) => ({ ...e, streamVersion: 2, data: { ...(e.data as object), code: 'y' } }))], rm);
      await p.applyBatch!([...many.map((e) => ({ ...e, streamVersion: 3, data: { ...(e.data as object), code: 'z' } })), scored(4, 'p1', 'd', 2)], rm);
      const q7 = await table.get('q7');
      expect(q7!.rows.map((r) => r.code)).toEqual(['x', 'y', 'z']);
      expect(await table.count({ stageId: 's1' })).toBe(301);
      expect((await table.get('p1'))!.rows.map((r) => r.code)).toEqual(['a', 'b', 'c', 'd']);
    } finally {
      await t.drop();
    }
  });
});

describe('rowProjection: rows not met yet go in one insert', () => {
  it('new rows inserted, rows another instance wrote folded on as stored, a redelivery to a fresh instance changes nothing', async () => {
    const t = await testDatabase('row_projection_unmet');
    try {
      const rm = { collection: (name: string) => t.db.collection(name) } as never;
      const here = rowProjection({ name: 'unmet', topics: [], tables: [protocols] });
      const there = rowProjection({ name: 'unmet', topics: [], tables: [protocols] });
      // Another instance (a partition elsewhere) wrote p2's first score: unknown to this one.
      await there.applyBatch!([scored(1, 'p2', 'x', 3)], rm);
      await here.applyBatch!([scored(1, 'p1', 'a', 5), scored(2, 'p2', 'y', 4), scored(1, 'p3', 'b', 6), scored(2, 'p1', 'c', 1)], rm);
      // The same events again, to an instance that has met none of these rows (a restart).
      const fresh = rowProjection({ name: 'unmet', topics: [], tables: [protocols] });
      await fresh.applyBatch!([scored(1, 'p1', 'a', 5), scored(2, 'p2', 'y', 4), scored(1, 'p3', 'b', 6)], rm);
      const table = mongoTable<Protocol>(async () => t.db.collection('protocols'));
      const rows = Object.fromEntries((await table.find({})).map((r) => [r._id, r.rows.map((x) => x.code).join('')]));
      expect(rows).toEqual({ p1: 'ac', p2: 'xy', p3: 'b' });
    } finally {
      await t.drop();
    }
  });
});

describe('rowProjection: rows it wrote are held for the next batch', () => {
  it('a row met again is written without a read; one another instance wrote meanwhile, or a collection emptied, is read again', async () => {
    const t = await testDatabase('row_projection_held');
    try {
      let reads = 0;
      const counted = (name: string) => {
        const coll = t.db.collection(name);
        return new Proxy(coll, {
          get: (target, prop, receiver) => {
            if (prop === 'findOne') reads++;
            const value = Reflect.get(target, prop, receiver) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      };
      const rm = { collection: counted } as never;
      const here = rowProjection({ name: 'held', topics: [], tables: [protocols] });
      const there = rowProjection({ name: 'held', topics: [], tables: [protocols] });
      const codes = async () => {
        const raw = await t.db.collection('protocols').findOne({ _id: 'p1' as never });
        return raw ? (JSON.parse(raw['_packed'] as string) as Pick<Protocol, 'rows'>).rows.map((r) => r.code).join('') : null;
      };

      await here.applyBatch!([scored(1, 'p1', 'a', 5)], rm); // new: inserted
      await here.applyBatch!([scored(2, 'p1', 'b', 1)], rm); // held: no read
      expect([reads, await codes()]).toEqual([0, 'ab']);

      await there.applyBatch!([scored(3, 'p1', 'c', 2)], rm); // another instance: reads, writes
      expect(reads).toBe(1);
      await here.applyBatch!([scored(4, 'p1', 'd', 3)], rm); // its held row is old: refused, read, folded on what there wrote
      expect([reads, await codes()]).toEqual([2, 'abcd']);
      await here.applyBatch!([scored(4, 'p1', 'd', 3)], rm); // a redelivery: nothing written, nothing read
      expect([reads, await codes()]).toEqual([2, 'abcd']);

      // The collection emptied and the same row written again with the same revision: the token tells them apart.
      await t.db.collection('protocols').deleteMany({});
      const other = rowProjection({ name: 'held', topics: [], tables: [protocols] });
      for (let v = 1; v <= 4; v++) await other.applyBatch!([scored(v, 'p1', 'x', v)], rm); // revision 4, as here's held row
      await here.applyBatch!([scored(6, 'p1', 'e', 1)], rm);
      expect(await codes()).toBe('xxxxe');
    } finally {
      await t.drop();
    }
  });
});
