// The pure core: what deciders, evolve functions and handler specs need. No database,
// broker or framework is loaded from here (checked by test/architecture).
export * from './envelope';
export * from './errors';
export * from './fail';
export * from './decider';
export * from './upcasting';
export * from './event-store';
export * from './command-handler';
export * from './history';
export * from './rows';
export * from './in-parallel';
export * from './personal-data';
