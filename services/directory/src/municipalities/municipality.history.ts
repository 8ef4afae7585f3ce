import { RequestContext } from '@mms/auth';
import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { municipalityStream } from './municipality.decider';

const DESCRIBE = { MunicipalityOnboarded: 'Муниципалитет подключён к платформе' };

/** A municipality's history: seen by whoever may see the municipality. */
export const municipalityHistory = async (d: DirectoryDeps, req: RequestContext, id: string): Promise<HistoryEntry[]> =>
  access.maySeeMunicipality(req.user, id)
    ? readHistory(d.store, null, { tenantId: id, streamId: municipalityStream(id) }, { describe: DESCRIBE, hiddenFields: ['municipalityId'] })
    : [];
