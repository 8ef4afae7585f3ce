/** Taxpayer numbers (ИНН) of the organisations. */
import { Random } from '../random';
import { pad } from './names';

/** Weights of the check digit of a legal entity's ИНН. */
const INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** A valid 10-digit ИНН of a legal entity (with its check digit), registered at tax office `office`, not in `used`. */
export const innFor = (rng: Random, office: number, used: Set<string>): string => {
  for (;;) {
    const body = `24${pad(office, 2)}${pad(rng.int(0, 99999), 5)}`;
    const sum = body.split('').reduce((a, d, i) => a + Number(d) * INN_WEIGHTS[i]!, 0);
    const inn = `${body}${(sum % 11) % 10}`;
    if (!used.has(inn)) {
      used.add(inn);
      return inn;
    }
  }
};
