import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import type { AnnualReport } from './site-reports';
import type { Order, SiteEvent, SitePhase, SiteStatusKind } from './site.decider';

/** A step of the public register: what happened to the site's status, when, by which order. */
export interface RegisterEntry {
  on: string;
  what: 'APPLIED' | 'GRANTED' | 'DECLINED' | 'EXTENDED' | 'TERMINATED' | 'CLOSED';
  order: Order | null;
  note: string | null;
}

/** A site (or an application) as the register and the operator's lists read it. */
export interface SiteRow {
  _id: string;
  tenantId: string;
  status: SiteStatusKind;
  level: 'MUNICIPAL' | 'REGIONAL';
  direction: string;
  organizationIds: string[];
  /** The host school's municipality (a regional site's too). */
  hostMunicipalityId: string;
  theme: string;
  phase: SitePhase;
  term: { from: string; to: string } | null;
  /** Annual reports (no summaries: those are the stream's): due dates, submitted, reviewed. */
  reports: Omit<AnnualReport, 'summary'>[];
  /** The public register's steps, oldest first. */
  register: RegisterEntry[];
}

const typed = (envelope: EventEnvelope) => ({ type: envelope.type, data: envelope.data }) as SiteEvent;
const day = (iso: string) => iso.slice(0, 10);

export const siteRows: RowTable<SiteRow> = {
  collection: 'sites',
  indexes: [{ keys: { tenantId: 1, phase: 1 } }, { keys: { organizationIds: 1 } }],
  rowsOf: (e) => (e.streamType === 'site' ? [(e.data as { siteId: string }).siteId] : []),
  evolve: (row, envelope) => {
    const e = typed(envelope);
    const step = (what: RegisterEntry['what'], order: Order | null = null, note: string | null = null, on = day(envelope.occurredAt)) => ({
      register: [...(row?.register ?? []), { on, what, order, note }],
    });
    if (e.type === 'SiteApplied')
      return {
        _id: e.data.siteId,
        tenantId: envelope.tenantId,
        status: e.data.status,
        level: e.data.level,
        direction: e.data.direction,
        organizationIds: e.data.organizationIds,
        hostMunicipalityId: e.data.hostMunicipalityId,
        theme: e.data.card.theme,
        phase: 'APPLIED',
        term: null,
        reports: [],
        ...step('APPLIED', null, null, e.data.on),
      };
    if (!row) return null;
    switch (e.type) {
      case 'SiteApplicationReturned':
        return { ...row, phase: 'RETURNED' };
      case 'SiteApplicationResubmitted':
        return { ...row, phase: 'APPLIED', theme: e.data.card.theme };
      case 'SiteApplicationAccepted':
        return { ...row, phase: 'UNDER_REVIEW' };
      case 'SiteStatusGranted':
        return {
          ...row,
          phase: 'ACTIVE',
          term: e.data.term,
          reports: e.data.reports.map((r) => ({ ...r, submittedOn: null, review: null })),
          ...step('GRANTED', e.data.order, null, e.data.order.date),
        };
      case 'SiteApplicationDeclined':
        return { ...row, phase: 'DECLINED', ...step('DECLINED', null, e.data.reason) };
      case 'SiteReportSubmitted':
        return { ...row, reports: row.reports.map((r) => (r.year === e.data.year ? { ...r, submittedOn: e.data.on } : r)) };
      case 'SiteReportReviewed':
        return {
          ...row,
          reports: row.reports.map((r) => (r.year === e.data.year ? { ...r, review: { accepted: e.data.accepted, opinion: e.data.opinion } } : r)),
        };
      case 'SiteStatusExtended': {
        const known = new Set(row.reports.map((r) => r.year));
        return {
          ...row,
          term: { ...row.term!, to: e.data.to },
          reports: [...row.reports, ...e.data.reports.filter((r) => !known.has(r.year)).map((r) => ({ ...r, submittedOn: null, review: null }))],
          ...step('EXTENDED', e.data.order, `до ${e.data.to}`, e.data.order.date),
        };
      }
      case 'SiteStatusTerminated':
        return { ...row, phase: 'TERMINATED', ...step('TERMINATED', e.data.order, e.data.reason, e.data.on) };
      case 'SiteFinalReportSubmitted':
        return { ...row, phase: 'FINAL_REPORTED' };
      case 'SiteClosed':
        return { ...row, phase: 'CLOSED', ...step('CLOSED', null, null, e.data.on) };
      default:
        return row;
    }
  },
};
