import { Db } from 'mongodb';
import { CommitDocument, OUTBOX_PAGE } from '../event-store/commit';
import { COMMITS_COLLECTION } from '../event-store/mongo-event-store';
import { lanesOf } from '../event-store/outbox-lanes';

/**
 * Commits not yet published (both protocols): old commits with `published: false`, and
 * each lane's commits past its checkpoint, read page by page (equality queries only).
 * For tests, benchmarks and health checks; the relay itself never counts.
 */
export const unpublishedCommits = async (db: Db): Promise<number> => {
  const commits = db.collection<CommitDocument>(COMMITS_COLLECTION);
  let n = await commits.countDocuments({ published: false });
  for (const lane of await lanesOf(db).find({}).toArray()) {
    for (let page = Math.floor((lane.published + 1) / OUTBOX_PAGE); ; page++) {
      const docs = await commits.find({ page: `${lane._id}/${page}`, seq: { $gt: lane.published } }, { projection: { void: 1 } }).toArray();
      if (docs.length === 0) break;
      n += docs.filter((d) => d.void === undefined).length;
    }
  }
  return n;
};
