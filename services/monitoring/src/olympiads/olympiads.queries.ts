import { RequestContext } from '@mms/auth';
import * as access from '../access/policy';
import type { IndicatorReport } from '../indicators/indicators.views';
import type { OlympiadDeps } from '../monitoring.deps';
import { olympiadSchoolRowId } from './olympiad-schools.rows';
import { NO_OLYMPIADS, OlympiadIndicators } from './olympiads';

/**
 * Olympiad figures of a unit and academic year, computed at query time from the school rows
 * of the `olympiads` read model (each school's remembered until its revision changes; a
 * municipality's and the region's until one of their schools changes: OlympiadCache). Who
 * may read what is access/policy.ts's, checked again here although the report they belong
 * to was checked already.
 */

/** A school's figures; zeros while monitoring has no olympiad facts for it in that year. */
export const schoolOlympiads = async (d: OlympiadDeps, req: RequestContext, organizationId: string, academicYear: string): Promise<OlympiadIndicators> => {
  const reader = access.indicatorReader(req.user);
  const t = await d.tables();
  const revision = await t.revisions.get(olympiadSchoolRowId(academicYear, organizationId));
  if (!revision) return NO_OLYMPIADS;
  access.requireMayRead(reader, revision.municipalityId, `organisation ${organizationId}`);
  return d.cache.school(t, revision);
};

/** A municipality's figures: each student once, whichever of its schools entered them. */
export const municipalityOlympiads = async (
  d: OlympiadDeps,
  req: RequestContext,
  municipalityId: string,
  academicYear: string,
): Promise<OlympiadIndicators> => {
  access.requireMayRead(access.indicatorReader(req.user), municipalityId, `municipality ${municipalityId}`);
  return d.cache.unit(await d.tables(), academicYear, municipalityId);
};

/** The region's figures: each student once, whichever of its municipalities' schools entered them. Regional operator only. */
export const regionOlympiads = async (d: OlympiadDeps, req: RequestContext, academicYear: string): Promise<OlympiadIndicators> => {
  access.requireRegionalReader(req.user);
  return d.cache.unit(await d.tables(), academicYear);
};

/** The olympiad figures of an indicator report: its unit, its academic year. */
export const olympiadsOfReport = (
  d: OlympiadDeps,
  req: RequestContext,
  report: Pick<IndicatorReport, 'scope' | 'scopeId' | 'academicYear'>,
): Promise<OlympiadIndicators> => {
  if (report.scope === 'REGION') return regionOlympiads(d, req, report.academicYear);
  if (report.scopeId === null) throw new RangeError(`a ${report.scope} report without its unit's id`);
  return report.scope === 'SCHOOL'
    ? schoolOlympiads(d, req, report.scopeId, report.academicYear)
    : municipalityOlympiads(d, req, report.scopeId, report.academicYear);
};
