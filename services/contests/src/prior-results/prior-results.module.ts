import { Module } from '@nestjs/common';
import { PriorResultsResolvers } from './prior-results.resolvers';

/** Prior years' results: one stream per tenant × level × academic year × subject. */
@Module({ providers: [PriorResultsResolvers] })
export class PriorResultsModule {}
