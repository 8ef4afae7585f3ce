/**
 * Upcasters turn a stored event's data from an old schema version to the next one.
 * They run on read; stored events are never rewritten.
 */
export type Upcaster = (data: any) => any;

export interface EventSchemas {
  /** type → current schema version (types not listed are version 1). */
  current: Record<string, number>;
  /** type → fromVersion → upcaster to fromVersion + 1 */
  upcasters?: Record<string, Record<number, Upcaster>>;
}

export class Upcasting {
  constructor(private readonly schemas: EventSchemas = { current: {} }) {}

  currentVersion(type: string): number {
    return this.schemas.current[type] ?? 1;
  }

  upcast(type: string, version: number, data: unknown): { data: unknown; schemaVersion: number } {
    const target = this.currentVersion(type);
    let v = version;
    let d = data;
    while (v < target) {
      const step = this.schemas.upcasters?.[type]?.[v];
      if (!step) throw new Error(`no upcaster for ${type} from schema version ${v}`);
      d = step(d);
      v++;
    }
    return { data: d, schemaVersion: v };
  }
}
