import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Db } from 'mongodb';
import type { Clock } from '../clock/clock';
import { CLOCK, MONGO_DB } from '../platform/tokens';
import { ImportSettings, importSettingsFromEnv } from './import-options';
import { Importer } from './importer';
import { MongoImportStore } from './mongo-import-store';
import { IMPORT_SETTINGS, IMPORTER, ImportRunner } from './import-runner';
import { ImportsController } from './imports.controller';

export * from './import-runner';
export { ImportsController } from './imports.controller';

/**
 * The upload endpoint, the background runner and the engine over the service's database
 * (IMPORTER, for the slices' handlers). A service imports it once; its slices mark their
 * kinds with `@ImportSlice()`.
 */
@Module({})
export class ImportsModule {
  static forService(settings: ImportSettings = importSettingsFromEnv()): DynamicModule {
    return {
      module: ImportsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: IMPORT_SETTINGS, useValue: settings },
        {
          provide: IMPORTER,
          inject: [MONGO_DB, CLOCK],
          useFactory: (db: Db, clock: Clock) => new Importer(new MongoImportStore(db), clock, settings.options),
        },
        ImportRunner,
      ],
      controllers: [ImportsController],
      exports: [IMPORTER, ImportRunner],
    };
  }
}
