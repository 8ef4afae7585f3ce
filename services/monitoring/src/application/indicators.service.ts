import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@mms/auth';
import { IsoDate } from '@mms/contracts';
import { NotFoundError, ReadModelCollections } from '@mms/eventsourcing';
import { PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import * as access from '../access/policy';
import { combineIndicators, compareMunicipalities, computeIndicators, IndicatorPeriod, Indicators, MunicipalityRow } from '../indicators/indicators';
import { MUNICIPALITIES, MunicipalityDocument, SCHOOLS, SchoolDocument } from '../read-model/documents';
import { EDUCATOR_FACTS_PROJECTION } from '../read-model/educator-facts.projection';
import { PeriodArgs, resolvePeriod } from './period';
import { SchoolIndicatorsCache } from './school-indicators.cache';

/** Today's date in the region, injected so that queries and tests share one clock. */
export const TODAY = Symbol('TODAY');
export type Today = () => IsoDate;

export type IndicatorScope = 'SCHOOL' | 'MUNICIPALITY' | 'REGION';

export interface IndicatorReport extends Indicators {
  scope: IndicatorScope;
  scopeId: string | null;
}

export interface RegionalComparisonView {
  municipalities: { municipalityId: string; rank: number | null; indicators: IndicatorReport }[];
  region: IndicatorReport;
}

const report = (scope: IndicatorScope, scopeId: string | null, indicators: Indicators): IndicatorReport => ({
  scope,
  scopeId,
  ...indicators,
});

/** What the entity fields do when monitoring has no data yet for a unit the directory knows. */
type WhenMissing = 'notFound' | 'null';

/**
 * Indicator queries. Everything is computed at query time from the school documents of
 * the projection's active generation, so time-dependent figures never go stale; a
 * municipality or the region sums its schools' counts, each school's remembered until its
 * document changes (SchoolIndicatorsCache).
 */
@Injectable()
export class IndicatorsService {
  private readonly cache = new SchoolIndicatorsCache();

  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionRegistry,
    @Inject(TODAY) private readonly today: Today,
  ) {}

  private async rm(): Promise<ReadModelCollections> {
    return this.projections.get(EDUCATOR_FACTS_PROJECTION).readModel();
  }

  private period(args: PeriodArgs): IndicatorPeriod {
    return resolvePeriod(args, this.today());
  }

  async school(req: RequestContext, organizationId: string, args: PeriodArgs): Promise<IndicatorReport>;
  async school(req: RequestContext, organizationId: string, args: PeriodArgs, missing: 'null'): Promise<IndicatorReport | null>;
  async school(req: RequestContext, organizationId: string, args: PeriodArgs, missing: WhenMissing = 'notFound') {
    const reader = access.indicatorReader(req.user);
    const period = this.period(args);
    const school = await (await this.rm()).collection<SchoolDocument>(SCHOOLS).findOne({ _id: organizationId });
    if (!school) {
      if (missing === 'null') return null;
      throw new NotFoundError(`monitoring has no data for organisation ${organizationId}`, { organizationId });
    }
    access.requireMayRead(reader, school.municipalityId, `organisation ${organizationId}`);
    return report('SCHOOL', organizationId, computeIndicators(school.educators, period));
  }

  async municipality(req: RequestContext, municipalityId: string | null | undefined, args: PeriodArgs): Promise<IndicatorReport>;
  async municipality(req: RequestContext, municipalityId: string, args: PeriodArgs, missing: 'null'): Promise<IndicatorReport | null>;
  async municipality(req: RequestContext, requested: string | null | undefined, args: PeriodArgs, missing: WhenMissing = 'notFound') {
    const municipalityId = access.municipalityToRead(access.indicatorReader(req.user), requested);
    const period = this.period(args);
    const rm = await this.rm();
    const schools = await this.cache.schools(rm, period, municipalityId);
    if (schools.length === 0 && !(await rm.collection<MunicipalityDocument>(MUNICIPALITIES).findOne({ _id: municipalityId }))) {
      if (missing === 'null') return null;
      throw new NotFoundError(`monitoring has no data for municipality ${municipalityId}`, { municipalityId });
    }
    return report('MUNICIPALITY', municipalityId, combineIndicators(schools.map((s) => s.indicators), period));
  }

  /** Every municipality known (onboarded or with schools), ranked, with region totals. */
  async regional(req: RequestContext, args: PeriodArgs): Promise<RegionalComparisonView> {
    access.requireRegionalReader(req.user);
    const period = this.period(args);
    const rm = await this.rm();
    const byMunicipality = new Map<string, Indicators[]>();
    const partsOf = (municipalityId: string) => {
      const list = byMunicipality.get(municipalityId) ?? [];
      byMunicipality.set(municipalityId, list);
      return list;
    };
    for (const m of await rm.collection<MunicipalityDocument>(MUNICIPALITIES).find({}).toArray()) partsOf(m._id);
    for (const s of await this.cache.schools(rm, period)) partsOf(s.municipalityId).push(s.indicators);
    const rows: MunicipalityRow[] = [...byMunicipality].map(([municipalityId, parts]) => ({
      municipalityId,
      indicators: combineIndicators(parts, period),
    }));
    const comparison = compareMunicipalities(rows, period);
    return {
      municipalities: comparison.municipalities.map((r) => ({
        municipalityId: r.municipalityId,
        rank: r.rank,
        indicators: report('MUNICIPALITY', r.municipalityId, r.indicators),
      })),
      region: report('REGION', null, comparison.region),
    };
  }
}
