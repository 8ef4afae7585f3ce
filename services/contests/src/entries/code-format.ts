/** A participant code: `<groupId>-<six characters>`, read off paper and typed by jurors (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_RANDOM_LENGTH = 6;

/** The grade group a code names (the score file's rows are grouped by it), or null for what is not a code. */
export const groupOfCode = (code: string): string | null => {
  const i = code.lastIndexOf('-');
  if (i <= 0 || code.length - i - 1 !== CODE_RANDOM_LENGTH) return null;
  const tail = code.slice(i + 1);
  return [...tail].every((ch) => CODE_ALPHABET.includes(ch)) ? code.slice(0, i) : null;
};

/** A code as typed: spaces dropped, the random part in capitals (the grade group is kept as the stage names it). */
export const normalizeCode = (typed: string): string => {
  const code = typed.trim().replace(/\s+/g, '');
  const i = code.lastIndexOf('-');
  return i > 0 ? `${code.slice(0, i)}-${code.slice(i + 1).toUpperCase()}` : code;
};
