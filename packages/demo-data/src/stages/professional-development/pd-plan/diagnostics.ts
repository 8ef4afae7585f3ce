/** Part 6 of the PD plan: diagnostics results, one import per municipality (split when large), and the deficits they leave. */
import { COMPETENCE_AREAS, CompetenceArea } from '../pd-dictionaries';
import { dayToIso, isoToDay, Random } from '../../../region/random';
import { EducatorPlan, MunicipalityPlan } from '../../../region/region-model';
import type { DiagnosticRowPlan, DiagnosticsImportPlan } from '../pd-plan';
import { clampDay, educatorsOf, pad, PlanContext } from './context';
import { isBelowThreshold } from './rules';

/** The region's typical result per area (share of the maximum). */
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

export interface DiagnosticsPart {
  diagnostics: DiagnosticsImportPlan[];
  /** Educator plan id → the areas below the threshold. */
  deficitsOf: Map<string, CompetenceArea[]>;
  diagnosed: number;
  belowThreshold: number;
}

/** A municipality's instrument: one maximum per area, its own strengths and weaknesses, one campaign window. */
interface Instrument {
  maxScore: Record<CompetenceArea, number>;
  offset: Record<CompetenceArea, number>;
  campaignStart: number;
  campaignEnd: number;
}

/** Draws a municipality's instrument (maxima, offsets, campaign window), in this order. */
const instrumentOf = (rng: Random, asOfDay: number): Instrument => {
  const maxScore = Object.fromEntries(COMPETENCE_AREAS.map((a) => [a, rng.pick([20, 25, 30, 40, 50, 100])])) as Record<CompetenceArea, number>;
  const offset = Object.fromEntries(COMPETENCE_AREAS.map((a) => [a, rng.float(-0.06, 0.06)])) as Record<CompetenceArea, number>;
  const campaignEnd = asOfDay - rng.int(3, 20);
  const campaignStart = campaignEnd - rng.int(10, 45);
  return { maxScore, offset, campaignStart, campaignEnd };
};

/** One educator's results in 3–5 areas, appended to `rows`; records the deficits and counts them into `out`. */
const diagnose = (ctx: PlanContext, rng: Random, ins: Instrument, e: EducatorPlan, rows: DiagnosticRowPlan[], out: DiagnosticsPart) => {
  const picked = rng.sample(COMPETENCE_AREAS, rng.int(3, 5));
  const areas = COMPETENCE_AREAS.filter((a) => picked.includes(a));
  const personal = rng.float(-0.12, 0.12);
  const takenOn = dayToIso(clampDay(rng.int(ins.campaignStart, ins.campaignEnd), isoToDay(e.input.careerStartDate), ctx.asOfDay));
  const deficits: CompetenceArea[] = [];
  for (const area of areas) {
    const noise = (rng.next() + rng.next() - 1) * 0.3;
    const ratio = Math.min(1, Math.max(0.1, BASE[area] + ins.offset[area] + personal + noise));
    const max = ins.maxScore[area];
    const score = Math.round(ratio * max);
    if (isBelowThreshold(score, max)) {
      deficits.push(area);
      out.belowThreshold++;
    }
    rows.push({ educatorPlanId: e.id, area, score, maxScore: max, takenOn });
  }
  if (deficits.length) out.deficitsOf.set(e.id, deficits);
};

/** A municipality's diagnosed educators, in parts of at most `maxEducatorsPerImport` educators, each one import. */
const diagnoseMunicipality = (ctx: PlanContext, m: MunicipalityPlan, out: DiagnosticsPart) => {
  const rng = ctx.root.fork(`diagnostics/${m.id}`);
  const ins = instrumentOf(rng, ctx.asOfDay);
  const parts: DiagnosticRowPlan[][] = [];
  let current: DiagnosticRowPlan[] = [];
  let inCurrent = 0;
  for (const { e } of educatorsOf(m)) {
    if (!rng.chance(ctx.opt.diagnosedShare)) continue;
    out.diagnosed++;
    diagnose(ctx, rng, ins, e, current, out);
    if (++inCurrent >= ctx.opt.maxEducatorsPerImport) {
      parts.push(current);
      current = [];
      inCurrent = 0;
    }
  }
  if (current.length) parts.push(current);
  parts.forEach((rows, i) =>
    out.diagnostics.push({ importId: `demo-pd-${ctx.planTag}-${m.id}-diagnostics-${pad(i + 1)}`, municipalityId: m.id, part: i + 1, rows }),
  );
};

/** Every municipality's imports, in plan order, with the deficits the routes are drawn from. */
export const planDiagnostics = (ctx: PlanContext): DiagnosticsPart => {
  const out: DiagnosticsPart = { diagnostics: [], deficitsOf: new Map(), diagnosed: 0, belowThreshold: 0 };
  for (const m of ctx.region.municipalities) diagnoseMunicipality(ctx, m, out);
  return out;
};
