import { RequestContext } from '@mms/auth';
import type { ReadTable } from '@mms/eventsourcing/core';
import type { Clock } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { IndicatorReport } from '../indicators/indicators.views';
import { networkIndicators, NetworkIndicators } from './network';
import type { NetworkCommunityRow, NetworkEducatorRow, NetworkEventRow, NetworkSiteRow } from './network.rows';

export interface NetworkDeps {
  clock: Clock;
  tables: {
    educators: ReadTable<NetworkEducatorRow>;
    communities: ReadTable<NetworkCommunityRow>;
    events: ReadTable<NetworkEventRow>;
    sites: ReadTable<NetworkSiteRow>;
  };
}

export const NETWORK_DEPS = Symbol('NETWORK_DEPS');

/** The region's tenant in the communities context (its regional communities, sites and events). */
const REGION_TENANT = 'region';

/**
 * The facts of a unit, each read by an equality its table's index serves: a school's educators
 * and the communities and sites it hosts (its sites' events); a municipality's educators,
 * communities, events and sites; the region's everything.
 */
const factsOf = async (d: NetworkDeps, report: Pick<IndicatorReport, 'scope' | 'scopeId' | 'academicYear'>) => {
  const t = d.tables;
  const year = report.academicYear;
  if (report.scope === 'REGION')
    return {
      educators: await t.educators.find({}),
      communities: await t.communities.find({}),
      events: await t.events.find({ academicYear: year }),
      sites: await t.sites.find({}),
    };
  const id = report.scopeId!;
  if (report.scope === 'MUNICIPALITY')
    return {
      educators: await t.educators.find({ municipalityId: id }),
      communities: await t.communities.find({ tenantId: id }),
      events: await t.events.find({ tenantId: id, academicYear: year }),
      sites: await t.sites.find({ hostMunicipalityId: id }),
    };
  const sites = await t.sites.find({ organizationIds: id });
  const hosted = await t.communities.find({ hostOrganizationId: id });
  const organisers = new Set([...sites, ...hosted].map((x) => x._id));
  // A school's sites' and communities' events are in their tenant (the municipality or the region).
  const tenants = [...new Set([...sites, ...hosted].map((x) => x.tenantId).concat(REGION_TENANT))];
  const events = (await Promise.all(tenants.map((tenantId) => t.events.find({ tenantId, academicYear: year }))))
    .flat()
    .filter((e) => organisers.has(e.organiserId));
  return { educators: await t.educators.find({ organizationId: id }), communities: hosted, events, sites };
};

/** The network figures of an indicator report: its unit, its academic year, as of now. */
export const networkOfReport = async (d: NetworkDeps, req: RequestContext, report: IndicatorReport): Promise<NetworkIndicators> => {
  const reader = access.indicatorReader(req.user);
  if (report.scope === 'REGION') access.requireRegionalReader(req.user);
  else if (report.scope === 'MUNICIPALITY') access.requireMayRead(reader, report.scopeId!, `municipality ${report.scopeId}`);
  const facts = await factsOf(d, report);
  if (report.scope === 'SCHOOL') {
    const municipality = facts.educators.find((e) => e.municipalityId)?.municipalityId ?? facts.sites[0]?.hostMunicipalityId;
    if (municipality) access.requireMayRead(reader, municipality, `organisation ${report.scopeId}`);
  }
  return networkIndicators(facts, report.academicYear, d.clock.now().toISOString(), report.educators);
};
