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
import { createHash } from 'node:crypto';
import {
  Audience,
  COMPETENCE_AREAS,
  CompetenceArea,
  EXTERNAL_COURSES,
  MENTORING_GOALS,
  MUNICIPAL_PROGRAMMES,
  municipalProvider,
  NOT_COMPLETED_REASONS,
  ProgrammeFormat,
  REGIONAL_CORE_TITLES,
  REGIONAL_PROGRAMMES,
  REJECTION_REASONS,
  WITHDRAWAL_REASONS,
} from './pd-dictionaries';
import { dayToIso, isoToDay, minusYears, Random } from '../../region/random';
import { EducatorPlan, MunicipalityPlan, OrganizationKind, OrganizationPlan, QualificationCategory, RegionPlan } from '../../region/region-model';

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

export const DEFAULT_PD_OPTIONS: Required<PdPlanOptions> = {
  applicantShare: 0.27,
  municipalShare: 0.45,
  diagnosedShare: 0.35,
  routeShare: 0.5,
  approvedRouteShare: 0.7,
  mentoredShare: 0.75,
  maxEducatorsPerImport: 250,
};

/** The server's rules this plan keeps (services/professional-development). */
export const MAX_ACTIVE_MENTEES = 3;
export const MAX_COHORT_SEATS = 1000;
export const DEFICIT_THRESHOLD = 0.6;

// ---- helpers ----------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const addDays = (iso: string, days: number): string => dayToIso(isoToDay(iso) + days);
const clampDay = (day: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, day));

