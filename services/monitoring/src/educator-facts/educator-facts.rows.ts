import type { IsoDate } from '@mms/contracts/dates';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import type {
  DeficitsChanged,
  EducatorJoinedMunicipality,
  EducatorLeft,
  EducatorLeftMunicipality,
  EducatorMoved,
  EducatorRegistered,
  EnrolmentChanged,
  ExternalTrainingRecorded,
  MentorshipChanged,
  RouteChanged,
} from '@mms/contracts/events';
import { DirectoryContracts, ProfessionalDevelopmentContracts } from '@mms/contracts/events';
import { seenKey } from './seen-key';

/**
 * Monitoring's one document per educator: just the facts the indicators need, taken from
 * the directory's and professional development's public events (no names, no logic of
 * theirs). Indicators are computed from these at query time, so time-dependent figures
 * (three-year coverage, overdue, young teachers) never go stale in storage.
 */
/** A catalogue completion (enrolmentId, programmeId) or a training recorded from elsewhere (recordId). */
export interface CompletedTraining {
  readonly enrolmentId?: string;
  readonly programmeId?: string;
  readonly recordId?: string;
  readonly on: IsoDate;
  readonly hours: number;
}

const trainingKey = (t: CompletedTraining): string => t.enrolmentId ?? `record:${t.recordId}`;

export type RouteStatus = 'DRAFT' | 'APPROVED';

export interface EducatorFacts {
  readonly educatorId: string;
  /** Absent until the directory tells where the educator works. */
  readonly municipalityId?: string;
  /** Absent until placed, and between leaving one municipality and joining the next. */
  readonly organizationId?: string;
  readonly careerStartDate?: IsoDate;
  /** False once the educator has left (the facts stay for history). */
  readonly active: boolean;
  /** Sorted by date then enrolment id, so equal histories are equal documents. */
  readonly trainings: readonly CompletedTraining[];
  /** Competence area codes, sorted. */
  readonly openDeficits: readonly string[];
  readonly routeStatus?: RouteStatus;
  /** Mentorships where this educator is the mentee, sorted. */
  readonly activeMentorshipIds: readonly string[];
}

/** A public event as monitoring receives it (already validated against its contract). */
export interface FactEvent {
  readonly type: string;
  readonly data: object;
}

/** PD's enrolment statuses (its contract types `status` as a plain string). */
export type EnrolmentStatus = 'APPLIED' | 'ENROLLED' | 'REJECTED' | 'WITHDRAWN' | 'COMPLETED' | 'NOT_COMPLETED';

/** The contracts monitoring keeps facts from; every other public event is ignored. */
const MONITORED = new Set(
  [
    DirectoryContracts.EducatorRegistered,
    DirectoryContracts.EducatorChanged,
    DirectoryContracts.EducatorMoved,
    DirectoryContracts.EducatorLeftMunicipality,
    DirectoryContracts.EducatorJoinedMunicipality,
    DirectoryContracts.EducatorLeft,
    ProfessionalDevelopmentContracts.EnrolmentChanged,
    ProfessionalDevelopmentContracts.ExternalTrainingRecorded,
    ProfessionalDevelopmentContracts.DeficitsChanged,
    ProfessionalDevelopmentContracts.RouteChanged,
    ProfessionalDevelopmentContracts.MentorshipChanged,
  ].map((c) => c.type),
);

/** Whether monitoring keeps anything from events of this type (so they are worth validating). */
export const keepsFactsFrom = (type: string): boolean => MONITORED.has(type);

/**
 * Whose facts an event changes (the key of the fact document), or undefined when
 * monitoring does not keep anything from it. A mentorship belongs to the mentee's facts.
 */
export const educatorIdOf = (event: FactEvent): string | undefined => {
  if (!MONITORED.has(event.type)) return undefined;
  if (event.type === 'pd.MentorshipChanged') return (event.data as MentorshipChanged).menteeId;
  return (event.data as { educatorId: string }).educatorId;
};

const emptyFacts = (educatorId: string): EducatorFacts => ({
  educatorId,
  active: true,
  trainings: [],
  openDeficits: [],
  activeMentorshipIds: [],
});

/** Replaces the placement; keys are left out rather than set to undefined (clean documents). */
const placed = (facts: EducatorFacts, municipalityId: string, organizationId: string | undefined): EducatorFacts => {
  const { organizationId: _old, ...rest } = facts;
  return { ...rest, municipalityId, ...(organizationId !== undefined ? { organizationId } : {}) };
};

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

const byDateThenId = (a: CompletedTraining, b: CompletedTraining): number =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : trainingKey(a) < trainingKey(b) ? -1 : trainingKey(a) > trainingKey(b) ? 1 : 0;

/**
 * Events of one enrolment come from one cohort stream (Kafka key = stream id), so they
 * arrive in order: the latest status decides. Only COMPLETED is a training on record.
 */
const applyEnrolment = (facts: EducatorFacts, e: EnrolmentChanged): EducatorFacts => {
  const others = facts.trainings.filter((t) => t.enrolmentId !== e.enrolmentId);
  const trainings =
    e.status === 'COMPLETED' ? [...others, { enrolmentId: e.enrolmentId, programmeId: e.programmeId, on: e.on, hours: e.hours }].sort(byDateThenId) : others;
  return { ...facts, trainings };
};

/** A record is made once and never changes (its id is the certificate's): replacing is idempotent. */
const applyExternalTraining = (facts: EducatorFacts, e: ExternalTrainingRecorded): EducatorFacts => {
  const others = facts.trainings.filter((t) => t.recordId !== e.recordId);
  return { ...facts, trainings: [...others, { recordId: e.recordId, on: e.on, hours: e.hours }].sort(byDateThenId) };
};

