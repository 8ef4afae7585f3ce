export * from './limit-error';
export * from './measure';
export * from './validation-rules';
export * from './http-limits';
export * from './cost-table';
export * from './cost';
export * from './cost-plugin';
export * from './rate-limiter';