/** "2026/2027" for any day from 1 Sep 2026 to 31 Aug 2027. */
export const academicYearOf = (iso: string): string => {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${start + 1}`;
};

/** Mirrors PD's deficit rule: a result below 60% of the maximum. */
export const isBelowThreshold = (score: number, maxScore: number) => score / maxScore < DEFICIT_THRESHOLD;

const AUDIENCE_OF: Record<OrganizationKind, Audience> = {
  SCHOOL: 'SCHOOL',
  KINDERGARTEN: 'KINDERGARTEN',
  ADDITIONAL_EDUCATION: 'ADDITIONAL_EDUCATION',
  OTHER: 'ALL',
};
const fits = (audience: Audience, kind: OrganizationKind) => audience === 'ALL' || audience === AUDIENCE_OF[kind];

/** Certificate numbers: `<provider code>-<yy>-<6 digits>`, one running sequence per prefix and year. */
class CertificateNumbers {
  private readonly next = new Map<string, number>();
  take(prefix: string, issuedOn: string): string {
    const key = `${prefix}-${issuedOn.slice(2, 4)}`;
    const n = (this.next.get(key) ?? 0) + 1;
    this.next.set(key, n);
    return `${key}-${pad(n, 6)}`;
  }
}

interface Placed {
  m: MunicipalityPlan;
  o: OrganizationPlan;
  e: EducatorPlan;
}

const educatorsOf = (m: MunicipalityPlan): Placed[] => m.organizations.flatMap((o) => o.educators.map((e) => ({ m, o, e })));

// ---- the builder ------------------------------------------------------------

/** Decides everything the professional-development stage seeds. Pure: same region plan and options → same PD plan. */
export const buildPdPlan = (region: RegionPlan, options: PdPlanOptions = {}): PdPlan => {
  const opt = { ...DEFAULT_PD_OPTIONS, ...options };
  const asOf = region.asOf;
  const asOfDay = isoToDay(asOf);
  const root = Random.from(region.seed).fork('professional-development');
  const certificates = new CertificateNumbers();
  const planTag = createHash('sha256').update(`${region.seed}\n${region.scale}\n${asOf}`).digest('hex').slice(0, 10);

  // ---- 1. catalogue ----
  const programmes: ProgrammePlan[] = [];
  {
    const rng = root.fork('catalogue/regional');
    const core = REGIONAL_PROGRAMMES.filter((p) => REGIONAL_CORE_TITLES.includes(p.title));
    const rest = rng.sample(
      REGIONAL_PROGRAMMES.filter((p) => !REGIONAL_CORE_TITLES.includes(p.title)),
      rng.int(4, 6),
    );
    const chosen = REGIONAL_PROGRAMMES.filter((p) => core.includes(p) || rest.includes(p));
    chosen.forEach((p, i) => {
      programmes.push({
        key: `prg-r-${pad(i + 1)}`,
        level: 'REGIONAL',
        municipalityId: null,
        audience: p.audience,
        certificatePrefix: p.provider.code,
        input: {
          title: p.title,
          provider: p.provider.name,
          hours: p.hours,
          format: p.format,
          competences: [...p.competences],
          federalRegisterId: p.federal ? `ФРДПП-${Number(asOf.slice(0, 4)) - rng.int(1, 3)}-${pad(rng.int(100, 9999), 4)}` : null,
        },
      });
    });
  }
  for (const m of region.municipalities) {
    const rng = root.fork(`catalogue/${m.id}`);
    // Every municipality offers something for schools and something for all (kindergartens, additional education).
    const forAll = MUNICIPAL_PROGRAMMES.filter((p) => p.audience === 'ALL');
    const first = rng.pick(forAll);
    const others = rng.sample(
      MUNICIPAL_PROGRAMMES.filter((p) => p !== first),
      rng.int(0, 2),
    );
    const chosen = MUNICIPAL_PROGRAMMES.filter((p) => p === first || others.includes(p));
    const munNo = m.id.replace(/^mun-/, '');
    chosen.forEach((p, i) => {
      programmes.push({
        key: `prg-${m.id}-${pad(i + 1)}`,
        level: 'MUNICIPAL',
        municipalityId: m.id,
        audience: p.audience,
        certificatePrefix: `ИМЦ${munNo}`,
        input: {
          title: p.title,
          provider: municipalProvider(m.input.name),
          hours: p.hours,
          format: p.format,
          competences: [...p.competences],
          federalRegisterId: null,
        },
      });
    });
  }
  const programmeByKey = new Map(programmes.map((p) => [p.key, p]));
  const weightOf = (p: ProgrammePlan) =>
    (p.level === 'REGIONAL'
      ? REGIONAL_PROGRAMMES.find((d) => d.title === p.input.title)?.weight
      : MUNICIPAL_PROGRAMMES.find((d) => d.title === p.input.title)?.weight) ?? 1;

  // ---- 2. applicants: who applies for which programme, in which phase ----
  interface Applicant extends Placed {
    programme: ProgrammePlan;
    phase: CohortPhase;
  }
  const groups = new Map<string, Applicant[]>();
  for (const m of region.municipalities) {
    const rng = root.fork(`applicants/${m.id}`);
    const regional = programmes.filter((p) => p.level === 'REGIONAL');
    const municipal = programmes.filter((p) => p.municipalityId === m.id);
    for (const placed of educatorsOf(m)) {
      if (!rng.chance(opt.applicantShare)) continue;
      const kind = placed.o.input.kind;
      const wantMunicipal = rng.chance(opt.municipalShare);
      let pool = (wantMunicipal ? municipal : regional).filter((p) => fits(p.audience, kind));
      if (pool.length === 0) pool = (wantMunicipal ? regional : municipal).filter((p) => fits(p.audience, kind));
      if (pool.length === 0) continue;
      const programme = rng.weighted(pool.map((p) => [p, weightOf(p)] as const));
      const phase = rng.weighted<CohortPhase>([
        ['FINISHING', 40],
        ['RUNNING', 25],
        ['UPCOMING', 35],
      ]);
      const key = `${programme.key}|${phase}`;
      const list = groups.get(key) ?? [];
      list.push({ ...placed, programme, phase });
      groups.set(key, list);
    }
  }

  // ---- 3. cohorts sized to the demand; every programme has at least one ----
  const cohorts: CohortPlan[] = [];
  const members = new Map<string, Applicant[]>();
  const usedDates = new Set<string>();
  const cohortCount = new Map<string, number>();
  const rngCohorts = root.fork('cohorts');
  const addCohort = (programme: ProgrammePlan, phase: CohortPhase, applicants: Applicant[]): CohortPlan => {
    const n = (cohortCount.get(programme.key) ?? 0) + 1;
    cohortCount.set(programme.key, n);
    let start: number;
    let end: number;
    if (phase === 'FINISHING') {
      start = asOfDay - rngCohorts.int(30, 90);
      end = asOfDay + rngCohorts.int(7, 28);
    } else if (phase === 'RUNNING') {
      start = asOfDay - rngCohorts.int(3, 21);
      end = asOfDay + rngCohorts.int(21, 75);
    } else {
      start = asOfDay + rngCohorts.int(7, 70);
      end = start + Math.max(2, Math.min(120, Math.round(programme.input.hours / rngCohorts.pick([4, 6, 8]))));
    }
    // The seeder recognises a cohort on a re-run by programme and dates: keep them distinct.
    while (usedDates.has(`${programme.key}|${start}|${end}`)) {
      if (phase === 'UPCOMING') {
        start++;
        end++;
      } else start--;
    }
    usedDates.add(`${programme.key}|${start}|${end}`);
    const slack =
      applicants.length === 0 ? rngCohorts.int(15, 30) : rngCohorts.chance(0.15) ? 0 : rngCohorts.int(1, Math.max(2, Math.ceil(applicants.length * 0.3)));
    const cohort: CohortPlan = {
      key: `${programme.key}/c${pad(n)}`,
      programmeKey: programme.key,
      level: programme.level,
      municipalityId: programme.municipalityId,
      phase,
      startDate: dayToIso(start),
      endDate: dayToIso(end),
      // A group is never planned below ten seats, however small the scaled region.
      seats: Math.min(MAX_COHORT_SEATS, Math.max(applicants.length + slack, 10)),
      applications: applicants.length,
    };
    cohorts.push(cohort);
    members.set(cohort.key, applicants);
    return cohort;
  };
  const groupSize = (format: ProgrammeFormat) =>
    format === 'IN_PERSON' ? rngCohorts.int(20, 30) : format === 'BLENDED' ? rngCohorts.int(30, 50) : rngCohorts.int(60, 150);
  for (const programme of programmes) {
    let any = false;
    for (const phase of ['FINISHING', 'RUNNING', 'UPCOMING'] as const) {
      const applicants = groups.get(`${programme.key}|${phase}`) ?? [];
      if (applicants.length === 0) continue;
      any = true;
      const count = Math.max(1, Math.ceil(applicants.length / groupSize(programme.input.format)));
      const split: Applicant[][] = Array.from({ length: count }, () => []);
      applicants.forEach((a, i) => split[i % count]!.push(a));
      for (const part of split) addCohort(programme, phase, part);
    }
    if (!any) addCohort(programme, 'UPCOMING', []);
  }

  // ---- 4. enrolments: each applicant's path ----
  const enrolments: EnrolmentPlan[] = [];
  {
    const rng = root.fork('enrolments');
    for (const cohort of cohorts) {
      const programme = programmeByKey.get(cohort.programmeKey)!;
      for (const a of members.get(cohort.key)!) {
        const appliedBy = rng.chance(0.45) ? 'SELF' : 'COORDINATOR';
        const r = rng.next();
        let target: EnrolmentTarget;
        if (cohort.phase === 'FINISHING') {
          target = r < 0.03 ? 'WITHDRAWN' : r < 0.08 ? 'REJECTED' : r < 0.86 ? 'COMPLETED' : r < 0.93 ? 'NOT_COMPLETED' : 'ENROLLED';
        } else if (cohort.phase === 'RUNNING') {
          target = r < 0.04 ? 'WITHDRAWN' : r < 0.1 ? 'REJECTED' : 'ENROLLED';
        } else {
          target = r < 0.05 ? 'WITHDRAWN' : r < 0.11 ? 'REJECTED' : r < 0.36 ? 'APPLIED' : 'ENROLLED';
        }
        const reason =
          target === 'REJECTED'
            ? rng.pick(REJECTION_REASONS)
            : target === 'WITHDRAWN'
              ? rng.pick(WITHDRAWAL_REASONS)
              : target === 'NOT_COMPLETED'
                ? rng.pick(NOT_COMPLETED_REASONS)
                : null;
        let certificate: CertificatePlan | null = null;
        if (target === 'COMPLETED') {
          const lo = Math.max(isoToDay(cohort.startDate), asOfDay - 10);
          const issuedOn = dayToIso(rng.int(lo, asOfDay));
          const hours = rng.chance(0.92) ? programme.input.hours : Math.max(1, Math.round(programme.input.hours * rng.float(0.6, 0.95)));
          certificate = { number: certificates.take(programme.certificatePrefix, issuedOn), hours, issuedOn };
        }
        const resultBy =
          target === 'COMPLETED' || target === 'NOT_COMPLETED'
            ? cohort.level === 'MUNICIPAL'
              ? rng.chance(0.7)
                ? 'OWNER'
                : 'COORDINATOR'
              : rng.chance(0.25)
                ? 'OWNER'
                : 'COORDINATOR'
            : null;
        enrolments.push({
          key: `${cohort.key}/${a.e.id}`,
          cohortKey: cohort.key,
          educatorPlanId: a.e.id,
          municipalityId: a.m.id,
          organizationPlanId: a.o.id,
          appliedBy,
          target,
          reason,
          certificate,
          resultBy,
        });
      }
    }
  }

  // ---- 5. trainings outside the catalogue (the three-year rule's history) ----
  const externalTrainings: ExternalTrainingPlan[] = [];
  const rule = { overdue: 0, dueWithin90Days: 0, covered: 0 };
  {
    const threeYearsAgo = isoToDay(minusYears(asOf, 3));
    const oldest = isoToDay(minusYears(asOf, 4)) + 183; // about three and a half years back
    const courses = EXTERNAL_COURSES.map((c) => [c, c.weight] as const);
    for (const m of region.municipalities) {
      const rng = root.fork(`external/${m.id}`);
      for (const { o, e } of educatorsOf(m)) {
        const career = isoToDay(e.input.careerStartDate);
        const days: number[] = [];
        if (e.isYoungTeacher) {
          // Mostly nothing yet; some took a course in their first year.
          const lo = Math.max(career, asOfDay - 365);
          if (rng.chance(0.2) && lo <= asOfDay - 7) days.push(rng.int(lo, asOfDay - 7));
        } else {
          const r = rng.next();
          if (r < 0.08) {
            rule.overdue++;
          } else if (r < 0.15) {
            const d = rng.int(oldest, threeYearsAgo - 2);
            if (d >= career) days.push(d);
            rule.overdue++;
          } else if (r < 0.23) {
            days.push(rng.int(threeYearsAgo + 1, threeYearsAgo + 85));
            rule.dueWithin90Days++;
          } else {
            const latest = rng.int(threeYearsAgo + 95, asOfDay - 14);
            days.push(latest);
            if (rng.chance(0.35)) {
              const d = rng.int(oldest, latest - 120);
              if (d >= career) days.push(d);
            }
            rule.covered++;
          }
        }
        days.sort((a, b) => a - b);
        days.forEach((day, i) => {
          const course = rng.weighted(courses);
          const issuedOn = dayToIso(day);
          const recordedBy = rng.weighted<ExternalTrainingPlan['recordedBy']>([
            ['COORDINATOR', 70],
            ['METHODOLOGIST', 25],
            ['OPERATOR', 5],
          ]);
          externalTrainings.push({
            key: `${e.id}/ext${i + 1}`,
            educatorPlanId: e.id,
            municipalityId: m.id,
            organizationPlanId: o.id,
            recordedBy,
            input: {
              title: course.title,
              provider: course.provider.name,
              hours: rng.pick(course.hours),
              competences: [...course.competences],
              certificateNumber: certificates.take(course.provider.code, issuedOn),
              issuedOn,
            },
          });
        });
      }
    }
  }

  // ---- 6. diagnostics: one import per municipality (split when large) ----
  const BASE: Record<CompetenceArea, number> = {
    SUBJECT: 0.76,
    METHODICAL: 0.72,
    PSYCHOLOGY_PEDAGOGY: 0.71,
    DIGITAL: 0.62,
    FUNCTIONAL_LITERACY: 0.64,
    INCLUSIVE: 0.63,
    UPBRINGING: 0.75,
    ASSESSMENT: 0.68,
  };
  const diagnostics: DiagnosticsImportPlan[] = [];
  const deficitsOf = new Map<string, CompetenceArea[]>();
  let diagnosed = 0;
  let belowThreshold = 0;
  for (const m of region.municipalities) {
    const rng = root.fork(`diagnostics/${m.id}`);
    // The municipality's instrument: one maximum per area, its own strengths and weaknesses, one campaign window.
    const maxScore = Object.fromEntries(COMPETENCE_AREAS.map((a) => [a, rng.pick([20, 25, 30, 40, 50, 100])])) as Record<CompetenceArea, number>;
    const offset = Object.fromEntries(COMPETENCE_AREAS.map((a) => [a, rng.float(-0.06, 0.06)])) as Record<CompetenceArea, number>;
    const campaignEnd = asOfDay - rng.int(3, 20);
    const campaignStart = campaignEnd - rng.int(10, 45);
    const parts: DiagnosticRowPlan[][] = [];
    let current: DiagnosticRowPlan[] = [];
    let inCurrent = 0;
    for (const { e } of educatorsOf(m)) {
      if (!rng.chance(opt.diagnosedShare)) continue;
      diagnosed++;
      const picked = rng.sample(COMPETENCE_AREAS, rng.int(3, 5));
      const areas = COMPETENCE_AREAS.filter((a) => picked.includes(a));
      const personal = rng.float(-0.12, 0.12);
      const takenOn = dayToIso(clampDay(rng.int(campaignStart, campaignEnd), isoToDay(e.input.careerStartDate), asOfDay));
      const deficits: CompetenceArea[] = [];
      for (const area of areas) {
        const noise = (rng.next() + rng.next() - 1) * 0.3;
        const ratio = Math.min(1, Math.max(0.1, BASE[area] + offset[area] + personal + noise));
        const max = maxScore[area];
        const score = Math.round(ratio * max);
        if (isBelowThreshold(score, max)) {
          deficits.push(area);
          belowThreshold++;
        }
        current.push({ educatorPlanId: e.id, area, score, maxScore: max, takenOn });
      }
      if (deficits.length) deficitsOf.set(e.id, deficits);
      if (++inCurrent >= opt.maxEducatorsPerImport) {
        parts.push(current);
        current = [];
        inCurrent = 0;
      }
    }
    if (current.length) parts.push(current);
    parts.forEach((rows, i) => diagnostics.push({ importId: `demo-pd-${planTag}-${m.id}-diagnostics-${pad(i + 1)}`, municipalityId: m.id, part: i + 1, rows }));
  }

  // ---- 7. mentorships: young teachers with an experienced mentor ----
  const mentorships: MentorshipPlan[] = [];
  let youngTeachers = 0;
  const mentorsUsed = new Set<string>();
  {
    const experienced = minusYears(asOf, 7);
    const categoryWeight: Record<QualificationCategory, number> = { MENTOR: 6, METHODIST: 5, HIGHEST: 4, FIRST: 2, NONE: 0.5 };
    for (const m of region.municipalities) {
      const rng = root.fork(`mentoring/${m.id}`);
      const load = new Map<string, number>();
      const free = (e: EducatorPlan) => (load.get(e.id) ?? 0) < MAX_ACTIVE_MENTEES;
      const candidatesByOrg = new Map<string, EducatorPlan[]>();
      const candidatesByKind = new Map<OrganizationKind, EducatorPlan[]>();
      for (const o of m.organizations) {
        const list = o.educators.filter((e) => !e.isYoungTeacher && e.input.careerStartDate <= experienced);
        candidatesByOrg.set(o.id, list);
        candidatesByKind.set(o.input.kind, [...(candidatesByKind.get(o.input.kind) ?? []), ...list]);
      }
      const all = [...candidatesByKind.values()].flat();
      for (const { o, e } of educatorsOf(m)) {
        if (!e.isYoungTeacher) continue;
        youngTeachers++;
        if (!rng.chance(opt.mentoredShare)) continue;
        const here = candidatesByOrg.get(o.id)!.filter(free);
        let mentor: EducatorPlan | undefined;
        let sameOrganization = true;
        if (here.length) mentor = rng.weighted(here.map((c) => [c, categoryWeight[c.input.qualificationCategory]] as const));
        else {
          sameOrganization = false;
          // A colleague from a school (kindergarten…) of the same kind, else anyone experienced in the municipality.
          for (const pool of [candidatesByKind.get(o.input.kind) ?? [], all]) {
            for (let tries = 0; tries < 20 && !mentor && pool.length; tries++) {
              const c = rng.pick(pool);
              if (free(c)) mentor = c;
            }
            mentor ??= pool.find(free);
            if (mentor) break;
          }
        }
        if (!mentor) continue;
        load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
        mentorsUsed.add(mentor.id);
        const fromDay = Math.min(asOfDay, Math.max(isoToDay(e.input.careerStartDate), asOfDay - rng.int(10, 300)));
        const from = dayToIso(fromDay);
        // A year (sometimes two) of support: the mentee's first years.
        const to = addDays(minusYears(from, rng.chance(0.8) ? -1 : -2), -1);
        mentorships.push({
          key: `${mentor.id}>${e.id}`,
          mentorPlanId: mentor.id,
          menteePlanId: e.id,
          municipalityId: m.id,
          sameOrganization,
          from,
          to,
          goals: rng.sample(MENTORING_GOALS, rng.int(2, 3)),
        });
      }
    }
  }

  // ---- 8. routes for some of those with deficits ----
  const routes: RoutePlan[] = [];
  {
    const rng = root.fork('routes');
    for (const m of region.municipalities) {
      for (const { e } of educatorsOf(m)) {
        const deficits = deficitsOf.get(e.id);
        if (!deficits || !rng.chance(opt.routeShare)) continue;
        routes.push({ educatorPlanId: e.id, municipalityId: m.id, deficits, approve: rng.chance(opt.approvedRouteShare) });
      }
    }
  }

  // ---- totals ----
  const count = <T>(items: readonly T[], p: (x: T) => boolean) => items.reduce((a, x) => a + (p(x) ? 1 : 0), 0);
  const targets = Object.fromEntries(
    (['APPLIED', 'ENROLLED', 'REJECTED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED'] as const).map((t) => [t, count(enrolments, (x) => x.target === t)]),
  ) as Record<EnrolmentTarget, number>;
  const commands: Record<string, number> = {
    createProgramme: programmes.length,
    publishProgramme: programmes.length,
    scheduleCohort: cohorts.length,
    applyForCohort: enrolments.length,
    approveEnrolment: targets.ENROLLED + targets.COMPLETED + targets.NOT_COMPLETED,
    rejectEnrolment: targets.REJECTED,
    withdrawEnrolment: targets.WITHDRAWN,
    completeEnrolment: targets.COMPLETED,
    markEnrolmentNotCompleted: targets.NOT_COMPLETED,
    recordExternalTraining: externalTrainings.length,
    importDiagnostics: diagnostics.length,
    startMentorship: mentorships.length,
    proposeRoute: routes.length,
    approveRoute: count(routes, (r) => r.approve),
  };
  const totals: PdPlanTotals = {
    programmes: {
      regional: count(programmes, (p) => p.level === 'REGIONAL'),
      municipal: count(programmes, (p) => p.level === 'MUNICIPAL'),
      withFederalRegisterId: count(programmes, (p) => p.input.federalRegisterId !== null),
    },
    cohorts: {
      FINISHING: count(cohorts, (c) => c.phase === 'FINISHING'),
      RUNNING: count(cohorts, (c) => c.phase === 'RUNNING'),
      UPCOMING: count(cohorts, (c) => c.phase === 'UPCOMING'),
      total: cohorts.length,
      withApplications: count(cohorts, (c) => c.applications > 0),
      seats: cohorts.reduce((a, c) => a + c.seats, 0),
    },
    enrolments: {
      ...targets,
      total: enrolments.length,
      bySelf: count(enrolments, (x) => x.appliedBy === 'SELF'),
      byCoordinator: count(enrolments, (x) => x.appliedBy === 'COORDINATOR'),
    },
    externalTrainings: externalTrainings.length,
    threeYearRule: rule,
    diagnostics: {
      imports: diagnostics.length,
      educators: diagnosed,
      rows: diagnostics.reduce((a, d) => a + d.rows.length, 0),
      belowThreshold,
      educatorsWithDeficits: deficitsOf.size,
    },
    routes: { total: routes.length, approved: count(routes, (r) => r.approve), draft: count(routes, (r) => !r.approve) },
    mentorships: {
      total: mentorships.length,
      sameOrganization: count(mentorships, (x) => x.sameOrganization),
      youngTeachers,
      youngWithoutMentor: youngTeachers - mentorships.length,
      mentors: mentorsUsed.size,
    },
    commands,
    commandsTotal: Object.values(commands).reduce((a, b) => a + b, 0),
  };

  return {
    version: 1,
    seed: region.seed,
    scale: region.scale,
    asOf,
    academicYear: academicYearOf(asOf),
    programmes,
    cohorts,
    enrolments,
    externalTrainings,
    diagnostics,
    routes,
    mentorships,
    totals,
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
