import { RequestContext } from '@mms/auth';
import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { organizationStream } from './organization.decider';
import { OrganizationView } from './organization.views';

const DESCRIBE = {
  OrganizationRegistered: 'Организация зарегистрирована',
  OrganizationUpdated: 'Сведения об организации изменены',
  OrganizationClosed: 'Организация закрыта',
};

/** An organisation's history, for those who may see the organisation (the parent was read in scope). */
export const organizationHistory = async (d: DirectoryDeps, req: RequestContext, o: OrganizationView): Promise<HistoryEntry[]> =>
  access.maySeeMunicipality(req.user, o.municipalityId)
    ? readHistory(d.store, null, { tenantId: o.municipalityId, streamId: organizationStream(o.id) }, { describe: DESCRIBE, hiddenFields: ['organizationId'] })
    : [];
