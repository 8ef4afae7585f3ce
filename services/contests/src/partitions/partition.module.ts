import { Module } from '@nestjs/common';
import { PartitionResolvers } from './partition.resolvers';

/** Grade groups of a stage: one stream per partition holds its works, scores, protocol versions and appeals. */
@Module({ providers: [PartitionResolvers] })
export class PartitionModule {}
