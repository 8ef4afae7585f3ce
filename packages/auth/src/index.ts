export * from './roles';
export * from './claims';
export * from './errors';
export * from './keys';
export * from './user-token';
export * from './internal-context';
export * from './access';
