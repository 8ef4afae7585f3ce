import { DomainError } from './errors';

/** Personal data inside an event: encrypted with a key kept per person. */
export interface SealedPersonalData {
  /** Whose key: deleting it makes every copy unreadable (crypto-shredding). */
  subjectId: string;
  /** base64(iv | tag | ciphertext), AES-256-GCM */
  sealed: string;
}

/**
 * The personal-data port: events carry personal data only sealed per person; erasure
 * deletes the person's key. `PersonalDataVault` (MongoDB) is the real one; @mms/testing
 * has one in memory for handler specs.
 */
export interface PersonalDataPort {
  seal(subjectId: string, data: unknown): Promise<SealedPersonalData>;
  /**
   * Many people's data at once (a staff list, a class list): as `seal` for each, in few round
   * trips. An erased person gets their error in their place; the others are sealed.
   */
  sealEach(items: ReadonlyArray<{ subjectId: string; data: unknown }>): Promise<Array<SealedPersonalData | DomainError>>;
  /** Null once the subject's data has been erased. */
  open<T>(sealed: SealedPersonalData): Promise<T | null>;
  erase(subjectId: string): Promise<void>;
}

/** What every vault answers when asked to keep something new for a person whose data was erased. */
export const personalDataErased = (subjectId: string) =>
  new DomainError('PERSONAL_DATA_ERASED', `personal data of ${subjectId} was erased; nothing new can be kept for them`);
