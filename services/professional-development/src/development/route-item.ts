import { DomainError } from '@mms/eventsourcing/core';
import { CompetenceArea, isCompetenceArea } from '../competences/competence-areas';
import { isIsoDate } from '@mms/contracts/dates';

export const ROUTE_ITEM_KINDS = ['PROGRAMME', 'MENTORING', 'COMMUNITY', 'SELF_STUDY'] as const;
export type RouteItemKind = (typeof ROUTE_ITEM_KINDS)[number];
export type RouteItemStatus = 'OPEN' | 'DONE';

/** One step of an individual educational route (ИОМ). */
export interface RouteItem {
  itemId: string;
  kind: RouteItemKind;
  /** null for steps that are not about one area (mentoring). */
  competence: CompetenceArea | null;
  title: string;
  /** Only for `PROGRAMME` items: what completing closes the item. */
  programmeId?: string;
  /** ISO date. */
  dueBy?: string;
  status: RouteItemStatus;
}

/** An item as proposed, added or changed: its status is the route's business, not the caller's. */
export type NewRouteItem = Omit<RouteItem, 'status'>;

/** Throws INVALID_ROUTE_ITEM when an item cannot be acted upon. */
export const validateRouteItem = (item: NewRouteItem): void => {
  const problem = routeItemProblem(item);
  if (problem) throw new DomainError('INVALID_ROUTE_ITEM', `route item ${item.itemId}: ${problem}`, { itemId: item.itemId });
};

const routeItemProblem = (item: NewRouteItem): string | null => {
  if (!item.itemId.trim()) return 'itemId is empty';
  if (!(ROUTE_ITEM_KINDS as readonly string[]).includes(item.kind)) return `unknown kind ${item.kind}`;
  if (item.competence !== null && !isCompetenceArea(item.competence)) return `unknown competence ${item.competence}`;
  if (!item.title.trim()) return 'title is empty';
  // A programme item without a programme could never be closed by a completion.
  if (item.kind === 'PROGRAMME' && !item.programmeId) return 'a PROGRAMME item needs a programmeId';
  if (item.kind !== 'PROGRAMME' && item.programmeId !== undefined) return `a ${item.kind} item has no programme`;
  if (item.dueBy !== undefined && !isIsoDate(item.dueBy)) return `dueBy ${item.dueBy} is not an ISO date`;
  return null;
};

/** Same content, ignoring status and key order (absent and undefined optional fields are equal). */
export const sameItem = (a: NewRouteItem, b: NewRouteItem): boolean =>
  a.itemId === b.itemId && a.kind === b.kind && a.competence === b.competence && a.title === b.title && a.programmeId === b.programmeId && a.dueBy === b.dueBy;

/** Drops the status and undefined optional fields, so events carry clean data. */
export const itemContent = (item: NewRouteItem): NewRouteItem => ({
  itemId: item.itemId,
  kind: item.kind,
  competence: item.competence,
  title: item.title,
  ...(item.programmeId !== undefined ? { programmeId: item.programmeId } : {}),
  ...(item.dueBy !== undefined ? { dueBy: item.dueBy } : {}),
});
