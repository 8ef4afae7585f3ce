import { DevelopmentState, isDeficit } from './development.decider';
import type { DevelopmentRow, DiagnosticResultRow } from './development.rows';
import type { ExternalTraining } from './external-training';

/** An educator's development as the Educator fields show it. */
export interface DevelopmentView {
  educatorId: string;
  results: DiagnosticResultRow[];
  openDeficits: DevelopmentRow['openDeficits'];
  route: DevelopmentRow['route'];
  externalTrainings: ExternalTraining[];
}

/** What the Educator type resolves from: an id, and the development a mutation just wrote. */
export interface EducatorParent {
  id: string;
  development?: DevelopmentView;
}

export const developmentRowView = (r: DevelopmentRow): DevelopmentView => ({
  educatorId: r._id,
  results: r.results ?? [],
  openDeficits: r.openDeficits ?? [],
  route: r.route ?? { status: 'NONE', items: [] },
  externalTrainings: r.externalTrainings ?? [],
});

/** From the stream state (the results list then holds only what this command recorded and the read model had). */
export const developmentStateView = (educatorId: string, s: DevelopmentState, results: DiagnosticResultRow[]): DevelopmentView => ({
  educatorId,
  results,
  openDeficits: s.openDeficits,
  route: s.route,
  externalTrainings: s.externalTrainings,
});

/** The GraphQL ExternalTraining (the placement at recording stays inside). */
export const externalTrainingView = (educatorId: string, t: ExternalTraining) => ({
  id: t.recordId,
  educatorId,
  title: t.title,
  provider: t.provider,
  hours: t.hours,
  competences: t.competences,
  certificateNumber: t.certificateNumber,
  issuedOn: t.issuedOn,
});

export const resultView = (r: DiagnosticResultRow) => ({
  id: r.resultId,
  area: r.area,
  score: r.score,
  maxScore: r.maxScore,
  takenOn: r.takenOn,
  source: r.source,
  belowThreshold: isDeficit(r.score, r.maxScore),
});

export type RouteView = ReturnType<typeof routeView>;

export const routeView = (educatorId: string, route: DevelopmentRow['route']) => ({
  educatorId,
  status: route.status,
  approvedOn: route.approvedOn ?? null,
  items: route.items.map((i) => ({
    id: i.itemId,
    kind: i.kind,
    competence: i.competence,
    title: i.title,
    programmeId: i.programmeId ?? null,
    dueBy: i.dueBy ?? null,
    status: i.status,
  })),
});
