import { mongoTable, ReadModelCollections } from '@mms/eventsourcing';
import type { OlympiadSchoolRow } from './olympiad-schools.rows';
import { OLYMPIAD_REVISIONS, OLYMPIAD_SCHOOLS, OlympiadRevisionDocument, OlympiadTables } from './olympiad-tables';

/** The tables of the generation active when a query starts (its cache key names the generation). */
export const olympiadGenerationTables = (readModel: () => Promise<ReadModelCollections>) => async (): Promise<OlympiadTables> => {
  const rm = await readModel();
  const table = <R extends { _id: string }>(logical: string) => mongoTable<R>(async () => rm.collection(logical));
  return {
    // The physical collection name holds the generation number.
    generation: rm.collection(OLYMPIAD_SCHOOLS).collectionName,
    schools: table<OlympiadSchoolRow>(OLYMPIAD_SCHOOLS),
    revisions: table<OlympiadRevisionDocument>(OLYMPIAD_REVISIONS),
  };
};
