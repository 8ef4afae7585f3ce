import type { RequestContext } from '@mms/auth';
import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import type { ProgrammeView } from './programme.views';

export const PROGRAMME_HISTORY: Record<string, string> = {
  ProgrammeCreated: 'Программа создана',
  ProgrammeUpdated: 'Программа изменена',
  ProgrammePublished: 'Программа опубликована',
  ProgrammeWithdrawn: 'Программа снята с публикации',
};

/** The programme's stream in words, for whoever may see the programme. */
export const programmeHistory = async (d: PdDeps, req: RequestContext, p: ProgrammeView): Promise<HistoryEntry[]> => {
  if (!access.canSeeCatalogueEntry(req.user, p.tenantId, p.status === 'DRAFT')) return [];
  return readHistory(
    d.store,
    d.vault,
    { tenantId: p.tenantId, streamId: streams.programme(p.id) },
    { describe: PROGRAMME_HISTORY, hiddenFields: ['programmeId'] },
  );
};
