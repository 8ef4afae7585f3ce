import { CommunitiesContracts as C, type EducatorPlacement, nextPlacement, PLACEMENT_EVENTS } from '@mms/contracts/events';
import type {
  AttendanceRecorded,
  CommunityRegistered,
  CommunityStatusChanged,
  FeedbackRated,
  MembershipChanged,
  MethodEventChanged,
  MethodEventScheduled,
  RegistrationChanged,
  SiteReportChanged,
  SiteStatusChanged,
} from '@mms/contracts/events';
import type { RowTable } from '@mms/eventsourcing/core';
import { academicYearOf } from '../indicators/academic-year';

/**
 * Monitoring's facts of the methodological network (issue 12 §4), from the communities
 * context's public events and the directory's placements: ids only, no names. Indicators are
 * computed from these at query time (network.ts). Every row is idempotent per source stream.
 */

/** An educator: where they work now (the directory), their current communities, the events they attended by academic year. */
export interface NetworkEducatorRow extends EducatorPlacement {
  /** Current communities, sorted. */
  communities: string[];
  /** academic year → ids of events attended (marked present), sorted. */
  attended: Record<string, string[]>;
}

export interface NetworkCommunityRow {
  _id: string;
  tenantId: string;
  kind: string;
  level: string;
  hostOrganizationId: string | null;
  status: 'PROPOSED' | 'APPROVED' | 'ACTIVE' | 'CLOSED';
}

export interface NetworkEventRow {
  _id: string;
  tenantId: string;
  kind: string;
  organiserKind: string;
  organiserId: string;
  startsAt: string;
  endsAt: string;
  academicYear: string;
  cancelled: boolean;
  /** educatorId → registration status. */
  registrations: Record<string, string>;
  /** educatorId → marked present. */
  present: Record<string, boolean>;
  ratingSum: number;
  ratings: number;
}

export interface NetworkSiteRow {
  _id: string;
  tenantId: string;
  status: string;
  level: string;
  /** APPLIED, GRANTED, DECLINED, EXTENDED, TERMINATED, CLOSED: the latest step. */
  phase: string;
  organizationIds: string[];
  hostMunicipalityId: string | null;
  /** academic year → accepted (true), not accepted (false), submitted and not reviewed (null). */
  reports: Record<string, boolean | null>;
}

const sortedWith = (list: readonly string[], id: string) => (list.includes(id) ? [...list] : [...list, id].sort());
const without = (list: readonly string[], id: string) => list.filter((x) => x !== id);
const dayOf = (iso: string) => iso.slice(0, 10);

/** Events of the communities context monitoring keeps facts from. */
export const NETWORK_EVENTS: ReadonlySet<string> = new Set(Object.values(C).map((c) => c.type));
export const keepsNetworkFactsFrom = (type: string) => NETWORK_EVENTS.has(type) || PLACEMENT_EVENTS.has(type);

export const networkEducatorRows: RowTable<NetworkEducatorRow> = {
  collection: 'network_educators',
  indexes: [{ keys: { organizationId: 1 } }, { keys: { municipalityId: 1 } }],
  rowsOf: (e) =>
    PLACEMENT_EVENTS.has(e.type) || e.type === C.MembershipChanged.type || e.type === C.AttendanceRecorded.type
      ? [(e.data as { educatorId: string }).educatorId]
      : [],
  evolve: (row, e) => {
    if (PLACEMENT_EVENTS.has(e.type)) {
      const placed = nextPlacement(row, e);
      return placed && { communities: [], attended: {}, ...row, ...placed };
    }
    // Facts about someone the directory has not announced yet wait for them in a placeholder (inactive, nowhere).
    const base: NetworkEducatorRow = row ?? {
      _id: (e.data as { educatorId: string }).educatorId,
      municipalityId: '',
      organizationId: '',
      active: false,
      communities: [],
      attended: {},
    };
    if (e.type === C.MembershipChanged.type) {
      const d = e.data as MembershipChanged;
      return { ...base, communities: d.current ? sortedWith(base.communities, d.communityId) : without(base.communities, d.communityId) };
    }
    const d = e.data as AttendanceRecorded;
    const year = academicYearOf(dayOf(e.occurredAt));
    const list = base.attended[year] ?? [];
    return { ...base, attended: { ...base.attended, [year]: d.present ? sortedWith(list, d.methodEventId) : without(list, d.methodEventId) } };
  },
};

