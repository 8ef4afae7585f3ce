export * from './app.module';
export * from './application/indicators.service';
export * from './application/period';
export * from './read-model/educator-facts.projection';
export * from './read-model/documents';
