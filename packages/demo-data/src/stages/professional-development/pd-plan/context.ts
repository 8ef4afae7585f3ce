/** What every part of the PD plan shares, and the small helpers the parts use. */
import { createHash } from 'node:crypto';
import { Audience } from '../pd-dictionaries';
import { isoToDay, Random } from '../../../region/random';
import { EducatorPlan, MunicipalityPlan, OrganizationKind, OrganizationPlan, RegionPlan } from '../../../region/region-model';
import type { PdPlanOptions } from '../pd-plan';
import { DEFAULT_PD_OPTIONS } from './rules';

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const clampDay = (day: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, day));

const AUDIENCE_OF: Record<OrganizationKind, Audience> = {
  SCHOOL: 'SCHOOL',
  KINDERGARTEN: 'KINDERGARTEN',
  ADDITIONAL_EDUCATION: 'ADDITIONAL_EDUCATION',
  OTHER: 'ALL',
};
export const fits = (audience: Audience, kind: OrganizationKind) => audience === 'ALL' || audience === AUDIENCE_OF[kind];

/** Certificate numbers: `<provider code>-<yy>-<6 digits>`, one running sequence per prefix and year. */
export class CertificateNumbers {
  private readonly next = new Map<string, number>();
  take(prefix: string, issuedOn: string): string {
    const key = `${prefix}-${issuedOn.slice(2, 4)}`;
    const n = (this.next.get(key) ?? 0) + 1;
    this.next.set(key, n);
    return `${key}-${pad(n, 6)}`;
  }
}

export interface Placed {
  m: MunicipalityPlan;
  o: OrganizationPlan;
  e: EducatorPlan;
}

export const educatorsOf = (m: MunicipalityPlan): Placed[] => m.organizations.flatMap((o) => o.educators.map((e) => ({ m, o, e })));

/** Shared by every part of the plan; each part forks its own randomness from `root` by a label. */
export interface PlanContext {
  region: RegionPlan;
  opt: Required<PdPlanOptions>;
  asOf: string;
  asOfDay: number;
  root: Random;
  /** One numbering for the certificates of enrolments and of external trainings (enrolments number theirs first). */
  certificates: CertificateNumbers;
  /** Stable tag of seed, scale and asOf, in the diagnostics import ids. */
  planTag: string;
}

export const planContext = (region: RegionPlan, options: PdPlanOptions): PlanContext => ({
  region,
  opt: { ...DEFAULT_PD_OPTIONS, ...options },
  asOf: region.asOf,
  asOfDay: isoToDay(region.asOf),
  root: Random.from(region.seed).fork('professional-development'),
  certificates: new CertificateNumbers(),
  planTag: createHash('sha256').update(`${region.seed}\n${region.scale}\n${region.asOf}`).digest('hex').slice(0, 10),
});
