/** Part 1 of the PD plan: the programme catalogue, regional and municipal. */
import { MUNICIPAL_PROGRAMMES, municipalProvider, REGIONAL_CORE_TITLES, REGIONAL_PROGRAMMES } from '../pd-dictionaries';
import { MunicipalityPlan } from '../../../region/region-model';
import type { ProgrammePlan } from '../pd-plan';
import { pad, PlanContext } from './context';

/** The region's core programmes and a few more, owned by the region. */
const regionalProgrammes = (ctx: PlanContext): ProgrammePlan[] => {
  const rng = ctx.root.fork('catalogue/regional');
  const core = REGIONAL_PROGRAMMES.filter((p) => REGIONAL_CORE_TITLES.includes(p.title));
  const rest = rng.sample(
    REGIONAL_PROGRAMMES.filter((p) => !REGIONAL_CORE_TITLES.includes(p.title)),
    rng.int(4, 6),
  );
  const chosen = REGIONAL_PROGRAMMES.filter((p) => core.includes(p) || rest.includes(p));
  return chosen.map((p, i) => ({
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
      federalRegisterId: p.federal ? `ФРДПП-${Number(ctx.asOf.slice(0, 4)) - rng.int(1, 3)}-${pad(rng.int(100, 9999), 4)}` : null,
    },
  }));
};

/** One to three programmes of a municipality's own methodological centre. */
const municipalProgrammes = (ctx: PlanContext, m: MunicipalityPlan): ProgrammePlan[] => {
  const rng = ctx.root.fork(`catalogue/${m.id}`);
  // Every municipality offers something for schools and something for all (kindergartens, additional education).
  const forAll = MUNICIPAL_PROGRAMMES.filter((p) => p.audience === 'ALL');
  const first = rng.pick(forAll);
  const others = rng.sample(
    MUNICIPAL_PROGRAMMES.filter((p) => p !== first),
    rng.int(0, 2),
  );
  const chosen = MUNICIPAL_PROGRAMMES.filter((p) => p === first || others.includes(p));
  const munNo = m.id.replace(/^mun-/, '');
  return chosen.map((p, i) => ({
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
  }));
};

/** Regional programmes first, then each municipality's, in plan order. */
export const planCatalogue = (ctx: PlanContext): ProgrammePlan[] => [
  ...regionalProgrammes(ctx),
  ...ctx.region.municipalities.flatMap((m) => municipalProgrammes(ctx, m)),
];

/** How popular a programme is with applicants (its dictionary weight). */
export const weightOf = (p: ProgrammePlan) =>
  (p.level === 'REGIONAL'
    ? REGIONAL_PROGRAMMES.find((d) => d.title === p.input.title)?.weight
    : MUNICIPAL_PROGRAMMES.find((d) => d.title === p.input.title)?.weight) ?? 1;
