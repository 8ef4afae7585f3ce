import { Module } from '@nestjs/common';
import { CohortResolvers } from './cohort.resolvers';

/** Cohorts and enrolments: one stream per cohort holds its enrolments. */
@Module({ providers: [CohortResolvers] })
export class CohortModule {}
