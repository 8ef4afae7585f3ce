import { Module } from '@nestjs/common';
import { ThreadResolvers } from './thread.resolvers';

/** Discussions: one stream per thread holds its posts and their moderation. */
@Module({ providers: [ThreadResolvers] })
export class ThreadModule {}
