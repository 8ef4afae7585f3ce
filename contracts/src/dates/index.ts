export * from './iso-date';
export * from './young-teacher';
