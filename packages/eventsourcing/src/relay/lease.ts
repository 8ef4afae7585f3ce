import { Collection, Db, MongoServerError } from 'mongodb';

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * A time-bound lease in MongoDB so that one relay per service is active. Acquire is an
 * insert (the first one wins by _id) or a conditional update of an expired lease.
 */
export class Lease {
  private readonly leases: Collection<LeaseDocument>;

  constructor(
    db: Db,
    private readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
  ) {
    this.leases = db.collection<LeaseDocument>('leases');
  }

  /** True if this owner holds the lease afterwards (acquired or renewed). */
  async tryAcquire(now = new Date()): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    try {
      await this.leases.insertOne({ _id: this.name, owner: this.owner, expiresAt });
      return true;
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
    }
    const res = await this.leases.updateOne(
      { _id: this.name, $or: [{ owner: this.owner }, { expiresAt: { $lt: now } }] },
      { $set: { owner: this.owner, expiresAt } },
    );
    return res.matchedCount === 1;
  }

  async release(): Promise<void> {
    await this.leases.deleteOne({ _id: this.name, owner: this.owner });
  }
}
