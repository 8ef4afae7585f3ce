import { Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers } from '@mms/service-kit';
import type { EducatorParent } from '../development/development.views';

/**
 * The directory's entities this subgraph adds fields to, by id. The fields themselves
 * belong to the slices that know them (enrolments: cohorts; route, deficits, results,
 * trainings: development; mentorships: mentoring; the due date and summaries: three-year rule).
 */
@GraphQLSlice()
@Injectable()
export class EducatorResolvers implements SliceResolvers {
  resolvers(): ResolverMap {
    return {
      Educator: { __resolveReference: (r: { id: string }): EducatorParent => ({ id: r.id }) },
      EducationalOrganization: { __resolveReference: (r: { id: string }) => ({ id: r.id }) },
      Municipality: { __resolveReference: (r: { id: string }) => ({ id: r.id }) },
    };
  }
}
