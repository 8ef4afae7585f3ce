import {
  DirectoryContracts as D,
  type EducatorJoinedMunicipality,
  type EducatorMoved,
  type EducatorRegistered,
  type OrganizationChanged,
  type OrganizationRegistered,
} from './directory';

/** Where an educator works now, as the directory's public events say: what other contexts check placements against. */
export interface EducatorPlacement {
  _id: string;
  municipalityId: string;
  organizationId: string;
  active: boolean;
}

/** The directory's events that move an educator's placement. */
export const PLACEMENT_EVENTS: ReadonlySet<string> = new Set([
  D.EducatorRegistered.type,
  D.EducatorJoinedMunicipality.type,
  D.EducatorMoved.type,
  D.EducatorLeftMunicipality.type,
  D.EducatorLeft.type,
]);

/**
 * An educator's placement after one of the directory's public events (a consumer's row table
 * calls this, so every context reads a transfer and a departure the same way).
 */
export const nextPlacement = (row: EducatorPlacement | null, event: { type: string; data: unknown }): EducatorPlacement | null => {
  switch (event.type) {
    case D.EducatorRegistered.type:
    case D.EducatorJoinedMunicipality.type: {
      const d = event.data as EducatorRegistered | EducatorJoinedMunicipality;
      return { _id: d.educatorId, municipalityId: d.municipalityId, organizationId: d.organizationId, active: true };
    }
    case D.EducatorMoved.type:
      return row && { ...row, organizationId: (event.data as EducatorMoved).toOrganizationId };
    case D.EducatorLeftMunicipality.type:
    case D.EducatorLeft.type:
      // Only the municipality the educator is in now marks them gone (a transfer's "left" comes before "joined").
      return row && row.municipalityId === (event.data as { municipalityId: string }).municipalityId ? { ...row, active: false } : row;
    default:
      return row;
  }
};

/**
 * A consumer's read table of placements (structurally an `@mms/eventsourcing` RowTable): one
 * row per educator, fed by the directory's public topic.
 */
export const placementTable = (indexes: { keys: Record<string, 1 | -1> }[] = [{ keys: { organizationId: 1 } }]) => ({
  collection: 'educators',
  indexes,
  rowsOf: (e: { type: string; data: unknown }): string[] => (PLACEMENT_EVENTS.has(e.type) ? [(e.data as { educatorId: string }).educatorId] : []),
  evolve: nextPlacement,
});

/** An educational organisation as the directory's public events say (what other contexts check a named school against). */
export interface OrganizationPlacement {
  _id: string;
  municipalityId: string;
  name: string;
  kind: 'SCHOOL' | 'KINDERGARTEN' | 'ADDITIONAL_EDUCATION' | 'OTHER';
  active: boolean;
}

export const nextOrganization = (row: OrganizationPlacement | null, event: { type: string; data: unknown }): OrganizationPlacement | null => {
  switch (event.type) {
    case D.OrganizationRegistered.type: {
      const d = event.data as OrganizationRegistered;
      return { _id: d.organizationId, municipalityId: d.municipalityId, name: d.name, kind: d.kind as OrganizationPlacement['kind'], active: true };
    }
    case D.OrganizationChanged.type: {
      const d = event.data as OrganizationChanged;
      if (!row) return row;
      return {
        ...row,
        ...(d.name !== undefined ? { name: d.name } : {}),
        ...(d.kind !== undefined ? { kind: d.kind as OrganizationPlacement['kind'] } : {}),
        ...(d.status !== undefined ? { active: d.status === 'ACTIVE' } : {}),
      };
    }
    default:
      return row;
  }
};

/** A consumer's read table of organisations (structurally an `@mms/eventsourcing` RowTable), fed by the directory's public topic. */
export const organizationTable = (indexes: { keys: Record<string, 1 | -1> }[] = [{ keys: { municipalityId: 1 } }]) => ({
  collection: 'organizations',
  indexes,
  rowsOf: (e: { type: string; data: unknown }): string[] =>
    e.type === D.OrganizationRegistered.type || e.type === D.OrganizationChanged.type ? [(e.data as { organizationId: string }).organizationId] : [],
  evolve: nextOrganization,
});