const applyMentorship = (facts: EducatorFacts, e: MentorshipChanged): EducatorFacts => {
  const others = facts.activeMentorshipIds.filter((id) => id !== e.mentorshipId);
  return { ...facts, activeMentorshipIds: e.status === 'ACTIVE' ? sortedUnique([...others, e.mentorshipId]) : others };
};

/**
 * A municipality's event about its educator applies only while the facts place the
 * educator there (or nowhere yet): after a transfer, a late event of the old municipality
 * must not pull the educator back.
 */
const concerns = (facts: EducatorFacts, municipalityId: string): boolean => facts.municipalityId === undefined || facts.municipalityId === municipalityId;

/**
 * Pure, deterministic and idempotent (every rule sets state, none accumulates), and
 * tolerant of PD events arriving before the directory's: the PD part is kept and the
 * placement stays unknown until the directory speaks. Events for another educator and
 * events monitoring does not keep return the facts unchanged.
 */
export const applyToFacts = (facts: EducatorFacts | undefined, event: FactEvent): EducatorFacts | undefined => {
  const educatorId = educatorIdOf(event);
  if (educatorId === undefined || (facts !== undefined && facts.educatorId !== educatorId)) return facts;
  const current = facts ?? emptyFacts(educatorId);
  switch (event.type) {
    case 'directory.EducatorRegistered':
    case 'directory.EducatorJoinedMunicipality': {
      // Joining is the newest placement wherever the educator was before.
      const e = event.data as EducatorRegistered | EducatorJoinedMunicipality;
      return { ...placed(current, e.municipalityId, e.organizationId), careerStartDate: e.careerStartDate, active: true };
    }
    case 'directory.EducatorChanged':
      // Position, subjects and category are not indicators' inputs.
      return facts;
    case 'directory.EducatorMoved': {
      const e = event.data as EducatorMoved;
      return concerns(current, e.municipalityId) ? placed(current, e.municipalityId, e.toOrganizationId) : current;
    }
    case 'directory.EducatorLeftMunicipality': {
      // On the way to the next municipality: counted nowhere until it registers the arrival.
      const e = event.data as EducatorLeftMunicipality;
      return concerns(current, e.municipalityId) ? placed(current, e.toMunicipalityId, undefined) : current;
    }
    case 'directory.EducatorLeft': {
      const e = event.data as EducatorLeft;
      if (!concerns(current, e.municipalityId)) return current;
      return { ...placed(current, e.municipalityId, current.organizationId), active: false };
    }
    case 'pd.EnrolmentChanged':
      return applyEnrolment(current, event.data as EnrolmentChanged);
    case 'pd.ExternalTrainingRecorded':
      return applyExternalTraining(current, event.data as ExternalTrainingRecorded);
    case 'pd.DeficitsChanged':
      return { ...current, openDeficits: sortedUnique((event.data as DeficitsChanged).open) };
    case 'pd.RouteChanged':
      return { ...current, routeStatus: (event.data as RouteChanged).status };
    case 'pd.MentorshipChanged':
      return applyMentorship(current, event.data as MentorshipChanged);
    default:
      return facts;
  }
};

/** Structural equality of plain data (what facts are): the same keys, equal values. */
export const sameData = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
};

/** An educator's facts with what makes applying events idempotent. */
export interface FactsState {
  readonly facts: EducatorFacts | undefined;
  /** Per source (see seenKey), the last stream version applied. */
  readonly seen: Readonly<Record<string, number>>;
  /** The school before the latest change of placement (see FactsDocument). */
  readonly previousOrganizationId: string | null;
}

export interface FoldedFacts extends FactsState {
  /** Whether anything was applied (the facts document must be written). */
  readonly changed: boolean;
  /** Schools whose documents must be refreshed. */
  readonly schools: readonly string[];
}

const schoolsOf = (...ids: (string | null | undefined)[]): string[] => [...new Set(ids.filter((id): id is string => !!id))];

/**
 * Applies events of one educator, in order, to their facts, each at most once per source
 * version. The schools to refresh are those before and after a change, and, for an event
 * already applied, the current and previous school (the earlier delivery may have crashed
 * between the facts write and the school refresh).
 */
export const foldEducatorEvents = (start: FactsState, events: readonly EventEnvelope[]): FoldedFacts => {
  let facts = start.facts;
  let previous = start.previousOrganizationId;
  const seen = { ...start.seen };
  const schools = new Set<string>();
  let changed = false;
  for (const e of events) {
    const key = seenKey(e);
    if ((seen[key] ?? 0) >= e.streamVersion) {
      for (const s of schoolsOf(facts?.organizationId, previous)) schools.add(s);
      continue;
    }
    const after = applyToFacts(facts, { type: e.type, data: e.data as object });
    // Nothing kept (a change of fields monitoring ignores, for an educator not yet seen).
    if (!after) continue;
    if (facts?.organizationId !== after.organizationId) previous = facts?.organizationId ?? null;
    if (!sameData(facts, after)) for (const s of schoolsOf(facts?.organizationId, after.organizationId)) schools.add(s);
    facts = after;
    seen[key] = e.streamVersion;
    changed = true;
  }
  return { facts, seen, previousOrganizationId: previous, changed, schools: [...schools] };
};

const isCounted = (f: EducatorFacts) => f.active && f.municipalityId !== undefined;
const byEducatorId = (a: EducatorFacts, b: EducatorFacts) => (a.educatorId < b.educatorId ? -1 : a.educatorId > b.educatorId ? 1 : 0);

/** What a school document lists: the facts of its active, placed educators, sorted by educatorId. */
export const schoolMembers = (facts: readonly EducatorFacts[]): EducatorFacts[] => facts.filter(isCounted).sort(byEducatorId);
