import { Decider, DomainError, DomainEvent, NotFoundError } from '@mms/eventsourcing/core';
import { COMPETENCE_AREAS, CompetenceArea, isCompetenceArea } from '../competences/competence-areas';
import { isIsoDate } from '@mms/contracts/dates';
import { decideExternalTraining, ExternalTraining } from './external-training';
import { itemContent, NewRouteItem, RouteItem, sameItem, validateRouteItem } from './route-item';

/** A result below this share of the maximum score is a deficit (professional gap). */
export const DEFICIT_THRESHOLD = 0.6;

export const isDeficit = (score: number, maxScore: number): boolean => score / maxScore < DEFICIT_THRESHOLD;

export type DiagnosticSource = 'MANUAL' | 'IMPORT';
export type RouteStatus = 'NONE' | 'DRAFT' | 'APPROVED';
export type RouteItemDoneHow = 'MANUAL' | 'PROGRAMME_COMPLETED';

export interface DiagnosticResult {
  resultId: string;
  area: CompetenceArea;
  score: number;
  maxScore: number;
  /** ISO date. */
  takenOn: string;
  source: DiagnosticSource;
  /** Set for results that came from a CSV import. */
  importId?: string;
}

export type DevelopmentEvent =
  | DomainEvent<'DiagnosticResultRecorded', { educatorId: string } & DiagnosticResult>
  // `open` is the full set after the change, so the public DeficitsChanged needs no state.
  | DomainEvent<'DeficitIdentified', { educatorId: string; area: CompetenceArea; resultId: string; open: CompetenceArea[] }>
  | DomainEvent<'DeficitResolved', { educatorId: string; area: CompetenceArea; resultId: string; open: CompetenceArea[] }>
  // Carries the whole resulting list (kept done items included): the route after it is exactly `items`.
  | DomainEvent<'RouteProposed', { educatorId: string; items: RouteItem[] }>
  | DomainEvent<'RouteItemAdded', { educatorId: string; item: NewRouteItem }>
  | DomainEvent<'ExternalTrainingRecorded', { educatorId: string } & ExternalTraining>
  | DomainEvent<'RouteItemChanged', { educatorId: string; item: NewRouteItem }>
  | DomainEvent<'RouteItemRemoved', { educatorId: string; itemId: string }>
  | DomainEvent<'RouteApproved', { educatorId: string; approvedBy: string; on: string }>
  | DomainEvent<'RouteReturnedToDraft', { educatorId: string }>
  | DomainEvent<'RouteItemDone', { educatorId: string; itemId: string; on: string; how: RouteItemDoneHow; programmeId?: string; enrolmentId?: string }>;

export type DevelopmentCommand =
  | ({ type: 'RecordDiagnosticResult'; educatorId: string } & DiagnosticResult)
  /** One educator's rows of a CSV import: all recorded in one commit, or none (a bad one refuses them all). */
  | { type: 'RecordDiagnosticResults'; educatorId: string; results: DiagnosticResult[] }
  /** Items come from `proposeRouteItems`, computed outside from the read models. */
  | { type: 'ProposeRoute'; educatorId: string; items: NewRouteItem[] }
  | { type: 'AddRouteItem'; educatorId: string; item: NewRouteItem }
  /** `on` is the day of recording: the certificate must not be dated after it. */
  | { type: 'RecordExternalTraining'; educatorId: string; training: ExternalTraining; on: string }
  /** Replaces the item's content (a missing optional field clears it); the status stays. */
  | { type: 'ChangeRouteItem'; educatorId: string; item: NewRouteItem }
  | { type: 'RemoveRouteItem'; educatorId: string; itemId: string }
  | { type: 'ApproveRoute'; educatorId: string; approvedBy: string; on: string }
  | { type: 'MarkRouteItemDone'; educatorId: string; itemId: string; on: string; how: 'MANUAL' }
  /** Reaction to EnrolmentCompleted. */
  | {
      type: 'CloseRouteItemsForCompletedProgramme';
      educatorId: string;
      programmeId: string;
      competences: CompetenceArea[];
      enrolmentId: string;
      on: string;
    };

/** The result that currently decides an area. */
export interface LatestResult {
  resultId: string;
  score: number;
  maxScore: number;
  takenOn: string;
}

export interface DevelopmentState {
  educatorId?: string;
  /** Every result recorded: a repeated resultId (re-run import, retry) is a no-op. */
  resultIds: string[];
  latest: Partial<Record<CompetenceArea, LatestResult>>;
  /** In COMPETENCE_AREAS order, so the published set is stable. */
  openDeficits: CompetenceArea[];
  route: { status: RouteStatus; items: RouteItem[]; approvedBy?: string; approvedOn?: string };
  /** Trainings completed outside the catalogue, in the order recorded. */
  externalTrainings: ExternalTraining[];
}

const initialState = (): DevelopmentState => ({
  resultIds: [],
  latest: {},
  openDeficits: [],
  route: { status: 'NONE', items: [] },
  externalTrainings: [],
});

