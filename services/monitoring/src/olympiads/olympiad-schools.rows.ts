import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import type { ParticipationChanged, ResultsFinalised } from '@mms/contracts/events';
import { ContestsContracts } from '@mms/contracts/events';

/**
 * Monitoring's olympiad facts: one row per school and academic year, from the contests
 * context's public events (ids only, no names). Per stage the school's students are kept as
 * sorted id sets, so every rule only sets membership: applying an event again, or events of
 * different streams in another order, gives the same row.
 */
export type OlympiadLevel = 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';

export interface OlympiadStageAtSchool {
  readonly stageId: string;
  readonly subject: string;
  readonly level: OlympiadLevel;
  /** Entered for the stage by this school and not withdrawn (the stage's entries stream of this school says; in order). */
  readonly entered: readonly string[];
  /** Listed in a final protocol of the stage (any grade group, any status) as a student of this school. */
  readonly listed: readonly string[];
  /** Listed as WINNER. */
  readonly winners: readonly string[];
  /** Listed as PRIZE_WINNER. */
  readonly prizeWinners: readonly string[];
}

export interface OlympiadSchoolRow {
  /** olympiadSchoolRowId(academicYear, schoolId). */
  readonly _id: string;
  readonly schoolId: string;
  /** As the first event about the school said (a school never changes municipality). */
  readonly municipalityId: string;
  readonly academicYear: string;
  /** Stages with anyone entered or listed, by stageId. */
  readonly stages: readonly OlympiadStageAtSchool[];
}

export const olympiadSchoolRowId = (academicYear: string, schoolId: string): string => `${academicYear}~${schoolId}`;

export const PARTICIPATION_CHANGED = ContestsContracts.ParticipationChanged.type;
export const RESULTS_FINALISED = ContestsContracts.ResultsFinalised.type;

/** The public events monitoring keeps olympiad facts from. */
export const keepsOlympiadFactsFrom = (type: string): boolean => type === PARTICIPATION_CHANGED || type === RESULTS_FINALISED;

/** The school (and its municipality) a row is about, per row an event touches. */
export interface SchoolYear {
  readonly id: string;
  readonly schoolId: string;
  readonly municipalityId: string;
  readonly academicYear: string;
}

/** Every school-year row an event touches (a protocol lists students of many schools), once each. */
export const schoolYearsOf = (e: Pick<EventEnvelope, 'type' | 'data'>): SchoolYear[] => {
  if (e.type === PARTICIPATION_CHANGED) {
    const d = e.data as ParticipationChanged;
    return [{ id: olympiadSchoolRowId(d.academicYear, d.schoolId), schoolId: d.schoolId, municipalityId: d.municipalityId, academicYear: d.academicYear }];
  }
  if (e.type !== RESULTS_FINALISED) return [];
  const d = e.data as ResultsFinalised;
  const out = new Map<string, SchoolYear>();
  for (const r of d.results) {
    const id = olympiadSchoolRowId(d.academicYear, r.schoolId);
    if (!out.has(id)) out.set(id, { id, schoolId: r.schoolId, municipalityId: r.municipalityId, academicYear: d.academicYear });
  }
  return [...out.values()];
};

/**
 * A final protocol as one envelope per school it lists, each with that school's results
 * only: a row table's evolve is not told which row it builds, so an event must name its row
 * alone for a row that does not exist yet to be made from it (a protocol may arrive before
 * any entry of a school). The envelopes keep the source stream and version; each reaches
 * one row, so each row's "seen" bookkeeping stays exact. Other events pass unchanged.
 */
export const protocolsPerSchool = (events: readonly EventEnvelope[]): EventEnvelope[] =>
  events.flatMap((e) => {
    if (e.type !== RESULTS_FINALISED) return [e];
    const d = e.data as ResultsFinalised;
    const bySchool = new Map<string, ResultsFinalised['results']>();
    for (const r of d.results) bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r]);
    return [...bySchool.values()].map((results) => ({ ...e, data: { ...d, results } }));
  });

