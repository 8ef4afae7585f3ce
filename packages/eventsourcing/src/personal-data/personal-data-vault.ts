import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Collection, Db, MongoServerError } from 'mongodb';
import { PersonalDataPort, SealedPersonalData } from '../core/personal-data';

interface KeyDocument {
  _id: string;
  key: string;
  createdAt: Date;
}

/**
 * Events are immutable, yet a person's data must be erasable: events carry personal
 * data only sealed with that person's key; erasure deletes the key.
 */
export class PersonalDataVault implements PersonalDataPort {
  private readonly keys: Collection<KeyDocument>;
  private readonly cache = new Map<string, Buffer | null>();

  constructor(db: Db) {
    this.keys = db.collection<KeyDocument>('personal_data_keys');
  }

  private async keyFor(subjectId: string, create: boolean): Promise<Buffer | null> {
    const cached = this.cache.get(subjectId);
    if (cached !== undefined && (cached || !create)) return cached;
    const found = await this.keys.findOne({ _id: subjectId });
    if (found) {
      const k = Buffer.from(found.key, 'base64');
      this.cache.set(subjectId, k);
      return k;
    }
    if (!create) return null;
    const key = randomBytes(32);
    try {
      await this.keys.insertOne({ _id: subjectId, key: key.toString('base64'), createdAt: new Date() });
    } catch (err) {
      // Someone created it first: use theirs.
      if (err instanceof MongoServerError && err.code === 11000) return this.keyFor(subjectId, false);
      throw err;
    }
    this.cache.set(subjectId, key);
    return key;
  }

  async seal(subjectId: string, data: unknown): Promise<SealedPersonalData> {
    const key = (await this.keyFor(subjectId, true))!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    return { subjectId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** Null once the subject's data has been erased. */
  async open<T>(sealed: SealedPersonalData): Promise<T | null> {
    const key = await this.keyFor(sealed.subjectId, false);
    if (!key) return null;
    const raw = Buffer.from(sealed.sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  }

  async erase(subjectId: string): Promise<void> {
    await this.keys.deleteOne({ _id: subjectId });
    this.cache.set(subjectId, null);
  }
}
