export * from './app.module';
export * from './monitoring.topics';
export * from './monitoring.deps';
export * from './educator-facts/educator-facts.projection';
export * from './educator-facts/educator-facts.documents';
export * from './indicators/indicators.queries';
export * from './indicators/indicators.views';
export * from './indicators/period';
