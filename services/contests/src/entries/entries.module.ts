import { Module } from '@nestjs/common';
import { EntriesResolvers } from './entries.resolvers';

/** A school's entries for a stage and their codes: one stream per stage and school. */
@Module({ providers: [EntriesResolvers] })
export class EntriesModule {}
