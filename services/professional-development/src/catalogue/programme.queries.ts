import type { RequestContext } from '@mms/auth';
import type { RowFilter } from '@mms/eventsourcing/core';
import { checked, findWithinLimit, Page, PageArgs, pageSorted, SortKey } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CompetenceArea } from '../competences/competence-areas';
import type { PdDeps } from '../pd.deps';
import type { ProgrammeRow } from './programme.rows';
import { programmeRowView, ProgrammeView } from './programme.views';

export interface ProgrammeFilter {
  level?: string | null;
  status?: string | null;
  competence?: CompetenceArea | null;
  format?: string | null;
  titleContains?: string | null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The offer within the caller's reach (access.offerScope) that the filter asks for. */
const offerFilter = (req: RequestContext, filter: ProgrammeFilter): RowFilter => {
  const needle = checked('programme filter', (c) => c.text('titleContains', filter.titleContains, { max: 200 }));
  const wanted: RowFilter = {
    ...(filter.competence ? { competences: filter.competence } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.format ? { format: filter.format } : {}),
    ...(needle ? { title: { $regex: escapeRegex(needle), $options: 'i' } } : {}),
  };
  return { $and: [access.offerScope(req.user, { drafts: true }), wanted] };
};

/** By title as a Russian reader sorts it, then by id. */
const byTitle = (a: SortKey, b: SortKey) => String(a[0]).localeCompare(String(b[0]), 'ru') || String(a[1]).localeCompare(String(b[1]));
const titleKey = (r: ProgrammeRow): SortKey => [r.title, r._id];

/** The offer by title, whole (deprecated field: LIST_TOO_LARGE beyond MAX_LIST_ROWS). */
export const programmes = async (d: PdDeps, req: RequestContext, filter: ProgrammeFilter = {}): Promise<ProgrammeView[]> => {
  const rows = await findWithinLimit(d.tables.programmes, offerFilter(req, filter), {}, { field: 'programmes', use: 'programmesPage' });
  return rows.sort((a, b) => byTitle(titleKey(a), titleKey(b))).map(programmeRowView);
};

/**
 * The offer by title, a page at a time. Sorted in memory (a database orders by code unit, not
 * as Russian is read): the catalogue is the region's and one municipality's offer, hundreds of rows.
 */
export const programmesPage = async (d: PdDeps, req: RequestContext, filter: ProgrammeFilter = {}, args: PageArgs = {}): Promise<Page<ProgrammeView>> =>
  pageSorted(await d.tables.programmes.find(offerFilter(req, filter)), { key: titleKey, compare: byTitle }, args, programmeRowView);

/** One programme, if the caller may see it (drafts: the owner and the operator). */
export const programme = async (d: PdDeps, req: RequestContext, id: string): Promise<ProgrammeView | null> => {
  const row = await d.tables.programmes.get(id);
  return row && access.canSeeCatalogueEntry(req.user, row.tenantId, row.status === 'DRAFT') ? programmeRowView(row) : null;
};
