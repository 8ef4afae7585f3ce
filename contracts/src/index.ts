export * from './events';
export * from './compose';
