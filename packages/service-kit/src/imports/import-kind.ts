import type { RequestContext } from '@mms/auth';
import type { Separator } from './csv';
import type { ImportFormat } from './file-format';
import type { ImportActor, ImportProblem, ImportRecord, StagedRow } from './import-store';

/** Who runs an import: the tenant it writes into and what its events carry. */
export interface ImportCaller {
  tenantId: string;
  actor: ImportActor;
  correlationId: string;
  causationId: string | null;
  /** What the file is for, from the upload's query (an olympiad stage's scores: `stageId`); kept with the import. */
  scope?: Record<string, string>;
}

/** What the kind's hooks get while an import runs (also after a restart, from the record). */
export interface ImportRun extends ImportCaller {
  importId: string;
  /** The region's day the file arrived. */
  receivedOn: string;
}

/** A row read from a line, with the group it is applied with; or the line's problem in words. */
export type RowOutcome<Data> = { group: string; data: Data } | { problem: string };

/**
 * One kind of import (diagnostics; later olympiad scores, assessment results): what its
 * lines mean and how its rows are applied. The engine (importer.ts) does the rest the same
 * for every kind: reading, staging, progress, the report, resuming.
 *
 * - `row` is pure: the same rule the kind's manual entry uses, so a value refused by hand
 *   is refused in a file with the same words.
 * - `checkGroup` (optional) checks facts about a group before anything is applied (is the
 *   educator one of this municipality's): a refusal rejects every line of the group.
 * - `applyGroup` writes one group's rows at once (one commit) and must be idempotent: a run
 *   resumed after a crash calls it again for groups already written, and it must then
 *   write nothing and answer null. Null: applied; a string: refused (every line of the
 *   group gets it); a throw: the database or the broker failed, the run stops and is resumed.
 * - `checkGroups` / `applyGroups` (optional): the same for a list of groups at once, one answer
 *   per group in the list's order, for a kind that can write many groups in one bulk command
 *   (each group a stream: `CommandHandler.handleMany`). The engine then sends lists of
 *   `groupsPerCall` instead of one call per group; each group must be judged exactly as the
 *   single hook judges it (the single hook may simply call the list one with one group).
 * - `finished` (optional, idempotent) records the outcome once the import is DONE or FAILED
 *   for its content.
 */
export interface ImportKind<Data = unknown> {
  /** The upload path segment: POST /imports/<name>. */
  readonly name: string;
  /** Columns (the CSV header, a worksheet's first row), all required, in the documented order (files may order them freely). */
  readonly columns: readonly string[];
  /** Columns a file may leave out, or leave empty on a line (a score file's juror). */
  readonly optionalColumns?: readonly string[];
  /**
   * Who may import this kind, and into which tenant; throws FORBIDDEN otherwise. `params` are
   * the upload's other query parameters (`?stageId=`): the kind checks what it needs and
   * returns them as the caller's `scope`.
   */
  authorize(req: RequestContext, params?: Record<string, string>): ImportCaller | Promise<ImportCaller>;
  /**
   * `line` is the line of a CSV or the row number of a worksheet; `separator` is the CSV's
   * (a worksheet's rows are told `;`, so a decimal comma typed as text is read as in a
   * Russian-locale CSV; its numbers come with a point).
   */
  row(values: Record<string, string>, at: { line: number; separator: Separator; today: string; format: ImportFormat }): RowOutcome<Data>;
  checkGroup?(group: string, rows: StagedRow<Data>[], run: ImportRun): Promise<string | null>;
  /**
   * Null: every row applied; a string: every row refused with it; `{ refused }`: those lines
   * refused, each with its reason (a rule only the group's facts can judge: an unknown code),
   * the rest applied in the same write. A resumed run must answer the same again.
   */
  applyGroup(group: string, rows: StagedRow<Data>[], run: ImportRun): Promise<string | null | { refused: ImportProblem[] }>;
  checkGroups?(groups: ReadonlyArray<readonly [string, StagedRow<Data>[]]>, run: ImportRun): Promise<Array<string | null>>;
  applyGroups?(groups: ReadonlyArray<readonly [string, StagedRow<Data>[]]>, run: ImportRun): Promise<Array<string | null | { refused: ImportProblem[] }>>;
  finished?(record: ImportRecord, firstProblems: ImportProblem[], run: ImportRun): Promise<void>;
  /** An id this kind used before the import store existed (refused for a new file). */
  idTaken?(importId: string, caller: ImportCaller): Promise<boolean>;
}
