// The import mechanism's pure side (no NestJS, no MongoDB): reading lines, CSV and XLSX, the store
// port and its in-memory version, the engine, the kind a context implements, the views.
export * from './lines';
export * from './csv';
export * from './file-format';
export * from './xlsx';
export * from './import-store';
export * from './import-kind';
export * from './import-options';
export * from './importer';
export * from './import-view';
