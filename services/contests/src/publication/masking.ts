import type { Consent } from '../students/student.decider';
import type { ProtocolRow } from '../partitions/protocol';

export interface PublicRow {
  /** The code, or surname and initials with the parent's consent to publish results. */
  participant: string;
  grade: number;
  schoolId: string;
  score: number;
  rank: number;
  status: ProtocolRow['status'];
}

/** What masking reads of a protocol line (the public read model keeps only this). */
export type MaskedLine = Pick<ProtocolRow, 'code' | 'grade' | 'schoolId' | 'score' | 'rank' | 'status'>;

/** What masking reads of a student (a student row, or the public read model's compact copy). */
export interface MaskingFacts {
  consent: Pick<Consent, 'participation' | 'publishResults'> | null;
  shortName: string | null;
  status: string;
}

/**
 * What every public output (API, CSV, XLSX) may show of one protocol line: never a full name
 * or a birth date; the short name only with the publication consent; nothing at all once the
 * consent to participate is withdrawn or the student erased (the entry is retracted).
 */
export const publicRowOf = (row: MaskedLine, student: MaskingFacts | null): PublicRow | null => {
  if (!student || student.status !== 'ACTIVE' || !student.consent?.participation) return null;
  const named = student.consent.publishResults && student.shortName ? student.shortName : row.code;
  return { participant: named, grade: row.grade, schoolId: row.schoolId, score: row.score, rank: row.rank, status: row.status };
};
