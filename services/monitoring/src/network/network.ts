import type { NetworkCommunityRow, NetworkEducatorRow, NetworkEventRow, NetworkSiteRow } from './network.rows';

/**
 * Indicator 4 of seed 004 §6 (support of professional communities) and the event side of
 * indicators 1 and 7, for one unit (a school, a municipality, the region) and academic year.
 * Two sides: what the unit's educators do (in a community, at events) and what the unit's
 * organisers hold (events, their attendance and feedback; sites and their reports).
 */
export interface NetworkIndicators {
  /** The unit's active educators with at least one current community. */
  educatorsInCommunities: number;
  /** educatorsInCommunities / the report's educators. */
  shareInCommunities: number | null;
  /** Communities of the unit (a school: those it hosts) now ACTIVE, by kind (kind order). */
  activeCommunities: { kind: string; count: number }[];
  /** Events of the unit's organisers in the academic year, over by asOf and not cancelled. */
  eventsHeld: number;
  /** The unit's educators marked present at any event in the academic year. */
  participants: number;
  /** Present / seated, over the events held. */
  attendanceRate: number | null;
  /** Mean feedback rating (1–5) over the events held, and how many ratings. */
  meanRating: number | null;
  ratings: number;
  /** Sites of the unit holding a status now. */
  sitesActive: number;
  /** Sites of the unit whose annual report for the academic year was accepted. */
  sitesWithAcceptedReport: number;
  /** Internships held by the unit's sites in the academic year. */
  internshipsHosted: number;
}

export interface NetworkFacts {
  educators: readonly NetworkEducatorRow[];
  communities: readonly NetworkCommunityRow[];
  events: readonly NetworkEventRow[];
  sites: readonly NetworkSiteRow[];
}

const HOLDING = new Set(['GRANTED', 'EXTENDED']);
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export const networkIndicators = (facts: NetworkFacts, academicYear: string, asOfInstant: string, educatorsOfReport: number): NetworkIndicators => {
  const active = facts.educators.filter((e) => e.active);
  const inCommunities = active.filter((e) => e.communities.length > 0).length;
  const kinds = new Map<string, number>();
  for (const c of facts.communities) if (c.status === 'ACTIVE') kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const held = facts.events.filter((e) => e.academicYear === academicYear && !e.cancelled && e.endsAt <= asOfInstant);
  let seated = 0;
  let present = 0;
  let ratingSum = 0;
  let ratings = 0;
  for (const e of held) {
    seated += Object.values(e.registrations).filter((s) => s === 'CONFIRMED').length;
    present += Object.values(e.present).filter(Boolean).length;
    ratingSum += e.ratingSum;
    ratings += e.ratings;
  }
  const siteIds = new Set(facts.sites.map((s) => s._id));
  return {
    educatorsInCommunities: inCommunities,
    shareInCommunities: ratio(inCommunities, educatorsOfReport),
    activeCommunities: [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, count]) => ({ kind, count })),
    eventsHeld: held.length,
    participants: active.filter((e) => (e.attended[academicYear]?.length ?? 0) > 0).length,
    attendanceRate: ratio(present, seated),
    meanRating: ratings ? Math.round((ratingSum / ratings) * 100) / 100 : null,
    ratings,
    sitesActive: facts.sites.filter((s) => HOLDING.has(s.phase)).length,
    sitesWithAcceptedReport: facts.sites.filter((s) => s.reports[academicYear] === true).length,
    internshipsHosted: held.filter((e) => e.kind === 'INTERNSHIP' && e.organiserKind === 'SITE' && siteIds.has(e.organiserId)).length,
  };
};