export const developmentDecider: Decider<DevelopmentState, DevelopmentCommand, DevelopmentEvent> = {
  streamType: 'development',
  initialState,
  evolve: (s, e) => {
    const state = { ...s, educatorId: e.data.educatorId };
    switch (e.type) {
      case 'DiagnosticResultRecorded': {
        const { resultId, area, score, maxScore, takenOn } = e.data;
        const latest = decides(s.latest[area], takenOn) ? { ...s.latest, [area]: { resultId, score, maxScore, takenOn } } : s.latest;
        return { ...state, resultIds: [...s.resultIds, resultId], latest };
      }
      case 'DeficitIdentified':
      case 'DeficitResolved':
        return { ...state, openDeficits: e.data.open };
      case 'RouteProposed':
        return { ...state, route: { status: 'DRAFT', items: e.data.items } };
      case 'RouteItemAdded':
        // Adding to a stream without a route starts a draft by hand.
        return { ...state, route: { ...s.route, status: 'DRAFT', items: [...s.route.items, { ...e.data.item, status: 'OPEN' }] } };
      case 'RouteItemChanged':
        return withItems(state, (items) => items.map((i) => (i.itemId === e.data.item.itemId ? { ...e.data.item, status: i.status } : i)));
      case 'RouteItemRemoved':
        return withItems(state, (items) => items.filter((i) => i.itemId !== e.data.itemId));
      case 'RouteApproved':
        return { ...state, route: { ...s.route, status: 'APPROVED', approvedBy: e.data.approvedBy, approvedOn: e.data.on } };
      case 'RouteReturnedToDraft':
        return { ...state, route: { status: 'DRAFT', items: s.route.items } };
      case 'RouteItemDone':
        return withItems(state, (items) => items.map((i) => (i.itemId === e.data.itemId ? { ...i, status: 'DONE' } : i)));
      case 'ExternalTrainingRecorded': {
        const { educatorId: _e, ...training } = e.data;
        return { ...state, externalTrainings: [...s.externalTrainings, training] };
      }
    }
  },
  decide: (c, s) => {
    switch (c.type) {
      case 'RecordDiagnosticResult':
        return recordResult(c, s);
      case 'RecordDiagnosticResults': {
        // Each result is decided against the state the earlier ones left, exactly as one by one.
        const events: DevelopmentEvent[] = [];
        let state = s;
        for (const result of c.results) {
          const next = recordResult({ type: 'RecordDiagnosticResult', educatorId: c.educatorId, ...result }, state);
          state = next.reduce(developmentDecider.evolve, state);
          events.push(...next);
        }
        return events;
      }
      case 'ProposeRoute': {
        if (s.route.status === 'APPROVED') {
          throw new DomainError('ROUTE_APPROVED', `the route of educator ${c.educatorId} is approved; change its items instead`);
        }
        if (c.items.length === 0) throw new DomainError('ROUTE_EMPTY', `nothing to propose for educator ${c.educatorId}`);
        c.items.forEach(validateRouteItem);
        requireUniqueIds(c.items);
        // Work already done stays on the route: a new proposal replaces only the plan.
        const done = s.route.items.filter((i) => i.status === 'DONE');
        const fresh = c.items.filter((i) => !done.some((d) => d.itemId === i.itemId));
        const items: RouteItem[] = [...done, ...fresh.map((i): RouteItem => ({ ...itemContent(i), status: 'OPEN' }))];
        if (s.route.status === 'DRAFT' && sameRoute(items, s.route.items)) return [];
        return [{ type: 'RouteProposed', data: { educatorId: c.educatorId, items } }];
      }
      case 'AddRouteItem': {
        validateRouteItem(c.item);
        const existing = findItem(s, c.item.itemId);
        if (existing) {
          if (sameItem(existing, c.item)) return [];
          throw new DomainError('ROUTE_ITEM_EXISTS', `route item ${c.item.itemId} already exists`);
        }
        return [...reopen(s, c.educatorId), { type: 'RouteItemAdded', data: { educatorId: c.educatorId, item: itemContent(c.item) } }];
      }
      case 'ChangeRouteItem': {
        validateRouteItem(c.item);
        const existing = requireOpenItem(s, c.item.itemId);
        if (sameItem(existing, c.item)) return [];
        return [...reopen(s, c.educatorId), { type: 'RouteItemChanged', data: { educatorId: c.educatorId, item: itemContent(c.item) } }];
      }
      case 'RemoveRouteItem':
        requireOpenItem(s, c.itemId);
        return [...reopen(s, c.educatorId), { type: 'RouteItemRemoved', data: { educatorId: c.educatorId, itemId: c.itemId } }];
      case 'ApproveRoute': {
        if (s.route.status === 'NONE') throw new NotFoundError(`educator ${c.educatorId} has no route`);
        requireDate(c.on, 'on');
        if (s.route.status === 'APPROVED') return [];
        if (s.route.items.length === 0) throw new DomainError('ROUTE_EMPTY', `the route of educator ${c.educatorId} has no items`);
        return [{ type: 'RouteApproved', data: { educatorId: c.educatorId, approvedBy: c.approvedBy, on: c.on } }];
      }
      case 'MarkRouteItemDone': {
        requireDate(c.on, 'on');
        const item = findItem(s, c.itemId);
        if (!item) throw new NotFoundError(`route item ${c.itemId} not found`);
        if (item.status === 'DONE') return [];
        return [{ type: 'RouteItemDone', data: { educatorId: c.educatorId, itemId: c.itemId, on: c.on, how: 'MANUAL' } }];
      }
      case 'RecordExternalTraining': {
        const training = decideExternalTraining(s.externalTrainings, c.training, c.on);
        return training ? [{ type: 'ExternalTrainingRecorded', data: { educatorId: c.educatorId, ...training } }] : [];
      }
      case 'CloseRouteItemsForCompletedProgramme': {
        // The completed programme, or any programme for the same competence, fills the gap.
        const closes = (i: RouteItem) =>
          i.kind === 'PROGRAMME' && i.status === 'OPEN' && (i.programmeId === c.programmeId || (i.competence !== null && c.competences.includes(i.competence)));
        const { educatorId, programmeId, enrolmentId, on } = c;
        return s.route.items.filter(closes).map((i): DevelopmentEvent => ({
          type: 'RouteItemDone',
          data: { educatorId, itemId: i.itemId, on, how: 'PROGRAMME_COMPLETED', programmeId, enrolmentId },
        }));
      }
    }
  },
};

