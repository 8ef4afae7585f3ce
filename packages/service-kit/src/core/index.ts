// What slices' handlers and queries need from the kit without loading NestJS, MongoDB or
// Kafka: input checks, the clock, paging, history, the command context, the import engine.
export * from '../input/checks';
export * from '../clock/clock';
export * from '../paging/page';
export * from '../history/history';
export * from '../platform/command-context';
export * from '../platform/per-request';
export * from '../imports';
export * from '../lists/list-commands';
