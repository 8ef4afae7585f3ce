import { DomainError, PersonalDataPort, personalDataErased, SealedPersonalData } from '@mms/eventsourcing/core';

/**
 * The personal-data vault in memory, with the real one's contract: sealed data opens while
 * the person's key exists, and never again after `erase`. Not encrypted (specs only), but
 * the sealed text is opaque so a spec cannot read a name out of an event by accident.
 */
export class MemoryVault implements PersonalDataPort {
  private readonly keys = new Map<string, Map<string, unknown>>();
  private readonly erased = new Set<string>();
  private next = 0;

  async seal(subjectId: string, data: unknown): Promise<SealedPersonalData> {
    // As the real vault: an erased person's tombstone refuses every later seal.
    if (this.erased.has(subjectId)) throw personalDataErased(subjectId);
    const box = this.keys.get(subjectId) ?? new Map<string, unknown>();
    this.keys.set(subjectId, box);
    const sealed = `sealed:${++this.next}`;
    box.set(sealed, structuredClone(data));
    return { subjectId, sealed };
  }

  async sealEach(items: ReadonlyArray<{ subjectId: string; data: unknown }>): Promise<Array<SealedPersonalData | DomainError>> {
    return Promise.all(items.map((it) => this.seal(it.subjectId, it.data).catch((err: unknown) => (err instanceof DomainError ? err : Promise.reject(err)))));
  }

  async open<T>(sealed: SealedPersonalData): Promise<T | null> {
    const data = this.keys.get(sealed.subjectId)?.get(sealed.sealed);
    return data === undefined ? null : (structuredClone(data) as T);
  }

  async erase(subjectId: string): Promise<void> {
    this.keys.delete(subjectId);
    this.erased.add(subjectId);
  }

  /** How many values were sealed for the person and are still readable (specs: nothing sealed on a refused command). */
  sealedCount(subjectId: string): number {
    return this.keys.get(subjectId)?.size ?? 0;
  }

  /** Whether a key exists for the person (erasure specs). */
  hasKey(subjectId: string): boolean {
    return this.keys.has(subjectId);
  }
}
