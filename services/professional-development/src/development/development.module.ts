import { Module } from '@nestjs/common';
import { DevelopmentResolvers } from './development.resolvers';
import { RouteClosingReaction } from './route-closing.reaction';

/** An educator's development stream: diagnostics, deficits, the route, trainings from elsewhere. */
@Module({ providers: [DevelopmentResolvers], controllers: [RouteClosingReaction] })
export class DevelopmentModule {}
