import { Module } from '@nestjs/common';
import { PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import { OLYMPIAD_DEPS, OlympiadDeps } from '../monitoring.deps';
import { olympiadGenerationTables } from './olympiad-generation-tables';
import { OlympiadCache } from './olympiads.cache';
import { OLYMPIADS_PROJECTION } from './olympiads.projection';
import { OlympiadResolvers } from './olympiads.resolvers';

/** Olympiad figures on the indicator reports, over the `olympiads` read model. */
@Module({
  providers: [
    {
      provide: OLYMPIAD_DEPS,
      inject: [PROJECTIONS],
      useFactory: (projections: ProjectionRegistry): OlympiadDeps => ({
        tables: olympiadGenerationTables(() => projections.get(OLYMPIADS_PROJECTION).readModel()),
        cache: new OlympiadCache(),
      }),
    },
    OlympiadResolvers,
  ],
})
export class OlympiadsModule {}
