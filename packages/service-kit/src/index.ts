export * from './config/service-config';
export * from './logging/logger';
export * from './metrics/metrics';
export * from './platform/tokens';
export * from './platform/platform.module';
export * from './platform/bootstrap';
export * from './graphql/subgraph.controller';
export * from './graphql/format-error';
