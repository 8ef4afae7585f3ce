import type { RequestContext } from '@mms/auth';
import type { RowFilter } from '@mms/eventsourcing/core';
import { checked } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CompetenceArea } from '../competences/competence-areas';
import type { PdDeps } from '../pd.deps';
import { programmeRowView, ProgrammeView } from './programme.views';

export interface ProgrammeFilter {
  level?: string | null;
  status?: string | null;
  competence?: CompetenceArea | null;
  format?: string | null;
  titleContains?: string | null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The offer within the caller's reach (access.offerScope), by title. */
export const programmes = async (d: PdDeps, req: RequestContext, filter: ProgrammeFilter = {}): Promise<ProgrammeView[]> => {
  const needle = checked('programme filter', (c) => c.text('titleContains', filter.titleContains, { max: 200 }));
  const wanted: RowFilter = {
    ...(filter.competence ? { competences: filter.competence } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.format ? { format: filter.format } : {}),
    ...(needle ? { title: { $regex: escapeRegex(needle), $options: 'i' } } : {}),
  };
  const rows = await d.tables.programmes.find({ $and: [access.offerScope(req.user, { drafts: true }), wanted] });
  return rows.sort((a, b) => a.title.localeCompare(b.title, 'ru') || a._id.localeCompare(b._id)).map(programmeRowView);
};

/** One programme, if the caller may see it (drafts: the owner and the operator). */
export const programme = async (d: PdDeps, req: RequestContext, id: string): Promise<ProgrammeView | null> => {
  const row = await d.tables.programmes.get(id);
  return row && access.canSeeCatalogueEntry(req.user, row.tenantId, row.status === 'DRAFT') ? programmeRowView(row) : null;
};
