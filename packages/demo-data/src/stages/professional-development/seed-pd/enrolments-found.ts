/** What the platform already has of the planned enrolments (a re-run continues from it). */
import { runPool } from '../../../runner/pool';
import type { EnrolmentTarget } from '../pd-plan';
import { aborted, fail, PdSeedContext, readAll, REGION } from './context';
import { PD_ENROLMENTS, PD_ENROLMENTS_OF_COHORT } from './documents';

const SEAT_HOLDING = new Set(['APPLIED', 'ENROLLED']);

export interface EnrolmentRow {
  id: string;
  cohortId: string;
  status: string;
  educator: { id: string };
}

/** What the platform already has, and where that could not be read. */
export interface ExistingEnrolments {
  /** `<cohort id>|<educator id>` → the enrolments found. */
  known: Map<string, EnrolmentRow[]>;
  /** Municipalities whose list could not be read (their cohorts were read one by one instead). */
  unreadMunicipalities: Set<string>;
  /** Cohort keys whose list could not be read either → the error. */
  unreadable: Map<string, unknown>;
}

/** Adds a row found by a read, once. */
const remember = (existing: ExistingEnrolments, row: EnrolmentRow) => {
  const key = `${row.cohortId}|${row.educator.id}`;
  const list = existing.known.get(key) ?? [];
  if (!list.some((r) => r.id === row.id)) list.push(row);
  existing.known.set(key, list);
};

/**
 * What exists, per municipality of the learners; where that read fails, per cohort. Planned
 * enrolments whose existing state could not be read are not written (a blind application
 * could duplicate a finished one) and count as failed.
 */
export const readEnrolments = async (ctx: PdSeedContext, token: string): Promise<ExistingEnrolments> => {
  const existing: ExistingEnrolments = { known: new Map(), unreadMunicipalities: new Set(), unreadable: new Map() };
  await runPool(
    ctx.municipalityIds,
    Math.min(ctx.concurrency, 8),
    async (m) => {
      try {
        for (const row of await readAll<EnrolmentRow>(ctx, PD_ENROLMENTS, 'enrolmentsPage', { municipalityId: m }, token)) remember(existing, row);
      } catch (err) {
        if (aborted(ctx)) return;
        existing.unreadMunicipalities.add(m);
      }
    },
    ctx.signal,
  );
  const cohortsToRead = [...new Set(ctx.pd.enrolments.filter((e) => existing.unreadMunicipalities.has(e.municipalityId)).map((e) => e.cohortKey))];
  await runPool(cohortsToRead, Math.min(ctx.concurrency, 8), (key) => readCohortEnrolments(ctx, existing, key, token), ctx.signal);
  return existing;
};

/** One cohort's enrolments (the fallback when its learners' municipality could not be read). */
const readCohortEnrolments = async (ctx: PdSeedContext, existing: ExistingEnrolments, key: string, token: string) => {
  const cohortId = ctx.out.cohortIds[key];
  if (!cohortId) return;
  try {
    for (const row of await readAll<EnrolmentRow>(ctx, PD_ENROLMENTS_OF_COHORT, 'enrolmentsPage', { cohortId }, token)) remember(existing, row);
  } catch (err) {
    if (aborted(ctx)) return;
    existing.unreadable.set(key, err);
    fail(ctx, { command: 'read', phase: 'enrolments', planId: key, tenantId: ctx.cohortByKey.get(key)!.municipalityId ?? REGION }, err);
  }
};

/** The enrolment to continue from: one already at the target, else one holding a seat, else one that ended otherwise. */
export const pick = (rows: EnrolmentRow[] | undefined, target: EnrolmentTarget): EnrolmentRow | undefined =>
  rows?.find((r) => r.status === target) ?? rows?.find((r) => SEAT_HOLDING.has(r.status)) ?? rows?.[0];
