import { Module } from '@nestjs/common';
import { StageResolvers } from './stage.resolvers';

/** Olympiad stages: one stream per stage holds its plan, settings, jury and passing scores. */
@Module({ providers: [StageResolvers] })
export class StageModule {}
