import { ForbiddenError, PlatformError, ValidationError } from '@mms/eventsourcing/core';
import type { ImportKind, ImportProblem, ImportRun, StagedRow } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import { streams } from '../contests.streams';
import { codedWorks } from '../entries/coded-works';
import { loadStage } from '../entries/entries.handlers';
import { markProblem, marksByTask, partitionDecider } from '../partitions/partition.decider';
import { juryOf, rulesOf } from '../partitions/partition.handlers';
import type { PartitionWork } from '../partitions/protocol';
import type { ScoreMark } from '../partitions/scoring';
import type { StageRow } from '../stages/stage.rows';
import { readScoreLine, SCORE_COLUMNS, SCORE_OPTIONAL_COLUMNS, ScoreLine } from './score-file';

/** The upload path segment and the import store's kind: POST /imports/olympiad-scores?stageId=…. */
export const SCORES_IMPORT = 'olympiad-scores';

const runContext = (run: ImportRun) => ({
  tenantId: run.tenantId,
  actor: run.actor,
  correlationId: run.correlationId,
  ...(run.causationId ? { causationId: run.causationId } : {}),
});

/**
 * A stage's score file as an import kind (README "Imports"): the organiser's file, one grade
 * group (the code says which) applied in one commit of its partition, lines the partition's
 * facts refuse (unknown code or task, points above the maximum, a juror of the work's school,
 * a repeated line) reported by line while the rest are applied. A re-run of the same file, or
 * a run resumed after a crash, adds nothing: the same scores are no change to the decider.
 */
export const scoresImportKind = (d: ContestsDeps): ImportKind<ScoreLine> => {
  const { stageOf, worksOf, forget } = runCache(d);
  return {
    name: SCORES_IMPORT,
    columns: SCORE_COLUMNS,
    optionalColumns: SCORE_OPTIONAL_COLUMNS,

    authorize: async (req, params = {}) => {
      const stageId = params['stageId'];
      if (!stageId) throw new ValidationError('name the stage the scores are for: ?stageId=<id>', [{ field: 'stageId', message: 'is required' }]);
      const stage = await loadStage(d, stageId);
      const user = access.organiser(req.user, stage.tenantId, 'import scores');
      return {
        tenantId: stage.tenantId,
        actor: { subject: user.subject, role: user.role },
        correlationId: req.correlationId,
        causationId: req.requestId,
        scope: { stageId },
      };
    },

    row: (values, at) => readScoreLine(values, at.separator),

    checkGroup: async (groupId, _rows, run) => {
      const stage = await stageOf(run);
      return stage.groups.some((g) => g.groupId === groupId) ? null : `the stage has no grade group ${groupId} (the code's first part)`;
    },

    applyGroup: async (groupId, rows, run) => {
      const stage = await stageOf(run);
      if (
        !access.isOrganiserOf(
          {
            subject: run.actor.subject,
            role: run.actor.role as never,
            municipalityId: run.tenantId === 'region' ? null : run.tenantId,
            organizationId: null,
            educatorId: null,
          },
          stage.tenantId,
        )
      )
        throw new ForbiddenError('the stage moved to another organiser');
      const rules = rulesOf(stage, groupId);
      const jury = juryOf(stage);
      const works = worksIn(await worksOf(run), groupId, rows);
      let refused: ImportProblem[] = [];
      try {
        await d.commands.handle(
          partitionDecider,
          streams.partition(stage._id, groupId),
          (state) => {
            const index = marksByTask(state.marks);
            const key = (mark: { code: string; taskId: string }) => `${mark.code}|${mark.taskId}`;
            const judged = judge(
              rows,
              works,
              (work, mark) => markProblem(index.get(key(mark)) ?? [], rules, jury, work, mark),
              // A file may hold the first scores and the third check of one task: later lines are judged after earlier ones.
              (mark) =>
                index.set(key(mark), [...(index.get(key(mark)) ?? []), { ...mark, round: (index.get(key(mark)) ?? []).length >= 2 ? 'THIRD' : 'FIRST' }]),
            );
            refused = judged.refused;
            return {
              type: 'RecordScores' as const,
              stageId: stage._id,
              groupId,
              batchId: `${run.importId}:${groupId}`,
              rules,
              jury,
              works: [...works.values()],
              marks: judged.marks,
            };
          },
          runContext(run),
        );
      } catch (err) {
        // A rule refusing the whole group (scores locked after publication) is the file's problem; anything else stops the run.
        if (err instanceof PlatformError && err.code !== 'CONCURRENCY_CONFLICT') return err.message;
        throw err;
      }
      return refused.length ? { refused } : null;
    },

    finished: async (_record, _problems, run) => forget(run),
  };
};

