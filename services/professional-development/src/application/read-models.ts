import { Inject, Injectable } from '@nestjs/common';
import { Collection, Document } from 'mongodb';
import { DomainError, NotFoundError } from '@mms/eventsourcing';
import { PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import {
  CATALOGUE_PROJECTION,
  CohortRow,
  DEVELOPMENT_PROJECTION,
  DevelopmentRow,
  EDUCATORS_PROJECTION,
  EducatorRow,
  EnrolmentRow,
  MentorshipRow,
  ProgrammeRow,
} from '../read-model/rows';

/** An educator the directory has placed: the fields every write needs are known. */
export interface PlacedEducator extends EducatorRow {
  municipalityId: string;
  organizationId: string;
}

/** Typed access to the active generation of each read model. */
@Injectable()
export class ReadModels {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionRegistry) {}

  private async coll<T extends Document>(projection: string, name: string): Promise<Collection<T>> {
    return (await this.projections.get(projection).readModel()).collection<T>(name);
  }

  programmes = () => this.coll<ProgrammeRow>(CATALOGUE_PROJECTION, 'programmes');
  cohorts = () => this.coll<CohortRow>(CATALOGUE_PROJECTION, 'cohorts');
  enrolments = () => this.coll<EnrolmentRow>(CATALOGUE_PROJECTION, 'enrolments');
  development = () => this.coll<DevelopmentRow>(DEVELOPMENT_PROJECTION, 'development');
  mentorships = () => this.coll<MentorshipRow>(DEVELOPMENT_PROJECTION, 'mentorships');
  educators = () => this.coll<EducatorRow>(EDUCATORS_PROJECTION, 'educators');

  async educator(id: string): Promise<EducatorRow | null> {
    return (await this.educators()).findOne({ _id: id });
  }

  /**
   * The educator as the directory last placed them. Unknown (the directory has not
   * announced them) → NOT_FOUND; left the municipality or the profession → EDUCATOR_NOT_ACTIVE.
   */
  async placedEducator(id: string, field: string): Promise<PlacedEducator> {
    const row = await this.educator(id);
    if (!row?.municipalityId || !row.organizationId) throw new NotFoundError(`educator ${id} is not known`, { field });
    if (!row.active) throw new DomainError('EDUCATOR_NOT_ACTIVE', `educator ${id} no longer works in municipality ${row.municipalityId}`, { field });
    return row as PlacedEducator;
  }
}

/** The educator's current placement, as the access policy reads it. */
export const placementOf = (e: EducatorRow) => ({ educatorId: e._id, municipalityId: e.municipalityId, organizationId: e.organizationId });

/** The tenant of the educator's development stream: where it was opened, else where they work now. */
export const developmentTenantOf = (e: PlacedEducator) => e.developmentTenant ?? e.municipalityId;

/** The tenant of the stream where the educator is the mentor. */
export const mentorTenantOf = (e: PlacedEducator) => e.mentorTenant ?? e.municipalityId;
