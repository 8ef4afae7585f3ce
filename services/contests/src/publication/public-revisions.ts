import { randomUUID } from 'node:crypto';
import type { Collection, Document } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { inParallel } from '@mms/eventsourcing/core';
import type { EventEnvelope, ReadTable } from '@mms/eventsourcing/core';
import { partitionRows } from '../partitions/partition.rows';
import { studentRows } from '../students/student.rows';

/*
 * Revisions of what public results are made of, so a replica may keep an answer and reuse it
 * while nothing under it changed: a stage's published protocols (bumped by its protocol
 * events) and a municipality's students' masking facts (bumped by its students' events);
 * and of each partition's row, so a protocol read again and again while nothing happens (a
 * page waiting for a decision) costs a tiny read, not its whole protocol.
 * Bumped after the rows, unconditionally (as monitoring's olympiad revisions): a redelivered
 * batch bumps again, so a revision never lags its rows, and a bump too many only costs one
 * recomputed answer. The token is new whenever the document is, so a rebuilt read model
 * (counting from 1 again) never matches an answer kept from the old one.
 */

export const PUBLIC_REVISIONS = 'public_revisions';

export interface PublicRevision {
  _id: string;
  rev: number;
  token: string;
}

export const stageRevisionId = (stageId: string) => `stage~${stageId}`;
export const municipalityRevisionId = (municipalityId: string) => `municipality~${municipalityId}`;
export const partitionRevisionId = (partitionId: string) => `partition~${partitionId}`;

const PROTOCOL_EVENTS = new Set(['ProtocolPublished', 'ProtocolRevised', 'ProtocolApproved']);

/** The revisions a batch of contests' internal events moves. */
export const publicRevisionsOf = (events: readonly EventEnvelope[]): string[] => {
  const ids = new Set<string>();
  for (const e of events) {
    const d = e.data as { stageId?: string; municipalityId?: string };
    for (const id of partitionRows.rowsOf(e)) ids.add(partitionRevisionId(id));
    if (PROTOCOL_EVENTS.has(e.type)) ids.add(stageRevisionId(d.stageId!));
    else if (studentRows.rowsOf(e).length) ids.add(municipalityRevisionId(d.municipalityId ?? e.tenantId));
  }
  return [...ids];
};

const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === 11000;

export const bumpPublicRevisions = async (revisions: Collection<PublicRevision>, ids: readonly string[]): Promise<void> => {
  await inParallel(ids, 8, async (id) => {
    try {
      await revisions.updateOne({ _id: id }, { $inc: { rev: 1 }, $setOnInsert: { token: randomUUID() } } as Document, { upsert: true });
    } catch (err) {
      // Another writer inserted it a moment ago: bump that one.
      if (!isDuplicateKey(err)) throw err;
      await revisions.updateOne({ _id: id }, { $inc: { rev: 1 } });
    }
  });
};

/** A replica's kept reads, per read model (a table object) and key, the most recently used last. */
export const keptReads = <T>(capacity: number) => {
  const kept = new WeakMap<object, Map<string, { stamp: string; value: T }>>();
  const of = (model: object) => {
    let m = kept.get(model);
    if (!m) kept.set(model, (m = new Map()));
    return m;
  };
  return {
    get: (model: object, key: string, stamp: string): T | undefined => {
      const m = of(model);
      const hit = m.get(key);
      if (!hit || hit.stamp !== stamp) return undefined;
      m.delete(key);
      m.set(key, hit);
      return hit.value;
    },
    set: (model: object, key: string, stamp: string, value: T) => {
      const m = of(model);
      m.delete(key);
      if (m.size >= capacity) m.delete(m.keys().next().value!);
      m.set(key, { stamp, value });
    },
  };
};

/** The revisions' stamp: each id with its token and count, '-' for one not written yet. */
export const stampOf = async (revisions: ReadTable<PublicRevision>, ids: string[]) =>
  (await inParallel(ids, 4, (id) => revisions.get(id))).map((r, i) => `${ids[i]}:${r ? `${r.token}:${r.rev}` : '-'}`).join('|');