const recordResult = (c: Extract<DevelopmentCommand, { type: 'RecordDiagnosticResult' }>, s: DevelopmentState): DevelopmentEvent[] => {
  if (s.resultIds.includes(c.resultId)) return [];
  if (!isCompetenceArea(c.area)) throw new DomainError('UNKNOWN_COMPETENCE', `unknown competence area ${c.area}`);
  if (!(c.maxScore > 0) || !(c.score >= 0) || c.score > c.maxScore) {
    throw new DomainError('INVALID_SCORE', `score must be within 0..maxScore (got ${c.score} of ${c.maxScore})`);
  }
  requireDate(c.takenOn, 'takenOn');
  const { type: _t, educatorId, resultId, area, score, maxScore, takenOn, source, importId } = c;
  const recorded: DevelopmentEvent = {
    type: 'DiagnosticResultRecorded',
    data: { educatorId, resultId, area, score, maxScore, takenOn, source, ...(importId !== undefined ? { importId } : {}) },
  };
  // An older result entered late is kept for the record but does not decide the area.
  if (!decides(s.latest[area], takenOn)) return [recorded];
  const below = isDeficit(score, maxScore);
  const open = s.openDeficits.includes(area);
  if (below && !open) {
    const after = COMPETENCE_AREAS.filter((a) => a === area || s.openDeficits.includes(a));
    return [recorded, { type: 'DeficitIdentified', data: { educatorId, area, resultId, open: after } }];
  }
  if (!below && open) {
    const after = s.openDeficits.filter((a) => a !== area);
    return [recorded, { type: 'DeficitResolved', data: { educatorId, area, resultId, open: after } }];
  }
  return [recorded];
};

/** On the same day the result recorded later wins: it is the more recent information. */
const decides = (current: LatestResult | undefined, takenOn: string) => !current || takenOn >= current.takenOn;

const withItems = (s: DevelopmentState, change: (items: RouteItem[]) => RouteItem[]): DevelopmentState => ({
  ...s,
  route: { ...s.route, items: change(s.route.items) },
});

const findItem = (s: DevelopmentState, itemId: string) => s.route.items.find((i) => i.itemId === itemId);

const requireOpenItem = (s: DevelopmentState, itemId: string): RouteItem => {
  const item = findItem(s, itemId);
  if (!item) throw new NotFoundError(`route item ${itemId} not found`);
  // Done work is a record of what happened, not a plan to edit.
  if (item.status === 'DONE') throw new DomainError('ROUTE_ITEM_DONE', `route item ${itemId} is already done`);
  return item;
};

/** An approved route that is changed needs a new approval. */
const reopen = (s: DevelopmentState, educatorId: string): DevelopmentEvent[] =>
  s.route.status === 'APPROVED' ? [{ type: 'RouteReturnedToDraft', data: { educatorId } }] : [];

const requireUniqueIds = (items: NewRouteItem[]) => {
  const seen = new Set<string>();
  for (const { itemId } of items) {
    if (seen.has(itemId)) throw new DomainError('ROUTE_ITEM_EXISTS', `route item ${itemId} is proposed twice`);
    seen.add(itemId);
  }
};

const sameRoute = (a: RouteItem[], b: RouteItem[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i];
    return y !== undefined && sameItem(x, y) && x.status === y.status;
  });

const requireDate = (value: string, field: string) => {
  if (!isIsoDate(value)) throw new DomainError('INVALID_DATE', `${field} must be an ISO date (got ${value})`);
};

/** What the public RouteChanged contract reports. */
export const routeProgress = (s: DevelopmentState) => ({
  status: s.route.status,
  items: s.route.items.length,
  done: s.route.items.filter((i) => i.status === 'DONE').length,
});
