import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_RANDOM_LENGTH } from './code-format';

/**
 * A fresh participant code: the grade group (what the juror needs to know anyway) and six
 * characters from the OS's CSPRNG (31⁶ ≈ 890 million per group): unguessable, and saying
 * nothing of the school or the name.
 */
export const freshCode = (groupId: string) => {
  let s = '';
  for (let i = 0; i < CODE_RANDOM_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${groupId}-${s}`;
};
