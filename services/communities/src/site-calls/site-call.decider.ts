import { Decider, DomainEvent, invalid, refuse } from '@mms/eventsourcing/core';
import { SITE_STATUSES, SiteStatusKind } from '../sites/site.decider';

// A call for applications for site statuses (issue 12 §2): the authority of a level (a
// municipality's methodologist, the region's operator) opens a window in which schools apply
// for the statuses it names. Applications outside any open call's window are refused.

export interface SiteCallState {
  status: 'none' | 'OPEN' | 'CLOSED';
  level?: 'MUNICIPAL' | 'REGIONAL';
  statuses?: SiteStatusKind[];
  from?: string;
  to?: string;
}

type Id = { callId: string };
export type SiteCallEvent =
  | DomainEvent<'SiteCallAnnounced', Id & { level: 'MUNICIPAL' | 'REGIONAL'; statuses: SiteStatusKind[]; from: string; to: string; title: string }>
  | DomainEvent<'SiteCallClosedEarly', Id & { on: string }>;

export type SiteCallCommand =
  | (Id & { type: 'AnnounceSiteCall'; level: 'MUNICIPAL' | 'REGIONAL'; statuses: SiteStatusKind[]; from: string; to: string; title: string })
  | (Id & { type: 'CloseSiteCallEarly'; today: string });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const siteCallDecider: Decider<SiteCallState, SiteCallCommand, SiteCallEvent> = {
  streamType: 'siteCall',
  initialState: () => ({ status: 'none' }),
  evolve: (s, e) => {
    switch (e.type) {
      case 'SiteCallAnnounced':
        return { status: 'OPEN', level: e.data.level, statuses: e.data.statuses, from: e.data.from, to: e.data.to };
      case 'SiteCallClosedEarly':
        return { ...s, status: 'CLOSED', to: e.data.on < (s.to ?? e.data.on) ? e.data.on : s.to };
    }
  },
  decide: (c, s) => {
    const id = { callId: c.callId };
    switch (c.type) {
      case 'AnnounceSiteCall': {
        if (s.status !== 'none') return refuse('CALL_EXISTS', `call ${c.callId} exists`);
        if (!c.statuses.length || c.statuses.some((x) => !SITE_STATUSES.includes(x))) invalid('statuses', `one or more of ${SITE_STATUSES.join(', ')}`);
        if (!DATE.test(c.from) || !DATE.test(c.to) || !(c.from <= c.to)) invalid('to', 'a window from ≤ to, dates YYYY-MM-DD');
        if (!c.title.trim()) invalid('title', 'a call has a title');
        return [
          { type: 'SiteCallAnnounced', data: { ...id, level: c.level, statuses: [...new Set(c.statuses)], from: c.from, to: c.to, title: c.title.trim() } },
        ];
      }
      case 'CloseSiteCallEarly':
        if (s.status !== 'OPEN') return [];
        return [{ type: 'SiteCallClosedEarly', data: { ...id, on: c.today } }];
    }
  },
};

/** Is an application for `status` on `today` within this call? */
export const callTakes = (s: SiteCallState, status: SiteStatusKind, level: 'MUNICIPAL' | 'REGIONAL', today: string): boolean =>
  s.status !== 'none' && s.level === level && !!s.statuses?.includes(status) && today >= s.from! && today <= s.to!;
