import { SaxesTagPlain } from 'saxes';

/* The XLSX reader's errors and its small XML helpers. */

/** A workbook that cannot be read (not a zip, no worksheet, encrypted, broken XML): the file is refused whole. */
export class XlsxError extends Error {}

/** A part of the workbook that unpacks to more than the limits allow (a zip bomb, or a table too large to hold). */
export class XlsxTooLarge extends XlsxError {}

/** A tag's name without its namespace prefix (`x:row` is `row`). */
export const local = (name: string) => name.slice(name.indexOf(':') + 1);

export const attr = (tag: SaxesTagPlain, name: string): string | undefined => tag.attributes[name];

/** The value of an attribute in any namespace (`r:id`, `ns1:id`). */
export const prefixedAttr = (tag: SaxesTagPlain, name: string): string | undefined => {
  for (const [key, value] of Object.entries(tag.attributes)) if (key.endsWith(`:${name}`)) return value;
  return undefined;
};

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
