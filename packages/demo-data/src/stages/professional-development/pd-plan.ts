/**
 * What the professional-development stage seeds, decided from the region plan alone:
 * the programme catalogue and its cohorts, a year of enrolments (applications, decisions,
 * completions with certificates), trainings recorded from outside the catalogue, diagnostics
 * imports, individual routes and mentorships (contracts/subgraphs/professional-development.graphql).
 *
 * Pure and deterministic: the same region plan and options give the same PD plan, byte for
 * byte; nothing here reads the clock. Educators, organisations and municipalities are
 * referred to by their plan ids (edu-…, org-…, mun-…); the seeder maps them to the
 * directory's ids. Every stream of randomness is forked from the plan's seed by a label
 * (section and municipality), so a change in one part leaves the others as they were.
 *
 * Dates are relative to the plan's `asOf`. The platform takes applications with the
 * server's today as the application date and refuses them once a cohort has ended, so
 * every cohort that receives applications ends on or after `asOf` (seed with asOf = today).
 */
import { Audience, CompetenceArea, ProgrammeFormat } from './pd-dictionaries';
import { RegionPlan } from '../../region/region-model';
import { planCatalogue } from './pd-plan/catalogue';
import { planApplicants, planCohorts } from './pd-plan/cohorts';
import { planContext } from './pd-plan/context';
import { planDiagnostics } from './pd-plan/diagnostics';
import { planEnrolments } from './pd-plan/enrolments';
import { planExternalTrainings } from './pd-plan/external-trainings';
import { planMentorships } from './pd-plan/mentorships';
import { planRoutes } from './pd-plan/routes';
import { academicYearOf } from './pd-plan/rules';
import { planTotals } from './pd-plan/totals';

export { academicYearOf, addDays, DEFAULT_PD_OPTIONS, DEFICIT_THRESHOLD, isBelowThreshold, MAX_ACTIVE_MENTEES, MAX_COHORT_SEATS } from './pd-plan/rules';

// ---- the plan ---------------------------------------------------------------

export type ProgrammeLevel = 'REGIONAL' | 'MUNICIPAL';

/** `createProgramme(input:)` */
export interface CreateProgrammeInput {
  title: string;
  provider: string;
  hours: number;
  format: ProgrammeFormat;
  competences: CompetenceArea[];
  federalRegisterId: string | null;
}

export interface ProgrammePlan {
  /** `prg-r-01` (regional), `prg-mun-001-02` (municipal). */
  key: string;
  level: ProgrammeLevel;
  /** The owner: null for the region (the regional operator writes it). */
  municipalityId: string | null;
  audience: Audience;
  /** Prefix of the certificate numbers its cohorts issue. */
  certificatePrefix: string;
  input: CreateProgrammeInput;
}

/**
 * FINISHING: started 1–3 months before asOf, ends 1–4 weeks after (most learners completed);
 * RUNNING: started in the last three weeks; UPCOMING: starts after asOf.
 */
export type CohortPhase = 'FINISHING' | 'RUNNING' | 'UPCOMING';

export interface CohortPlan {
  /** `prg-r-01/c03`. */
  key: string;
  programmeKey: string;
  level: ProgrammeLevel;
  municipalityId: string | null;
  phase: CohortPhase;
  startDate: string;
  endDate: string;
  /** At least the planned applications: the seeder never meets COHORT_FULL on a fresh platform. */
  seats: number;
  applications: number;
}

export type EnrolmentTarget = 'APPLIED' | 'ENROLLED' | 'REJECTED' | 'WITHDRAWN' | 'COMPLETED' | 'NOT_COMPLETED';

export interface CertificatePlan {
  number: string;
  hours: number;
  issuedOn: string;
}

export interface EnrolmentPlan {
  /** `<cohort key>/<educator plan id>`. */
  key: string;
  cohortKey: string;
  educatorPlanId: string;
  municipalityId: string;
  organizationPlanId: string;
  /** SELF: the teacher applies; COORDINATOR: the school coordinator applies on their behalf. */
  appliedBy: 'SELF' | 'COORDINATOR';
  /** Where the enrolment ends up. */
  target: EnrolmentTarget;
  /** Rejection, withdrawal or non-completion reason (withdrawal may have none). */
  reason: string | null;
  certificate: CertificatePlan | null;
  /** Who records the result: the learner's school coordinator or the cohort's owner (methodologist / regional operator). */
  resultBy: 'COORDINATOR' | 'OWNER' | null;
}

/** `recordExternalTraining(input:)` without the educator id. */
export interface ExternalTrainingInput {
  title: string;
  provider: string;
  hours: number;
  competences: CompetenceArea[];
  certificateNumber: string;
  issuedOn: string;
}

export interface ExternalTrainingPlan {
  key: string;
  educatorPlanId: string;
  municipalityId: string;
  organizationPlanId: string;
  recordedBy: 'COORDINATOR' | 'METHODOLOGIST' | 'OPERATOR';
  input: ExternalTrainingInput;
}

export interface DiagnosticRowPlan {
  educatorPlanId: string;
  area: CompetenceArea;
  score: number;
  maxScore: number;
  takenOn: string;
}

