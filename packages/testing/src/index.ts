// Pure test helpers (no database or broker loaded): decider specs, the in-memory event
// store and read tables for handler specs, envelopes. Real infrastructure: `@mms/testing/infra`.
export * from './decider-spec';
export * from './memory-event-store';
export * from './memory-tables';
export * from './envelopes';
export * from './memory-vault';
export * from './requests';
export * from './refusals';
