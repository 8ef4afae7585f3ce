import { RequestContext } from '@mms/auth';
import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { educatorDecider, educatorStream } from './educator.decider';
import { EducatorView } from './educator.views';

const DESCRIBE = {
  EducatorRegistered: 'Педагог зарегистрирован',
  EducatorUpdated: 'Сведения о педагоге изменены',
  EducatorMoved: 'Переведён в другую организацию',
  EducatorTransferredOut: 'Переведён в другой муниципалитет',
  EducatorTransferredIn: 'Принят из другого муниципалитета',
  EducatorLeft: 'Уволен',
  EducatorPersonalDataErased: 'Персональные данные удалены',
};
const HIDDEN = ['educatorId', 'transferId', 'formerMunicipalityIds', 'municipalityIds'];

/**
 * An educator's history as the reader may see it: the record in the municipality shown
 * (a former municipality keeps its own part, and sees nothing written after the person
 * left); the regional operator also gets the earlier municipalities' parts, in time order.
 */
export const educatorHistory = async (d: DirectoryDeps, req: RequestContext, e: EducatorView): Promise<HistoryEntry[]> => {
  const streamId = educatorStream(e.id);
  const own = await readHistory(d.store, d.vault, { tenantId: e.tenantId, streamId }, { describe: DESCRIBE, hiddenFields: HIDDEN });
  if (!access.seesEveryMunicipality(req.user)) return own;
  const { state } = await d.commands.load(educatorDecider, e.tenantId, streamId);
  const earlier = await Promise.all(
    state.formerMunicipalityIds.map((tenantId) => readHistory(d.store, d.vault, { tenantId, streamId }, { describe: DESCRIBE, hiddenFields: HIDDEN })),
  );
  return [...earlier.flat(), ...own].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
};