/**
 * The stage and its coded works as the import's first group found them, once per run (not per
 * group: the stage is its stream, the works every school row of the stage). A change meanwhile
 * (the stage's settings, a code issued or withdrawn) is seen by the next file, as if the file
 * had been sent a moment earlier; the organiser's right is still checked per group against this
 * copy, and the partition's decider judges every line against its own state.
 */
const runCache = (d: ContestsDeps) => {
  const stages = perRun<StageRow>((run) => loadStage(d, run.scope!['stageId']!));
  const works = perRun<Map<string, PartitionWork[]>>(async (run) => codedWorks(d, (await stages.of(run))._id));
  return {
    stageOf: stages.of,
    worksOf: works.of,
    forget: (run: ImportRun) => {
      stages.forget(run);
      works.forget(run);
    },
  };
};

/** A value loaded once per import run, kept until the run finishes (at most 64 runs: ones that never finish here must not pile up). */
const perRun = <T>(load: (run: ImportRun) => Promise<T>) => {
  const cache = new Map<string, Promise<T>>();
  const key = (run: ImportRun) => `${run.tenantId}|${run.importId}`;
  return {
    of: (run: ImportRun): Promise<T> => {
      let value = cache.get(key(run));
      if (!value) {
        if (cache.size >= 64) cache.delete(cache.keys().next().value!);
        value = load(run);
        value.catch(() => cache.delete(key(run)));
        cache.set(key(run), value);
      }
      return value;
    },
    forget: (run: ImportRun) => void cache.delete(key(run)),
  };
};

/**
 * The entered works of the file's codes in the grade group the group's lines name. A code names
 * its entry's group for good: it is issued as `<groupId>-<random>` and the entries' decider
 * refuses another grade once it is issued.
 */
export const worksIn = (byGroup: Map<string, PartitionWork[]>, groupId: string, rows: StagedRow<ScoreLine>[]) => {
  const codes = new Set(rows.map((r) => r.data.code));
  return new Map<string, PartitionWork>((byGroup.get(groupId) ?? []).filter((w) => codes.has(w.code)).map((w) => [w.code, w]));
};

/** Line by line: unknown codes, repeated lines and what the partition's rule refuses; the rest are the marks to record. */
export const judge = (
  rows: StagedRow<ScoreLine>[],
  works: Map<string, PartitionWork>,
  problemOf: (work: PartitionWork, mark: Omit<ScoreMark, 'round'>) => { message: string } | null,
  accepted: (mark: Omit<ScoreMark, 'round'>) => void = () => undefined,
) => {
  const refused: ImportProblem[] = [];
  const marks: Omit<ScoreMark, 'round'>[] = [];
  const seen = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.line - b.line)) {
    const { code, taskId, score, jurorId } = r.data;
    const work = works.get(code);
    if (!work) {
      refused.push({ line: r.line, message: `unknown code ${code}: no participant of this stage has it` });
      continue;
    }
    const key = `${code}|${taskId}|${jurorId ?? ''}`;
    if (seen.has(key)) {
      refused.push({ line: r.line, message: `duplicate of line ${seen.get(key)}: the same work, task and juror` });
      continue;
    }
    const mark = { code, taskId, jurorId, score };
    const problem = problemOf(work, mark);
    if (problem) refused.push({ line: r.line, message: problem.message });
    else {
      // Only an applied line makes a later one a duplicate: a refused line can be corrected further down.
      seen.set(key, r.line);
      marks.push(mark);
      accepted(mark);
    }
  }
  return { refused, marks };
};