/** Position of `id` in a sorted list, or where it would go. */
const positionOf = (sorted: readonly string[], id: string): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const withId = (sorted: readonly string[], id: string): readonly string[] => {
  const at = positionOf(sorted, id);
  return sorted[at] === id ? sorted : [...sorted.slice(0, at), id, ...sorted.slice(at)];
};

const withoutId = (sorted: readonly string[], id: string): readonly string[] => {
  const at = positionOf(sorted, id);
  return sorted[at] === id ? [...sorted.slice(0, at), ...sorted.slice(at + 1)] : sorted;
};

const withIds = (sorted: readonly string[], ids: readonly string[]): readonly string[] => ids.reduce(withId, sorted);

type StageLabel = Pick<OlympiadStageAtSchool, 'stageId' | 'subject' | 'level'>;

/** The row with one stage changed; a stage left with nobody entered or listed is dropped. */
const withStage = (row: OlympiadSchoolRow, label: StageLabel, change: (s: OlympiadStageAtSchool) => OlympiadStageAtSchool): OlympiadSchoolRow => {
  const at = row.stages.findIndex((s) => s.stageId === label.stageId);
  const before = row.stages[at] ?? { ...label, entered: [], listed: [], winners: [], prizeWinners: [] };
  const after = change(before);
  const keep = after.entered.length > 0 || after.listed.length > 0;
  const others = row.stages.filter((s) => s.stageId !== label.stageId);
  const stages = keep ? [...others, after].sort((a, b) => (a.stageId < b.stageId ? -1 : a.stageId > b.stageId ? 1 : 0)) : others;
  return { ...row, stages };
};

const emptyRow = (academicYear: string, schoolId: string, municipalityId: string): OlympiadSchoolRow => ({
  _id: olympiadSchoolRowId(academicYear, schoolId),
  schoolId,
  municipalityId,
  academicYear,
  stages: [],
});

const labelOf = (d: ParticipationChanged | ResultsFinalised): StageLabel => ({ stageId: d.stageId, subject: d.subject, level: d.level });

/**
 * Entries decide by the latest event of their stream (entered, or withdrawn: not counted);
 * a final protocol adds its listed students and their statuses (it is immutable, so a
 * student it lists took part, whatever their entry says).
 */
export const olympiadSchoolRows: RowTable<OlympiadSchoolRow> = {
  collection: 'olympiad_schools',
  indexes: [{ keys: { academicYear: 1, municipalityId: 1 } }],
  rowsOf: (e) => schoolYearsOf(e).map((s) => s.id),
  evolve: (row, e) => {
    if (e.type === PARTICIPATION_CHANGED) {
      const d = e.data as ParticipationChanged;
      const base = row ?? emptyRow(d.academicYear, d.schoolId, d.municipalityId);
      return withStage(base, labelOf(d), (s) => ({ ...s, entered: d.entered ? withId(s.entered, d.studentId) : withoutId(s.entered, d.studentId) }));
    }
    if (e.type === RESULTS_FINALISED) {
      const d = e.data as ResultsFinalised;
      // See protocolsPerSchool: a protocol reaches a row with its own school's results only.
      const first = d.results[0];
      if (!first) return row;
      const base = row ?? emptyRow(d.academicYear, first.schoolId, first.municipalityId);
      const mine = d.results.filter((r) => r.schoolId === base.schoolId);
      const ids = (status?: string) => mine.filter((r) => status === undefined || r.status === status).map((r) => r.studentId);
      return withStage(base, labelOf(d), (s) => ({
        ...s,
        listed: withIds(s.listed, ids()),
        winners: withIds(s.winners, ids('WINNER')),
        prizeWinners: withIds(s.prizeWinners, ids('PRIZE_WINNER')),
      }));
    }
    return row;
  },
};
