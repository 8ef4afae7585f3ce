// The published language: event contracts and calendar rules every context shares.
// Composition tooling (Apollo) is its own entry: `@mms/contracts/compose`.
export * from './events';
export * from './dates';
