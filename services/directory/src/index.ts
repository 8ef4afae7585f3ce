export * from './app.module';
export * from './directory.deps';
export * from './directory.projection';
