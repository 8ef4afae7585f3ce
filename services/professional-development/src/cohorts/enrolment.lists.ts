import type { RequestContext, UserClaims } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { PlatformError, StreamInfo } from '@mms/eventsourcing/core';
import { actorContext, checked, Checks, checkListSize, EntryError, entryError, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { placed, placementOf } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { childId, parentOf, streams } from '../pd.streams';
import { Certificate, cohortDecider, CohortCommand, CohortState, Enrolment } from './cohort.decider';
import { application, completionOf, viewAfter } from './cohort.handlers';
import type { EnrolmentView } from './cohort.views';

/** Entries per list call: a school's nominees, a cohort's roster (at most 1,000 seats, in two calls). */
export const MAX_ENROLMENTS = 500;

export interface EnrolmentOutcome {
  index: number;
  enrolment: EnrolmentView | null;
  error: EntryError | null;
}

/** Outcomes in the input's order; `refuse` answers an entry with a rule's or an input's refusal (anything else is the call's failure). */
const outcomesFor = (length: number) => {
  const outcomes: EnrolmentOutcome[] = Array.from({ length }, (_, index) => ({ index, enrolment: null, error: null }));
  // `named`: where a field the rules name (the decider's `enrolmentId`, `certificate.hours`) is in
  // the list; input checks name their entry's fields themselves.
  const refuse = (index: number, err: unknown, named?: (field: string) => string) => {
    if (!(err instanceof PlatformError)) throw err;
    const e = entryError(err);
    outcomes[index]!.error = named ? { ...e, fields: e.fields.map(named) } : e;
  };
  return { outcomes, refuse };
};

/**
 * Applications at once (a school coordinator's list of their educators for the term's cohorts; a
 * teacher may send only themselves, `educatorId` left out): each entry decided as
 * `applyForCohort` would, in the list's order, one commit per cohort. Entries beyond a cohort's
 * free seats are COHORT_FULL, an educator already enrolled ALREADY_ENROLLED, one of another
 * school FORBIDDEN; the others are taken.
 */
export const applyForCohorts = async (
  d: PdDeps,
  req: RequestContext,
  inputs: Array<{ cohortId: string; educatorId?: string | null }>,
): Promise<EnrolmentOutcome[]> => {
  checkListSize('input', inputs.length, MAX_ENROLMENTS);
  const user = requireUser(req.user);
  const { outcomes, refuse } = outcomesFor(inputs.length);
  const wellFormed = inputs.flatMap((input, index) => {
    try {
      const educatorId = checked('application', (c) => {
        c.id(`input.${index}.cohortId`, input.cohortId);
        c.id(`input.${index}.educatorId`, input.educatorId);
        return c.required(`input.${index}.educatorId`, input.educatorId ?? (user.role === 'teacher' ? user.educatorId : null));
      })!;
      return [{ index, cohortId: input.cohortId, educatorId }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  const rows = new Map((await d.tables.educators.getMany([...new Set(wellFormed.map((w) => w.educatorId))])).map((r) => [r._id, r]));
  const on = d.clock.today();
  const planned = wellFormed.flatMap(({ index, cohortId, educatorId }) => {
    try {
      const learner = placed(rows.get(educatorId), educatorId, `input.${index}.educatorId`);
      const { appliedBy } = access.applicant(req.user, placementOf(learner));
      const enrolmentId = childId(cohortId, newEntityId(req, `enrolment#${index}`));
      const command = application(cohortId, enrolmentId, appliedBy, on, learner);
      return [{ index, cohortId, enrolmentId, command, statusOn: on, named: (f: string) => `input.${index}.${f === 'cohortId' ? f : 'educatorId'}` }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  await decideOnCohorts(d, req, user, planned, outcomes, refuse);
  return outcomes;
};

/** Applications approved at once (the coordinator's pending list, of one cohort or several): each as `approveEnrolment`. */
export const approveEnrolments = async (d: PdDeps, req: RequestContext, enrolmentIds: string[]): Promise<EnrolmentOutcome[]> =>
  changeEach(d, req, {
    inputs: enrolmentIds.map((enrolmentId) => ({ enrolmentId })),
    list: 'enrolmentIds',
    check: () => undefined,
    plan: (e, enrolmentId) => {
      access.enrolmentApprover(req.user, e);
      return { type: 'ApproveEnrolment', cohortId: e.cohortId, enrolmentId };
    },
  });

/** The decider's names for a certificate's fields → the input's. */
const CERTIFICATE_FIELDS: Record<string, string> = {
  'certificate.number': 'certificateNumber',
  'certificate.hours': 'hours',
  'certificate.issuedOn': 'issuedOn',
};

/**
 * A cohort's results sheet: certificates for several enrolments at once (the school's
 * coordinator or the cohort's owner), each checked and decided as `completeEnrolment` would.
 */
export const completeEnrolments = async (
  d: PdDeps,
  req: RequestContext,
  inputs: Array<{ enrolmentId: string; certificateNumber: string; hours: number; issuedOn: string }>,
): Promise<EnrolmentOutcome[]> =>
  changeEach(d, req, {
    inputs,
    list: 'input',
    check: (c, input, at): Certificate => completionOf(c, input, at),
    plan: (e, enrolmentId, cohortTenantId, certificate) => {
      access.enrolmentResultRecorder(req.user, e, cohortTenantId);
      return { type: 'CompleteEnrolment', cohortId: e.cohortId, enrolmentId, certificate };
    },
    statusOn: (input) => input.issuedOn,
    inputField: (field) => CERTIFICATE_FIELDS[field] ?? field,
  });

/** An entry on its way to its cohort's stream: `statusOn` is the date its answer shows for the new status. */
interface Planned {
  index: number;
  cohortId: string;
  enrolmentId: string;
  command: CohortCommand | ((s: CohortState, stream: StreamInfo) => CohortCommand);
  statusOn: string;
  /** Where a field the rules name is in the list. */
  named: (field: string) => string;
}

interface ChangeList<I, X> {
  inputs: I[];
  /** The list's argument: `enrolmentIds` (ids alone, an entry is named `enrolmentIds.3`) or `input` (`input.3.hours`). */
  list: 'enrolmentIds' | 'input';
  /** An entry's own input checked (its fields named from `at`); what its command needs. */
  check: (c: Checks, input: I, at: string) => X;
  /** The command for the enrolment as its cohort holds it, after checking who may act. */
  plan: (e: Enrolment & { cohortId: string }, enrolmentId: string, cohortTenantId: string, extra: X) => CohortCommand;
  statusOn?: (input: I) => string;
  /** A field the rules name → the entry's input field. */
  inputField?: (field: string) => string;
}

/**
 * Changes of several enrolments, each as the single change decides it (who may act is checked
 * against the enrolment's own record on every attempt): grouped by cohort, one commit per cohort.
 * An id of no cohort, or an enrolment not in it, is the decider's NOT_FOUND.
 */
const changeEach = async <I extends { enrolmentId: string }, X>(d: PdDeps, req: RequestContext, o: ChangeList<I, X>): Promise<EnrolmentOutcome[]> => {
  checkListSize(o.list, o.inputs.length, MAX_ENROLMENTS);
  const user = requireUser(req.user);
  const { outcomes, refuse } = outcomesFor(o.inputs.length);
  const today = d.clock.today();
  const planned = o.inputs.flatMap((input, index): Planned[] => {
    const at = o.list === 'input' ? `input.${index}.` : `${o.list}.${index}`;
    const field = o.list === 'input' ? `${at}enrolmentId` : at;
    try {
      const extra = checked('enrolment', (c) => {
        c.id(field, input.enrolmentId);
        return o.check(c, input, at);
      });
      const cohortId = parentOf(input.enrolmentId, field);
      const { enrolmentId } = input;
      const command = (s: CohortState, stream: StreamInfo): CohortCommand => {
        const e = s.status === 'none' ? undefined : s.enrolments[enrolmentId];
        // Unknown enrolment: the decider refuses it (NOT_FOUND) with no one authorised to anything.
        return e ? o.plan({ ...e, cohortId }, enrolmentId, stream.tenantId, extra) : { type: 'ApproveEnrolment', cohortId, enrolmentId };
      };
      const named = o.list === 'input' ? (f: string) => `${at}${o.inputField?.(f) ?? f}` : () => at;
      return [{ index, cohortId, enrolmentId, command, statusOn: o.statusOn?.(input) ?? today, named }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  await decideOnCohorts(d, req, user, planned, outcomes, refuse);
  return outcomes;
};

/** The planned entries on their cohorts' streams (one commit per cohort), each answered with its enrolment as it now is. */
const decideOnCohorts = async (
  d: PdDeps,
  req: RequestContext,
  user: UserClaims,
  planned: Planned[],
  outcomes: EnrolmentOutcome[],
  refuse: (index: number, err: unknown, named?: (field: string) => string) => void,
) => {
  if (!planned.length) return;
  const results = await d.commands.handleMany(
    cohortDecider,
    planned.map((p) => ({ streamId: streams.cohort(p.cohortId), command: p.command, where: { locate: true, fixed: true } as const })),
    actorContext(req, user),
  );
  results.forEach((r, k) => {
    const p = planned[k]!;
    if (r instanceof Error) return refuse(p.index, r, p.named);
    outcomes[p.index]!.enrolment = viewAfter(r.tenantId, r.state, p.enrolmentId, { statusOn: p.statusOn });
  });
};
