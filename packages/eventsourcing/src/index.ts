// The infrastructure side: the MongoDB event store, the relay, projections, the vault.
// Deciders import `@mms/eventsourcing/core` only.
export * from './core';
export * from './integration';
export * from './event-store/commit';
export * from './event-store/mongo-event-store';
export * from './relay/lease';
export * from './relay/outbox-relay';
export * from './projections/projection';
export * from './projections/apply-once';
export * from './projections/apply-from-source';
export * from './projections/projection-runner';
export * from './projections/applied-positions';
export * from './projections/row-projection';
export * from './projections/held-rows';
export * from './read-model/read-table';
export * from './database/unavailable';
export * from './personal-data/personal-data-vault';
export * from './dead-letters/dead-letter-ledger';
export * from './dead-letters/replay';
