import { Collection, Db, Document, IndexSpecification, CreateIndexesOptions } from 'mongodb';
import { EventEnvelope } from '../core';

/** Resolves a projection's logical collection names to the physical ones of a generation. */
export interface ReadModelCollections {
  collection<T extends Document = Document>(name: string): Collection<T>;
}

export interface ProjectionIndex {
  collection: string;
  keys: IndexSpecification;
  options?: CreateIndexesOptions;
}

/**
 * A read model fed from Kafka topics. `apply` must be idempotent: a redelivered event
 * must change nothing (use `applyOnce` or version-guarded writes).
 */
export interface Projection {
  name: string;
  topics: string[];
  /** Logical collections this projection owns. */
  collections: string[];
  indexes?: ProjectionIndex[];
  /**
   * The shape of the read model (default 1). Raise it when `apply` starts writing
   * documents the old code did not (a new collection, a new field readers rely on): a
   * runner that finds the active generation built by another version rebuilds it at start,
   * while readers keep the old generation until the switch.
   */
  version?: number;
  apply(event: EventEnvelope, rm: ReadModelCollections): Promise<void>;
  /**
   * Optional: consecutive events of one partition at once, with the same effect as `apply`
   * on each in turn (a read model that writes once per document per batch catches up
   * faster). On failure the runner falls back to `apply` event by event.
   */
  applyBatch?(events: EventEnvelope[], rm: ReadModelCollections): Promise<void>;
  /**
   * Optional: a rebuild folded in memory. The runner hands it every event up to the offsets
   * seen when the rebuild started (each stream's in order, as `apply` gets them), then
   * `write` puts the result into the new generation's empty collections in few inserts.
   * Anything it throws makes the runner rebuild through `apply` instead.
   */
  replay?(): ProjectionReplay;
}

/** A rebuild's fold in memory (Projection.replay). */
export interface ProjectionReplay {
  add(events: EventEnvelope[]): Promise<void>;
  /** Documents held so far (the runner gives up folding past its limit). */
  readonly size: number;
  /** Writes the fold into empty collections. */
  write(rm: ReadModelCollections): Promise<void>;
}

export const physicalName = (projection: string, generation: number, logical: string) => `rm_${projection}_g${generation}_${logical}`;

export const generationCollections = (db: Db, projection: string, generation: number): ReadModelCollections => ({
  collection: <T extends Document>(name: string) => db.collection<T>(physicalName(projection, generation, name)),
});
