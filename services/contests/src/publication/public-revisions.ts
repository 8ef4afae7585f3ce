import { randomUUID } from 'node:crypto';
import type { Collection, Document } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { inParallel } from '@mms/eventsourcing/core';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { studentRows } from '../students/student.rows';

/*
 * Revisions of what public results are made of, so a replica may keep an answer and reuse it
 * while nothing under it changed: a stage's published protocols (bumped by its protocol
 * events) and a municipality's students' masking facts (bumped by its students' events).
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

const PROTOCOL_EVENTS = new Set(['ProtocolPublished', 'ProtocolRevised', 'ProtocolApproved']);

/** The revisions a batch of contests' internal events moves. */
export const publicRevisionsOf = (events: readonly EventEnvelope[]): string[] => {
  const ids = new Set<string>();
  for (const e of events) {
    const d = e.data as { stageId?: string; municipalityId?: string };
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
