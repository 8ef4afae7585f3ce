import type { RequestContext } from '@mms/auth';
import { DomainError, NotFoundError } from '@mms/eventsourcing/core';
import { perRequest } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { PdDeps } from '../pd.deps';
import type { EducatorRow } from './educator.rows';

/** An educator the directory has placed: the fields every write needs are known. */
export interface PlacedEducator extends EducatorRow {
  municipalityId: string;
  organizationId: string;
}

/** The educator's current placement, as the access policy reads it. */
export const placementOf = (e: Pick<EducatorRow, '_id' | 'municipalityId' | 'organizationId'>): access.Placement => ({
  educatorId: e._id,
  municipalityId: e.municipalityId ?? null,
  organizationId: e.organizationId ?? null,
});

/**
 * The educator as the directory last placed them. Unknown (the directory has not announced
 * them) → NOT_FOUND; left the municipality or the profession → EDUCATOR_NOT_ACTIVE.
 */
export const placedEducator = async (d: PdDeps, id: string, field: string): Promise<PlacedEducator> => placed(await d.tables.educators.get(id), id, field);

/** An educator's row as a place to record things: known to this service and working now. */
export const placed = (row: EducatorRow | null | undefined, id: string, field: string): PlacedEducator => {
  if (!row?.municipalityId || !row.organizationId) throw new NotFoundError(`educator ${id} is not known`, { field });
  if (!row.active) throw new DomainError('EDUCATOR_NOT_ACTIVE', `educator ${id} no longer works in municipality ${row.municipalityId}`, { field });
  return row as PlacedEducator;
};

/** One request asks several fields of the same educators: each is looked up once per request. */
const oncePerRequest = perRequest<EducatorRow | null>();

const educatorOf = (d: PdDeps, req: RequestContext, id: string): Promise<EducatorRow | null> => oncePerRequest(req, id, () => d.tables.educators.get(id));

/**
 * The educator's row when the caller may read them (by their current placement: a
 * transferred educator's record moves with them), `false` otherwise.
 */
export const readableEducator = async (d: PdDeps, req: RequestContext, id: string): Promise<EducatorRow | null | false> => {
  const row = await educatorOf(d, req, id);
  return access.canReadEducator(req.user, placementOf(row ?? { _id: id })) ? row : false;
};
