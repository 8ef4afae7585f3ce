import { mongoTable, ReadModelCollections } from '@mms/eventsourcing';
import { MUNICIPALITIES, MunicipalityDocument, SCHOOL_REVISIONS, SchoolRevisionDocument, SchoolRow, SCHOOLS } from '../educator-facts/educator-facts.documents';
import type { IndicatorTables } from './indicator-tables';

/**
 * The tables of the generation active when a query starts: all of one query's reads (and
 * its cache key) stay on that generation even if a rebuild switches meanwhile.
 */
export const generationTables = (readModel: () => Promise<ReadModelCollections>) => async (): Promise<IndicatorTables> => {
  const rm = await readModel();
  const table = <R extends { _id: string }>(logical: string) => mongoTable<R>(async () => rm.collection(logical));
  return {
    // The physical collection name holds the generation number.
    generation: rm.collection(SCHOOLS).collectionName,
    schools: table<SchoolRow>(SCHOOLS),
    schoolRevisions: table<SchoolRevisionDocument>(SCHOOL_REVISIONS),
    municipalities: table<MunicipalityDocument>(MUNICIPALITIES),
  };
};
