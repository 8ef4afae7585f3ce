import { ExternalTraining } from '../development/external-training';
import { ProgrammeState } from '../catalogue/programme';
import { Cohort, Enrolment, freeSeats, seatsHeld } from '../cohorts/cohort';
import { DevelopmentState, isDeficit } from '../development/development';
import { Mentorship } from '../mentoring/mentor';
import { CohortRow, DevelopmentRow, DiagnosticResultRow, EnrolmentRow, MentorshipRow, ProgrammeRow } from '../read-model/rows';

/**
 * What resolvers get: read-model rows and decider states mapped to one shape per type, so a
 * mutation can answer from the state it just wrote (the read model may lag behind it).
 */

export type ProgrammeView = Omit<ProgrammeRow, '_id'> & { id: string };
export type CohortView = Omit<CohortRow, '_id'> & { id: string };
export type EnrolmentView = Omit<EnrolmentRow, '_id'> & { id: string };
export type MentorshipView = Omit<MentorshipRow, '_id'> & { id: string };

export const programmeRowView = ({ _id, ...r }: ProgrammeRow): ProgrammeView => ({ id: _id, ...r });
export const cohortRowView = ({ _id, ...r }: CohortRow): CohortView => ({ id: _id, ...r });
export const enrolmentRowView = ({ _id, ...r }: EnrolmentRow): EnrolmentView => ({ id: _id, ...r });
export const mentorshipRowView = ({ _id, ...r }: MentorshipRow): MentorshipView => ({ id: _id, ...r });

export const programmeView = (tenantId: string, s: ProgrammeState, withdrawnReason: string | null = null): ProgrammeView => {
  if (s.status === 'none') throw new Error('programme state missing after a successful command');
  const { status, ...p } = s;
  return { id: p.programmeId, tenantId, ...p, status, withdrawnReason };
};

export const cohortView = (tenantId: string, c: Cohort, cancelReason: string | null = null): CohortView => ({
  id: c.cohortId,
  tenantId,
  programmeId: c.programme.programmeId,
  title: c.programme.title,
  hours: c.programme.hours,
  competences: c.programme.competences,
  level: c.programme.level,
  format: c.programme.format,
  ownerMunicipalityId: c.programme.ownerMunicipalityId,
  startDate: c.startDate,
  endDate: c.endDate,
  seats: c.seats,
  held: seatsHeld(c),
  free: freeSeats(c),
  completed: Object.values(c.enrolments).filter((e) => e.status === 'COMPLETED').length,
  status: c.status,
  cancelReason,
});

export const enrolmentView = (
  tenantId: string,
  c: Cohort,
  e: Enrolment,
  /** The day of the change just made, and its reason when it has one. */
  change: { statusOn: string; reason?: string | null },
): EnrolmentView => ({
  id: e.enrolmentId,
  tenantId,
  cohortId: c.cohortId,
  programmeId: c.programme.programmeId,
  programmeTitle: c.programme.title,
  programmeHours: c.programme.hours,
  competences: c.programme.competences,
  format: c.programme.format,
  cohortStartDate: c.startDate,
  cohortEndDate: c.endDate,
  educatorId: e.educatorId,
  municipalityId: e.municipalityId,
  organizationId: e.organizationId,
  status: e.status,
  appliedBy: e.appliedBy,
  appliedOn: e.appliedOn,
  statusOn: change.statusOn,
  reason: change.reason ?? null,
  certificate: e.certificate,
});

export const mentorshipView = (tenantId: string, mentorId: string, m: Mentorship): MentorshipView => ({
  id: m.mentorshipId,
  tenantId,
  mentorId,
  menteeId: m.menteeId,
  municipalityId: m.municipalityId,
  from: m.from,
  to: m.to,
  goals: m.goals,
  status: m.status,
  outcome: m.outcome ?? null,
  reason: m.reason ?? null,
  finishedOn: m.finishedOn ?? null,
});

/** An educator's development as the Educator fields show it. */
export interface DevelopmentView {
  educatorId: string;
  results: DiagnosticResultRow[];
  openDeficits: DevelopmentRow['openDeficits'];
  route: DevelopmentRow['route'];
  externalTrainings: ExternalTraining[];
}

export const developmentRowView = (r: DevelopmentRow): DevelopmentView => ({
  educatorId: r._id,
  results: r.results ?? [],
  openDeficits: r.openDeficits ?? [],
  route: r.route ?? { status: 'NONE', items: [] },
  externalTrainings: r.externalTrainings ?? [],
});

/** From the stream state (the results list then holds only what this command recorded and the read model had). */
export const developmentStateView = (educatorId: string, s: DevelopmentState, results: DiagnosticResultRow[]): DevelopmentView => ({
  educatorId,
  results,
  openDeficits: s.openDeficits,
  route: s.route,
  externalTrainings: s.externalTrainings,
});

/** The GraphQL ExternalTraining (the placement at recording stays inside). */
export const externalTrainingView = (educatorId: string, t: ExternalTraining) => ({
  id: t.recordId,
  educatorId,
  title: t.title,
  provider: t.provider,
  hours: t.hours,
  competences: t.competences,
  certificateNumber: t.certificateNumber,
  issuedOn: t.issuedOn,
});

export const resultView = (r: DiagnosticResultRow) => ({
  id: r.resultId,
  area: r.area,
  score: r.score,
  maxScore: r.maxScore,
  takenOn: r.takenOn,
  source: r.source,
  belowThreshold: isDeficit(r.score, r.maxScore),
});

export const routeView = (educatorId: string, route: DevelopmentRow['route']) => ({
  educatorId,
  status: route.status,
  approvedOn: route.approvedOn ?? null,
  items: route.items.map((i) => ({
    id: i.itemId,
    kind: i.kind,
    competence: i.competence,
    title: i.title,
    programmeId: i.programmeId ?? null,
    dueBy: i.dueBy ?? null,
    status: i.status,
  })),
});
