import { inParallel } from '@mms/eventsourcing/core';
import type { ReadTable } from '@mms/eventsourcing/core';
import type { PartitionRow } from '../partitions/partition.rows';
import type { ProtocolRow } from '../partitions/protocol';
import { PublicRow, publicRowOf } from './masking';
import type { PublicStudentRow } from './public-results.rows';
import { municipalityRevisionId, PublicRevision, stageRevisionId, stampOf } from './public-revisions';

export interface PublicTables {
  partitions: ReadTable<PartitionRow>;
  publicStudents: ReadTable<PublicStudentRow>;
  publicRevisions: ReadTable<PublicRevision>;
}

export interface PublicPartitionResults {
  groupId: string;
  status: PartitionRow['status'];
  maxScore: number;
  rows: PublicRow[];
}

interface Kept {
  stamp: string;
  municipalities: string[];
  answer: PublicPartitionResults[];
}

/** Answers kept per replica and read model (a table object), the most recently used last. */
const kept = new WeakMap<object, Map<string, Kept>>();
const KEPT_STAGES = 64;

/**
 * A stage's published protocols for everyone, masked line by line (masking.ts). While the
 * stage's protocols and its municipalities' students are unchanged (their revisions, two
 * point reads for a municipal stage), the answer this replica made last time is reused;
 * otherwise it is made again, each revision read before the rows it covers (the projection
 * bumps it after them), so an answer is never kept under a newer revision than its rows.
 */
export const publicResultsOf = async (t: PublicTables, stageId: string): Promise<PublicPartitionResults[]> => {
  let answers = kept.get(t.publicRevisions);
  if (!answers) kept.set(t.publicRevisions, (answers = new Map()));
  const last = answers.get(stageId);
  if (last && (await stampOf(t.publicRevisions, [stageRevisionId(stageId), ...last.municipalities.map(municipalityRevisionId)])) === last.stamp) {
    answers.delete(stageId);
    answers.set(stageId, last);
    return last.answer;
  }

  const stageStamp = await stampOf(t.publicRevisions, [stageRevisionId(stageId)]);
  // The partitions' rows themselves: read again only when a revision moved (a copy kept for
  // this query would cost every protocol event a second write, in the pipeline's hot path).
  const protocols = (await t.partitions.find({ stageId }, { sort: { groupId: 1 } })).filter((p) => p.status !== 'SCORING');
  const lines = protocols.flatMap((p) => p.rows);
  const municipalities = [...new Set(lines.map((r) => r.municipalityId))].sort();
  const studentsStamp = await stampOf(t.publicRevisions, municipalities.map(municipalityRevisionId));
  const students = await factsOf(t, lines);
  const answer = protocols.map((p) => ({
    groupId: p.groupId,
    status: p.status,
    maxScore: p.maxScore ?? 0,
    rows: p.rows.flatMap((r) => publicRowOf(r, students.get(r.studentId) ?? null) ?? []),
  }));
  // A student registered in another municipality than their line's is not covered by these revisions: not kept.
  if (lines.every((r) => !students.has(r.studentId) || municipalities.includes(students.get(r.studentId)!.tenantId))) {
    answers.delete(stageId);
    if (answers.size >= KEPT_STAGES) answers.delete(answers.keys().next().value!);
    answers.set(stageId, { stamp: [stageStamp, studentsStamp].filter(Boolean).join('|'), municipalities, answer });
  }
  return answer;
};

/** Masking's facts of the lines' students: each school's at once (an indexed equality), one who moved school since by id. */
const factsOf = async (t: PublicTables, lines: ProtocolRow[]) => {
  const students = new Map<string, PublicStudentRow>();
  await inParallel([...new Set(lines.map((r) => r.schoolId))], 4, async (schoolId) => {
    for (const s of await t.publicStudents.find({ schoolId })) students.set(s._id, s);
  });
  const moved = [...new Set(lines.map((r) => r.studentId))].filter((id) => !students.has(id));
  await inParallel(moved, 4, async (id) => {
    const s = await t.publicStudents.get(id);
    if (s) students.set(id, s);
  });
  return students;
};
