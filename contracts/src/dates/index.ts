export * from './iso-date';
export * from './young-teacher';
export * from './zoned-time';
