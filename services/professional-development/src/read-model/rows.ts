import { ExternalTraining } from '../development/external-training';
import { CompetenceArea } from '../competences/competence-areas';
import { ProgrammeDetails, ProgrammeFormat, ProgrammeLevel, ProgrammeStatus } from '../catalogue/programme';
import { AppliedBy, Certificate, CohortStatus, EnrolmentStatus, ProgrammeSnapshot } from '../cohorts/cohort';
import { DiagnosticResult, LatestResult, RouteStatus } from '../development/development';
import { RouteItem } from '../development/route-item';
import { MentorshipStatus } from '../mentoring/mentor';

/**
 * Documents of the read models. Every query filters them by top-level equality (the only
 * filters FerretDB v1 serves from an index) and narrows small sets in memory.
 */

/** Projection names (and so the physical collection prefixes). */
export const CATALOGUE_PROJECTION = 'pd_catalogue';
export const DEVELOPMENT_PROJECTION = 'pd_development';
export const EDUCATORS_PROJECTION = 'pd_educators';

export interface ProgrammeRow extends ProgrammeDetails {
  _id: string;
  /** The owner municipality, or `region` for a regional programme. */
  tenantId: string;
  level: ProgrammeLevel;
  ownerMunicipalityId: string | null;
  status: ProgrammeStatus;
  withdrawnReason: string | null;
}

/** The cohort with the programme snapshot it was scheduled with, flattened. */
export interface CohortRow extends ProgrammeSnapshot {
  _id: string;
  tenantId: string;
  startDate: string;
  endDate: string;
  seats: number;
  held: number;
  free: number;
  completed: number;
  status: CohortStatus;
  cancelReason: string | null;
}

export interface EnrolmentRow {
  _id: string;
  /** The cohort's tenant (the issuer of the certificate). */
  tenantId: string;
  cohortId: string;
  programmeId: string;
  programmeTitle: string;
  programmeHours: number;
  competences: CompetenceArea[];
  format: ProgrammeFormat | null;
  cohortStartDate: string | null;
  cohortEndDate: string | null;
  educatorId: string;
  /** The learner's placement when applying: policies and exports scope by it. */
  municipalityId: string;
  organizationId: string;
  status: EnrolmentStatus;
  appliedBy: AppliedBy;
  appliedOn: string;
  /** Day of the last status change. */
  statusOn: string;
  reason: string | null;
  /** TEACHER, COORDINATOR or COHORT_CANCELLED, for a withdrawal. */
  withdrawnBy?: string;
  certificate: Certificate | null;
}

export type DiagnosticResultRow = DiagnosticResult;

export interface DevelopmentRow {
  /** educatorId */
  _id: string;
  /** The tenant that holds the stream (the municipality where it was opened). */
  tenantId: string;
  results: DiagnosticResultRow[];
  latest: Partial<Record<CompetenceArea, LatestResult>>;
  openDeficits: CompetenceArea[];
  route: { status: RouteStatus; items: RouteItem[]; approvedBy?: string; approvedOn?: string };
  /** Absent on documents written before any was recorded. */
  externalTrainings?: ExternalTraining[];
}

export interface MentorshipRow {
  _id: string;
  /** The mentor stream's tenant. */
  tenantId: string;
  mentorId: string;
  menteeId: string;
  /** The mentee's municipality. */
  municipalityId: string;
  from: string;
  to: string;
  goals: string[];
  status: MentorshipStatus;
  outcome: string | null;
  reason: string | null;
  finishedOn: string | null;
}

/**
 * One document per educator (one person, whichever municipality they are in now): the
 * placement from the directory's public events, and what this context knows of them.
 * Fields are optional because any of the sources may be heard first.
 */
export interface EducatorRow {
  _id: string;
  municipalityId?: string;
  organizationId?: string;
  careerStartDate?: string;
  active?: boolean;
  /** Latest certificate date (the three-year rule counts from it). */
  lastCompletedOn?: string;
  completedTrainings?: number;
  /** Which tenant holds the educator's development stream, once it exists. */
  developmentTenant?: string;
  /** Which tenant holds the stream where this educator is the mentor. */
  mentorTenant?: string;
  /** The mentorship in which this educator is the mentee, while active. */
  activeMentor?: { mentorshipId: string; mentorId: string } | null;
}
