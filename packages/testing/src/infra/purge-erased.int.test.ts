import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { localInfra } from './start';
import { testDatabase } from './fixtures';

/** Files of the PostgreSQL cluster's databases (not its WAL) that hold the bytes. */
const readIfThere = (path: string): Buffer | null => {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};

const heapFilesHolding = (root: string, marker: Buffer): string[] => {
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      // PostgreSQL keeps running: a file listed a moment ago (pg_internal.init, a temp file) may be gone now.
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (readIfThere(path)?.includes(marker)) hits.push(path);
    }
  };
  walk(root);
  return hits;
};

/**
 * README "Erasure": what a read model once held in plain text stays in the database's dead
 * rows until vacuum; `infra purge-erased` is the operator's step that removes it. Local
 * infra only (the PostgreSQL behind FerretDB); MongoDB's `compact` is documented beside it.
 */
const local = process.env['MMS_TEST_INFRA_MODE'] === 'local';
(local ? describe : describe.skip)('purge-erased (local PostgreSQL behind FerretDB)', () => {
  it('a name overwritten in a read model is in the heap files until the purge, and nowhere in them after it', async () => {
    const t = await testDatabase('purge');
    const base = join(localInfra('pg-data').trim(), 'base');
    const name = `Стёртая-${randomUUID()}`;
    const marker = Buffer.from(name, 'utf8');
    try {
      const rows = t.db.collection<{ _id: string; fullName: string | null }>('educators');
      await rows.insertOne({ _id: 'e-1', fullName: name });
      await rows.updateOne({ _id: 'e-1' }, { $set: { fullName: null } }); // what the erasure event does to the row
      localInfra('psql', ['-c', 'CHECKPOINT']);
      const before = heapFilesHolding(base, marker);
      process.stderr.write(`[purge-erased] after the erasure, before the purge: the name is in ${before.length} heap file(s)\n`);
      expect(before.length).toBeGreaterThan(0);
      localInfra('purge-erased');
      expect(heapFilesHolding(base, marker)).toEqual([]);
      expect(await rows.findOne({ _id: 'e-1' })).toEqual({ _id: 'e-1', fullName: null });
    } finally {
      await t.drop();
    }
  });
});
