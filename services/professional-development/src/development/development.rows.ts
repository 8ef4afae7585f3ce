import type { RowTable } from '@mms/eventsourcing/core';
import type { CompetenceArea } from '../competences/competence-areas';
import { developmentDecider, DevelopmentEvent, DevelopmentState, DiagnosticResult, LatestResult, RouteStatus } from './development.decider';
import type { ExternalTraining } from './external-training';
import type { RouteItem } from './route-item';

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
  externalTrainings: ExternalTraining[];
}

const DEVELOPMENT_EVENTS = new Set<string>([
  'DiagnosticResultRecorded',
  'DeficitIdentified',
  'DeficitResolved',
  'RouteProposed',
  'RouteItemAdded',
  'RouteItemChanged',
  'RouteItemRemoved',
  'RouteApproved',
  'RouteReturnedToDraft',
  'RouteItemDone',
  'ExternalTrainingRecorded',
]);

/**
 * One row per educator holding what the decider's state holds (latest results, open
 * deficits, the route, trainings from elsewhere), folded with the decider's own `evolve`:
 * the read model cannot drift from the rules. Results are also kept as a list.
 */
export const developmentRows: RowTable<DevelopmentRow> = {
  collection: 'development',
  indexes: [{ keys: { tenantId: 1 } }],
  rowsOf: (e) => (DEVELOPMENT_EVENTS.has(e.type) ? [(e.data as { educatorId: string }).educatorId] : []),
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as DevelopmentEvent;
    const before: DevelopmentState = {
      educatorId: e.data.educatorId,
      resultIds: [],
      latest: row?.latest ?? {},
      openDeficits: row?.openDeficits ?? [],
      route: row?.route ?? { status: 'NONE', items: [] },
      externalTrainings: row?.externalTrainings ?? [],
    };
    const after = developmentDecider.evolve(before, e);
    const results = row?.results ?? [];
    const { educatorId: _e, ...result } = e.data as { educatorId: string } & DiagnosticResult;
    return {
      _id: e.data.educatorId,
      tenantId: envelope.tenantId,
      results: e.type === 'DiagnosticResultRecorded' ? [...results, result] : results,
      latest: after.latest,
      openDeficits: after.openDeficits,
      route: after.route,
      externalTrainings: after.externalTrainings,
    };
  },
};
