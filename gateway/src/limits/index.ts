export * from './limit-error';
export * from './measure';
export * from './validation-rules';
export * from './http-limits';
