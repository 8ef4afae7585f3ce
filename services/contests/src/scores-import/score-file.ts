import type { RowOutcome } from '@mms/service-kit/core';
import { groupOfCode, normalizeCode } from '../entries/code-format';

/** A score file's columns: `code;task;score` and, in double scoring, `juror`. */
export const SCORE_COLUMNS = ['code', 'task', 'score'] as const;
export const SCORE_OPTIONAL_COLUMNS = ['juror'] as const;

export interface ScoreLine {
  code: string;
  taskId: string;
  score: number;
  jurorId: string | null;
}

const ID = /^[A-Za-z0-9_~-]{1,128}$/;

/**
 * One line of a score file, pure: the shape only (a code names its grade group, the group is
 * what the rows are applied by). Whether the code, the task and the points fit the stage is
 * judged with the partition's facts when the group is applied.
 */
export const readScoreLine = (values: Record<string, string>, separator: string): RowOutcome<ScoreLine> => {
  const code = normalizeCode(values['code']!);
  const group = groupOfCode(code);
  if (!group) return { problem: `code "${values['code']}" is not a participant code` };
  const taskId = values['task']!.trim();
  if (!ID.test(taskId)) return { problem: `task "${taskId}" is not a task id` };
  const raw = values['score']!.trim();
  const text = separator === ';' ? raw.replace(',', '.') : raw;
  const score = /^\d+(\.\d{1,2})?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(score)) return { problem: `score "${raw}" must be a number of points ≥ 0 with at most two decimals` };
  const juror = (values['juror'] ?? '').trim();
  if (juror && !ID.test(juror)) return { problem: `juror "${juror}" is not an id` };
  return { group, data: { code, taskId, score, jurorId: juror || null } };
};
