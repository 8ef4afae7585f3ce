import type { RowTable } from '@mms/eventsourcing/core';
import type { EntriesEvent } from './entries.decider';

/** One student's entry as a school's list holds it. */
export interface SchoolEntry {
  studentId: string;
  grade: number;
  groupId: string;
  code: string | null;
  status: 'ENTERED' | 'WITHDRAWN';
}

/**
 * A school's entries for a stage in one row (`<stageId>~<schoolId>`: the entries stream's own
 * grain), its list packed in one text. What a score file and the jury's assignment read for a
 * grade group: the stage's few school rows in one find, not the group's entries one document
 * each (FerretDB decodes a document field by field: 105 entries of a group took 17 ms alone,
 * 40–80 ms under an upload, most of a score file's database time).
 */
export interface SchoolEntriesRow {
  _id: string;
  stageId: string;
  schoolId: string;
  municipalityId: string;
  entries: SchoolEntry[];
}

export const schoolEntriesRowId = (stageId: string, schoolId: string) => `${stageId}~${schoolId}`;

const withEntry = (entries: SchoolEntry[], studentId: string, change: (e: SchoolEntry | undefined) => SchoolEntry | undefined): SchoolEntry[] => {
  const at = entries.findIndex((e) => e.studentId === studentId);
  const next = change(at < 0 ? undefined : entries[at]);
  if (!next) return entries;
  return at < 0 ? [...entries, next] : entries.map((e, i) => (i === at ? next : e));
};

export const schoolEntriesRows: RowTable<SchoolEntriesRow> = {
  collection: 'school_entries',
  packed: ['entries'],
  indexes: [{ keys: { stageId: 1 } }],
  rowsOf: (e) => {
    if (e.type !== 'StudentEntered' && e.type !== 'EntryWithdrawn' && e.type !== 'CodesIssued') return [];
    const d = e.data as { stageId: string; schoolId: string };
    return [schoolEntriesRowId(d.stageId, d.schoolId)];
  },
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as EntriesEvent;
    const d = e.data;
    const base: SchoolEntriesRow = row ?? {
      _id: schoolEntriesRowId(d.stageId, d.schoolId),
      stageId: d.stageId,
      schoolId: d.schoolId,
      municipalityId: d.municipalityId,
      entries: [],
    };
    switch (e.type) {
      case 'StudentEntered':
        return {
          ...base,
          entries: withEntry(base.entries, e.data.studentId, (had) => ({
            studentId: e.data.studentId,
            grade: e.data.grade,
            groupId: e.data.groupId,
            code: had?.code ?? null,
            status: 'ENTERED',
          })),
        };
      case 'EntryWithdrawn':
        return { ...base, entries: withEntry(base.entries, e.data.studentId, (had) => had && { ...had, status: 'WITHDRAWN' }) };
      case 'CodesIssued': {
        let entries = base.entries;
        for (const c of e.data.codes) entries = withEntry(entries, c.studentId, (had) => had && { ...had, code: c.code });
        return { ...base, entries };
      }
      default:
        return row;
    }
  },
};
