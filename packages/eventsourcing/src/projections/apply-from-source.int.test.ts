import { testDatabase } from '@mms/testing/infra';
import { applyFromSource } from './apply-from-source';

describe('applyFromSource (real MongoDB-compatible server)', () => {
  const at = (tenantId: string, streamId: string, streamVersion: number) => ({ tenantId, streamId, streamVersion });

  it('applies each source stream’s event once, whatever the order of streams, and honours `where`', async () => {
    const t = await testDatabase('apply_from_source');
    try {
      const coll = t.db.collection('educators');
      // Two cohort streams and a directory stream write one document.
      expect(await applyFromSource(coll, 'ed1', at('region', 'cohort-c2', 5), { $max: { lastCompletedOn: '2025-05-01' }, $inc: { n: 1 } })).toBe(true);
      expect(await applyFromSource(coll, 'ed1', at('mun-a', 'cohort-c1', 3), { $max: { lastCompletedOn: '2024-01-01' }, $inc: { n: 1 } })).toBe(true);
      expect(await applyFromSource(coll, 'ed1', at('mun-a', 'educator-ed1', 1), { $set: { municipalityId: 'mun-a', active: true } })).toBe(true);
      // Redelivered and older events change nothing.
      expect(await applyFromSource(coll, 'ed1', at('region', 'cohort-c2', 5), { $max: { lastCompletedOn: '2025-05-01' }, $inc: { n: 1 } })).toBe(false);
      expect(await applyFromSource(coll, 'ed1', at('mun-a', 'cohort-c1', 2), { $inc: { n: 1 } })).toBe(false);
      // The same stream id in another tenant (a transfer) is another source.
      expect(await applyFromSource(coll, 'ed1', at('mun-b', 'educator-ed1', 1), { $set: { municipalityId: 'mun-b' } })).toBe(true);
      // A condition that does not hold writes nothing (and the event stays unseen).
      expect(await applyFromSource(coll, 'ed1', at('mun-a', 'educator-ed1', 2), { $set: { active: false } }, { where: { municipalityId: 'mun-a' } })).toBe(
        false,
      );
      // A function of the document, for edits the server cannot do in place.
      expect(
        await applyFromSource(coll, 'ed1', at('mun-b', 'development-ed1', 1), (doc) => ({
          $set: { items: [...((doc?.['items'] as string[]) ?? []), 'x'] },
        })),
      ).toBe(true);
      expect(
        await applyFromSource(coll, 'ed1', at('mun-b', 'development-ed1', 1), (doc) => ({
          $set: { items: [...((doc?.['items'] as string[]) ?? []), 'x'] },
        })),
      ).toBe(false);

      const doc = await coll.findOne({ _id: 'ed1' as never });
      expect(doc).toMatchObject({ lastCompletedOn: '2025-05-01', n: 2, municipalityId: 'mun-b', active: true, items: ['x'] });
      expect(doc?.['_seen']).toEqual({
        'region|cohort-c2': 5,
        'mun-a|cohort-c1': 3,
        'mun-a|educator-ed1': 1,
        'mun-b|educator-ed1': 1,
        'mun-b|development-ed1': 1,
      });
      // Concurrent first writes of a new document from two sources both land.
      await Promise.all([
        applyFromSource(coll, 'ed2', at('mun-a', 'educator-ed2', 1), { $set: { municipalityId: 'mun-a' } }),
        applyFromSource(coll, 'ed2', at('region', 'cohort-c9', 4), { $max: { lastCompletedOn: '2025-01-01' } }),
      ]);
      expect(await coll.findOne({ _id: 'ed2' as never })).toMatchObject({ municipalityId: 'mun-a', lastCompletedOn: '2025-01-01' });
    } finally {
      await t.drop();
    }
  });
});