const STATUS_OF: Record<string, NetworkCommunityRow['status']> = { APPROVED: 'APPROVED', ACTIVE: 'ACTIVE', EXTENDED: 'ACTIVE', CLOSED: 'CLOSED' };

export const networkCommunityRows: RowTable<NetworkCommunityRow> = {
  collection: 'network_communities',
  indexes: [{ keys: { tenantId: 1 } }, { keys: { hostOrganizationId: 1 } }],
  rowsOf: (e) => (e.type === C.CommunityRegistered.type || e.type === C.CommunityStatusChanged.type ? [(e.data as { communityId: string }).communityId] : []),
  evolve: (row, e) => {
    if (e.type === C.CommunityRegistered.type) {
      const d = e.data as CommunityRegistered;
      return { _id: d.communityId, tenantId: e.tenantId, kind: d.kind, level: d.level, hostOrganizationId: d.hostOrganizationId, status: 'PROPOSED' };
    }
    const d = e.data as CommunityStatusChanged;
    return row && { ...row, status: STATUS_OF[d.status] ?? row.status };
  },
};

const EVENT_FACTS = new Set([
  C.MethodEventScheduled.type,
  C.MethodEventChanged.type,
  C.RegistrationChanged.type,
  C.AttendanceRecorded.type,
  C.FeedbackRated.type,
]);

export const networkEventRows: RowTable<NetworkEventRow> = {
  collection: 'network_events',
  indexes: [{ keys: { tenantId: 1, academicYear: 1 } }, { keys: { academicYear: 1 } }],
  rowsOf: (e) => (EVENT_FACTS.has(e.type) ? [(e.data as { methodEventId: string }).methodEventId] : []),
  evolve: (row, e) => {
    if (e.type === C.MethodEventScheduled.type) {
      const d = e.data as MethodEventScheduled;
      return {
        _id: d.methodEventId,
        tenantId: e.tenantId,
        kind: d.kind,
        organiserKind: d.organiserKind,
        organiserId: d.organiserId,
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        academicYear: academicYearOf(dayOf(d.startsAt)),
        cancelled: false,
        registrations: row?.registrations ?? {},
        present: row?.present ?? {},
        ratingSum: row?.ratingSum ?? 0,
        ratings: row?.ratings ?? 0,
      };
    }
    if (!row) return null;
    switch (e.type) {
      case C.MethodEventChanged.type:
        return { ...row, cancelled: row.cancelled || (e.data as MethodEventChanged).cancelled };
      case C.RegistrationChanged.type: {
        const d = e.data as RegistrationChanged;
        return { ...row, registrations: { ...row.registrations, [d.educatorId]: d.status } };
      }
      case C.AttendanceRecorded.type: {
        const d = e.data as AttendanceRecorded;
        return { ...row, present: { ...row.present, [d.educatorId]: d.present } };
      }
      case C.FeedbackRated.type:
        // Each rating is one event of the event's stream: applied once (the table is idempotent per stream version).
        return { ...row, ratingSum: row.ratingSum + (e.data as FeedbackRated).rating, ratings: row.ratings + 1 };
      default:
        return row;
    }
  },
};

export const networkSiteRows: RowTable<NetworkSiteRow> = {
  collection: 'network_sites',
  indexes: [{ keys: { hostMunicipalityId: 1 } }, { keys: { organizationIds: 1 } }],
  rowsOf: (e) => (e.type === C.SiteStatusChanged.type || e.type === C.SiteReportChanged.type ? [(e.data as { siteId: string }).siteId] : []),
  evolve: (row, e) => {
    if (e.type === C.SiteStatusChanged.type) {
      const d = e.data as SiteStatusChanged;
      if (d.phase === 'APPLIED')
        return {
          _id: d.siteId,
          tenantId: e.tenantId,
          status: d.status,
          level: d.level,
          phase: d.phase,
          organizationIds: d.organizationIds,
          hostMunicipalityId: d.hostMunicipalityId,
          reports: row?.reports ?? {},
        };
      return row && { ...row, phase: d.phase };
    }
    if (!row) return null;
    const d = e.data as SiteReportChanged;
    const before = row.reports[d.year];
    return { ...row, reports: { ...row.reports, [d.year]: d.accepted ?? (before === undefined ? null : before) } };
  },
};

export const NETWORK_TABLES = [networkEducatorRows, networkCommunityRows, networkEventRows, networkSiteRows];
