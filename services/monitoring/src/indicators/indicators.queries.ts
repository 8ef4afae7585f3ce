import { RequestContext } from '@mms/auth';
import { NotFoundError } from '@mms/eventsourcing/core';
import * as access from '../access/policy';
import type { MonitoringDeps } from '../monitoring.deps';
import { combineIndicators, compareMunicipalities, computeIndicators, Indicators, MunicipalityRow } from './indicators';
import { IndicatorReport, regionalComparisonView, RegionalComparisonView, report } from './indicators.views';
import { PeriodArgs, resolvePeriod } from './period';

/**
 * Indicator queries. Everything is computed at query time from the school documents of
 * the projection's active generation, so time-dependent figures never go stale; a
 * municipality or the region sums its schools' counts, each school's remembered until its
 * document changes (SchoolIndicatorsCache). Who may read what is access/policy.ts's.
 */

/** A school's indicators; null when monitoring has no data for it (yet). */
export const schoolIndicatorsOrNull = async (
  d: MonitoringDeps,
  req: RequestContext,
  organizationId: string,
  args: PeriodArgs,
): Promise<IndicatorReport | null> => {
  const reader = access.indicatorReader(req.user);
  const period = resolvePeriod(args, d.clock.today());
  const school = await (await d.tables()).schools.get(organizationId);
  if (!school) return null;
  access.requireMayRead(reader, school.municipalityId, `organisation ${organizationId}`);
  return report('SCHOOL', organizationId, computeIndicators(school.educators, period));
};

export const schoolIndicators = async (d: MonitoringDeps, req: RequestContext, organizationId: string, args: PeriodArgs): Promise<IndicatorReport> => {
  const found = await schoolIndicatorsOrNull(d, req, organizationId, args);
  if (!found) throw new NotFoundError(`monitoring has no data for organisation ${organizationId}`, { organizationId });
  return found;
};

/** A municipality's indicators (a municipal user's own by default); null when monitoring knows nothing of it. */
const municipalityReport = async (d: MonitoringDeps, req: RequestContext, requested: string | null | undefined, args: PeriodArgs) => {
  const municipalityId = access.municipalityToRead(access.indicatorReader(req.user), requested);
  const period = resolvePeriod(args, d.clock.today());
  const t = await d.tables();
  const schools = await d.cache.schools(t, period, municipalityId);
  const known = schools.length > 0 || (await t.municipalities.get(municipalityId)) !== null;
  return {
    municipalityId,
    found: known
      ? report(
          'MUNICIPALITY',
          municipalityId,
          combineIndicators(
            schools.map((s) => s.indicators),
            period,
          ),
        )
      : null,
  };
};

export const municipalityIndicatorsOrNull = async (
  d: MonitoringDeps,
  req: RequestContext,
  municipalityId: string,
  args: PeriodArgs,
): Promise<IndicatorReport | null> => (await municipalityReport(d, req, municipalityId, args)).found;

export const municipalityIndicators = async (
  d: MonitoringDeps,
  req: RequestContext,
  requested: string | null | undefined,
  args: PeriodArgs,
): Promise<IndicatorReport> => {
  const { municipalityId, found } = await municipalityReport(d, req, requested, args);
  if (!found) throw new NotFoundError(`monitoring has no data for municipality ${municipalityId}`, { municipalityId });
  return found;
};

/** Every municipality known (onboarded or with schools), ranked, with region totals. Regional operator only. */
export const regionalComparison = async (d: MonitoringDeps, req: RequestContext, args: PeriodArgs): Promise<RegionalComparisonView> => {
  access.requireRegionalReader(req.user);
  const period = resolvePeriod(args, d.clock.today());
  const t = await d.tables();
  const byMunicipality = new Map<string, Indicators[]>();
  const partsOf = (municipalityId: string) => {
    const list = byMunicipality.get(municipalityId) ?? [];
    byMunicipality.set(municipalityId, list);
    return list;
  };
  // Regional by policy: every municipality is the caller's scope.
  for (const m of await t.municipalities.find({})) partsOf(m._id);
  for (const s of await d.cache.schools(t, period)) partsOf(s.municipalityId).push(s.indicators);
  const rows: MunicipalityRow[] = [...byMunicipality].map(([municipalityId, parts]) => ({
    municipalityId,
    indicators: combineIndicators(parts, period),
  }));
  return regionalComparisonView(compareMunicipalities(rows, period));
};
