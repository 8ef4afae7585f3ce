import { Module } from '@nestjs/common';
import { MentorResolvers } from './mentor.resolvers';

/** Mentoring: one stream per mentor holds their pairs. */
@Module({ providers: [MentorResolvers] })
export class MentorModule {}
