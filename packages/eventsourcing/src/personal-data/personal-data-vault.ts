import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Collection, Db, MongoBulkWriteError, MongoServerError } from 'mongodb';
import { DomainError } from '../core/errors';
import { PersonalDataPort, personalDataErased, SealedPersonalData } from '../core/personal-data';

/** A key, or the tombstone erasure leaves in its place (the subject id and when, nothing else). */
interface KeyDocument {
  _id: string;
  key?: string;
  createdAt?: Date;
  erasedAt?: Date;
}

type Key = Buffer | 'erased';

export interface PersonalDataVaultOptions {
  /**
   * How long a key read from the database is reused without asking again. Another replica
   * that erased the person is seen by this one within this time at the latest; an erasure
   * seen once (here or in the database) is final.
   */
  keyCacheMs?: number;
}

/**
 * Events are immutable, yet a person's data must be erasable: events carry personal
 * data only sealed with that person's key; erasure replaces the key with a tombstone, so
 * no later seal can create a new key for that person (a new key would make their old
 * sealed events unreadable garbage instead of "erased", and bring the person back).
 */
export class PersonalDataVault implements PersonalDataPort {
  private readonly keys: Collection<KeyDocument>;
  private readonly cache = new Map<string, { key: Key; until: number }>();
  private readonly keyCacheMs: number;

  constructor(db: Db, options: PersonalDataVaultOptions = {}) {
    this.keys = db.collection<KeyDocument>('personal_data_keys');
    this.keyCacheMs = options.keyCacheMs ?? 60_000;
  }

  private remember(subjectId: string, key: Key): Key {
    this.cache.set(subjectId, { key, until: key === 'erased' ? Infinity : Date.now() + this.keyCacheMs });
    return key;
  }

  private async keyFor(subjectId: string, create: boolean): Promise<Key | null> {
    const cached = this.cache.get(subjectId);
    if (cached && cached.until > Date.now()) return cached.key;
    const found = await this.keys.findOne({ _id: subjectId });
    if (found?.erasedAt) return this.remember(subjectId, 'erased');
    if (found?.key) return this.remember(subjectId, Buffer.from(found.key, 'base64'));
    if (!create) return null;
    const key = randomBytes(32);
    try {
      await this.keys.insertOne({ _id: subjectId, key: key.toString('base64'), createdAt: new Date() });
    } catch (err) {
      // Someone created it first, or erased the person meanwhile: what is stored wins.
      if (err instanceof MongoServerError && err.code === 11000) return this.keyFor(subjectId, false);
      throw err;
    }
    return this.remember(subjectId, key);
  }

  async seal(subjectId: string, data: unknown): Promise<SealedPersonalData> {
    return this.sealWith(subjectId, await this.keyFor(subjectId, true), data);
  }

  /**
   * New people's keys in one `insertMany` instead of a look-up and an insert each: the
   * unique `_id` decides as in `keyFor`, and only a person who already had a key or a
   * tombstone (the insert refused) is read.
   */
  async sealEach(items: ReadonlyArray<{ subjectId: string; data: unknown }>): Promise<Array<SealedPersonalData | DomainError>> {
    const subjects = [...new Set(items.map((it) => it.subjectId))].filter((id) => !((this.cache.get(id)?.until ?? 0) > Date.now()));
    const fresh = new Map(subjects.map((id) => [id, randomBytes(32)]));
    const refused = new Set<string>();
    if (fresh.size) {
      const docs = [...fresh].map(([_id, key]) => ({ _id, key: key.toString('base64'), createdAt: new Date() }));
      try {
        await this.keys.insertMany(docs, { ordered: false });
      } catch (err) {
        // Only refusals by the unique _id are expected; anything else leaves outcomes unknown.
        const failures = err instanceof MongoBulkWriteError ? (Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]) : null;
        if (!failures?.length || failures.some((f) => f.code !== 11000)) throw err;
        for (const f of failures) refused.add(docs[f.index]!._id);
      }
      for (const [id, key] of fresh) if (!refused.has(id)) this.remember(id, key);
    }
    const keys = new Map<string, Key | null>();
    await Promise.all([...refused].map(async (id) => keys.set(id, await this.keyFor(id, false))));
    return Promise.all(
      items.map(async (it) => {
        const key = keys.has(it.subjectId) ? keys.get(it.subjectId)! : await this.keyFor(it.subjectId, true);
        try {
          return this.sealWith(it.subjectId, key, it.data);
        } catch (err) {
          if (err instanceof DomainError) return err;
          throw err;
        }
      }),
    );
  }

  private sealWith(subjectId: string, key: Key | null, data: unknown): SealedPersonalData {
    if (!key || key === 'erased') throw personalDataErased(subjectId);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    return { subjectId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** Null once the subject's data has been erased. */
  async open<T>(sealed: SealedPersonalData): Promise<T | null> {
    const key = await this.keyFor(sealed.subjectId, false);
    if (!key || key === 'erased') return null;
    const raw = Buffer.from(sealed.sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  }

  /** Final: the key is gone and its tombstone refuses every later seal (also for a person never sealed). */
  async erase(subjectId: string): Promise<void> {
    await this.keys.updateOne({ _id: subjectId }, { $set: { erasedAt: new Date() }, $unset: { key: '', createdAt: '' } }, { upsert: true });
    this.remember(subjectId, 'erased');
  }
}
