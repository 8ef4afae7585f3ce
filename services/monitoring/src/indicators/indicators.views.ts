import type { Indicators, RegionalComparison } from './indicators';

export type IndicatorScope = 'SCHOOL' | 'MUNICIPALITY' | 'REGION';

export interface IndicatorReport extends Indicators {
  scope: IndicatorScope;
  scopeId: string | null;
}

export interface RegionalComparisonView {
  municipalities: { municipalityId: string; rank: number | null; indicators: IndicatorReport }[];
  region: IndicatorReport;
}

export const report = (scope: IndicatorScope, scopeId: string | null, indicators: Indicators): IndicatorReport => ({
  scope,
  scopeId,
  ...indicators,
});

export const regionalComparisonView = (comparison: RegionalComparison): RegionalComparisonView => ({
  municipalities: comparison.municipalities.map((r) => ({
    municipalityId: r.municipalityId,
    rank: r.rank,
    indicators: report('MUNICIPALITY', r.municipalityId, r.indicators),
  })),
  region: report('REGION', null, comparison.region),
});
