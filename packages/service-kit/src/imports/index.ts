// The import mechanism's pure side (no NestJS, no MongoDB): reading lines and CSV, the store
// port and its in-memory version, the engine, the kind a context implements, the views.
export * from './lines';
export * from './csv';
export * from './import-store';
export * from './import-kind';
export * from './import-options';
export * from './importer';
export * from './import-view';
