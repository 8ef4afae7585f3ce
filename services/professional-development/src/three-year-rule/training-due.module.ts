import { Module } from '@nestjs/common';
import { TrainingDueResolvers } from './training-due.resolvers';

/** The three-year rule (queries only, over the educators read model). */
@Module({ providers: [TrainingDueResolvers] })
export class TrainingDueModule {}
