/** The server's rules and the calendar helpers the PD plan keeps (re-exported by pd-plan.ts). */
import { dayToIso, isoToDay } from '../../../region/random';
import type { PdPlanOptions } from '../pd-plan';

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

export const addDays = (iso: string, days: number): string => dayToIso(isoToDay(iso) + days);

/** "2026/2027" for any day from 1 Sep 2026 to 31 Aug 2027. */
export const academicYearOf = (iso: string): string => {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${start + 1}`;
};

/** Mirrors PD's deficit rule: a result below 60% of the maximum. */
export const isBelowThreshold = (score: number, maxScore: number) => score / maxScore < DEFICIT_THRESHOLD;
