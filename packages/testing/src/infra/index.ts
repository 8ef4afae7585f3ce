// Real Kafka and MongoDB for integration and e2e tests (loads the drivers: not for unit specs).
export * from './start';
export * from './fixtures';
export * from './free-port';
