export * from './events';
export * from './dates';
export * from './compose';
