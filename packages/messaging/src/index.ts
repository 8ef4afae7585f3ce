// The messaging port only. Adapters are their own entries: `@mms/messaging/kafka` (kafkajs,
// in maintenance mode: only that folder knows it) and `@mms/messaging/nest` (a NestJS transport).
export * from './port';
