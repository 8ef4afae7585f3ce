import { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Integration events are public contracts: a type, a schema version and a JSON Schema
 * (TypeBox gives both the schema and its TypeScript type). A new version is added
 * beside the old one with an upcaster; consumers upcast on read.
 */
export interface ContractVersion {
  schema: TSchema;
  /** Turns data of this version into the next version's shape. */
  upcast?: (data: any) => any;
}

export interface EventContract {
  type: string;
  /** Kafka topic the event is published on. */
  topic: string;
  versions: Record<number, ContractVersion>;
}

export const latestVersion = (c: EventContract): number => Math.max(...Object.keys(c.versions).map(Number));

export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** Throws ContractViolation listing what does not match. */
export const assertMatches = (c: EventContract, version: number, data: unknown): void => {
  const v = c.versions[version];
  if (!v) throw new ContractViolation(`${c.type} has no schema version ${version}`);
  if (!Value.Check(v.schema, data)) {
    const problems = [...Value.Errors(v.schema, data)].slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new ContractViolation(`${c.type} v${version} does not match its contract: ${problems.join('; ')}`);
  }
};
