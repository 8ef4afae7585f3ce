import { Document, MongoServerError } from 'mongodb';
import { EventEnvelope, inParallel, Projection, ReadModelCollections, rowProjection } from '@mms/eventsourcing';
import { OLYMPIAD_SOURCE_TOPIC } from '../monitoring.topics';
import { assertSourceContract } from '../source-contracts';
import { keepsOlympiadFactsFrom, olympiadSchoolRows, protocolsPerSchool, SchoolYear, schoolYearsOf } from './olympiad-schools.rows';
import { OLYMPIAD_REVISIONS, OlympiadRevisionDocument } from './olympiad-tables';

export const OLYMPIADS_PROJECTION = 'olympiads';

const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === 11000;

/** Bumps the revision of every school row the batch touched (see OlympiadRevisionDocument). */
const bumpRevisions = async (rm: ReadModelCollections, schools: readonly SchoolYear[]): Promise<void> => {
  const revisions = rm.collection<OlympiadRevisionDocument>(OLYMPIAD_REVISIONS);
  await inParallel(schools, 8, async ({ id, schoolId, municipalityId, academicYear }) => {
    const update = { $inc: { rev: 1 }, $setOnInsert: { schoolId, municipalityId, academicYear } } as Document;
    try {
      await revisions.updateOne({ _id: id }, update, { upsert: true });
    } catch (err) {
      // Another writer inserted it a moment ago: bump that one.
      if (!isDuplicateKey(err)) throw err;
      await revisions.updateOne({ _id: id }, { $inc: { rev: 1 } });
    }
  });
};

/**
 * Monitoring's olympiad facts, fed from the contests context's public topic: the platform's
 * row projection over one pure table (a row per school and academic year; idempotent per
 * source stream), the contracts checked and final protocols split per school before the
 * table sees them. After the rows, every touched row's revision is bumped, unconditionally:
 * a redelivered batch (a crash between the two writes) bumps it again, so a revision never
 * lags its row, and a bump too many only makes a query read that school again.
 */
export const olympiadsProjection = (topic: string = OLYMPIAD_SOURCE_TOPIC): Projection => {
  const rows = rowProjection({
    name: OLYMPIADS_PROJECTION,
    topics: [topic],
    tables: [olympiadSchoolRows],
    // All checked before anything is written: a poison event fails the batch, and the
    // consumer then parks just that one, event by event.
    prepare: async (events) => {
      const kept = events.filter((e) => keepsOlympiadFactsFrom(e.type));
      kept.forEach(assertSourceContract);
      return protocolsPerSchool(kept);
    },
  });
  const applyBatch = async (events: EventEnvelope[], rm: ReadModelCollections): Promise<void> => {
    await rows.applyBatch!(events, rm);
    const touched = new Map<string, SchoolYear>();
    for (const e of events) for (const s of schoolYearsOf(e)) touched.set(s.id, s);
    await bumpRevisions(rm, [...touched.values()]);
  };
  return {
    ...rows,
    collections: [...rows.collections, OLYMPIAD_REVISIONS],
    indexes: [...(rows.indexes ?? []), { collection: OLYMPIAD_REVISIONS, keys: { academicYear: 1, municipalityId: 1 } }],
    apply: (event, rm) => applyBatch([event], rm),
    applyBatch,
  };
};