/** One `importDiagnostics` file of a municipality (large municipalities are split into parts). */
export interface DiagnosticsImportPlan {
  /** Stable: derived from the seed, scale, asOf, municipality and part, so a re-run adds nothing. */
  importId: string;
  municipalityId: string;
  part: number;
  /** Each educator's rows together, educators in plan order. */
  rows: DiagnosticRowPlan[];
}

export interface RoutePlan {
  educatorPlanId: string;
  municipalityId: string;
  /** The open deficits the diagnostics leave (score below 60% of the maximum). */
  deficits: CompetenceArea[];
  /** Approved by the methodologist; otherwise left as a draft. */
  approve: boolean;
}

export interface MentorshipPlan {
  key: string;
  mentorPlanId: string;
  menteePlanId: string;
  municipalityId: string;
  sameOrganization: boolean;
  from: string;
  to: string;
  goals: string[];
}

export interface PdPlanTotals {
  programmes: { regional: number; municipal: number; withFederalRegisterId: number };
  cohorts: Record<CohortPhase, number> & { total: number; withApplications: number; seats: number };
  enrolments: Record<EnrolmentTarget, number> & { total: number; bySelf: number; byCoordinator: number };
  externalTrainings: number;
  /** Non-young educators by what the external trainings alone make of the three-year rule at asOf. */
  threeYearRule: { overdue: number; dueWithin90Days: number; covered: number };
  diagnostics: { imports: number; educators: number; rows: number; belowThreshold: number; educatorsWithDeficits: number };
  routes: { total: number; approved: number; draft: number };
  mentorships: { total: number; sameOrganization: number; youngTeachers: number; youngWithoutMentor: number; mentors: number };
  /** Mutations a seeding of an empty platform sends, by kind. */
  commands: Record<string, number>;
  commandsTotal: number;
}

export interface PdPlan {
  version: 1;
  seed: string;
  scale: number;
  asOf: string;
  /** "2026/2027": the academic year (1 Sep – 31 Aug) asOf falls in. */
  academicYear: string;
  programmes: ProgrammePlan[];
  cohorts: CohortPlan[];
  enrolments: EnrolmentPlan[];
  externalTrainings: ExternalTrainingPlan[];
  diagnostics: DiagnosticsImportPlan[];
  routes: RoutePlan[];
  mentorships: MentorshipPlan[];
  totals: PdPlanTotals;
}

export interface PdPlanOptions {
  /** Share of educators who apply for a cohort this year; default 0.27. */
  applicantShare?: number;
  /** Share of applicants who choose their municipality's own offer; default 0.45. */
  municipalShare?: number;
  /** Share of educators who take a diagnostic; default 0.35. */
  diagnosedShare?: number;
  /** Share of educators with deficits who get a route; default 0.5. Of those, `approvedRouteShare` (0.7) are approved. */
  routeShare?: number;
  approvedRouteShare?: number;
  /** Share of young teachers given a mentor; default 0.75. */
  mentoredShare?: number;
  /** Most educators per diagnostics file; default 250 (a file stays far below the gateway's 1 MiB body limit). */
  maxEducatorsPerImport?: number;
}

// ---- the builder (one part of the plan per file in pd-plan/) ------------------

/** Decides everything the professional-development stage seeds. Pure: same region plan and options → same PD plan. */
export const buildPdPlan = (region: RegionPlan, options: PdPlanOptions = {}): PdPlan => {
  const ctx = planContext(region, options);
  const programmes = planCatalogue(ctx);
  const { cohorts, members } = planCohorts(ctx, programmes, planApplicants(ctx, programmes));
  // Enrolments number their certificates before the external trainings do (one numbering per provider and year).
  const enrolments = planEnrolments(ctx, programmes, cohorts, members);
  const { externalTrainings, rule } = planExternalTrainings(ctx);
  const diagnosis = planDiagnostics(ctx);
  const mentoring = planMentorships(ctx);
  const routes = planRoutes(ctx, diagnosis.deficitsOf);
  const { diagnostics } = diagnosis;
  const { mentorships } = mentoring;
  const parts = { programmes, cohorts, enrolments, externalTrainings, diagnostics, routes, mentorships };
  return {
    version: 1,
    seed: region.seed,
    scale: region.scale,
    asOf: region.asOf,
    academicYear: academicYearOf(region.asOf),
    ...parts,
    totals: planTotals({ ...parts, threeYearRule: rule, diagnosis, mentoring }),
  };
};

/**
 * The diagnostics CSV of one import, as PD's parser reads it (services/professional-development/
 * src/diagnostics/csv-import.ts): header `educator_id;area;score;max_score;taken_on`, ";"
 * separated, ISO dates. Rows of educators without a directory id are left out.
 */
export const diagnosticsCsv = (
  rows: readonly DiagnosticRowPlan[],
  educatorIds: Readonly<Record<string, string>>,
): { csv: string; rows: number; missing: number } => {
  const lines = ['educator_id;area;score;max_score;taken_on'];
  let missing = 0;
  for (const r of rows) {
    const id = educatorIds[r.educatorPlanId];
    if (!id) {
      missing++;
      continue;
    }
    lines.push(`${id};${r.area};${r.score};${r.maxScore};${r.takenOn}`);
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1, missing };
};
