export * from './port';
export * from './kafka/kafka-bus';
export * from './nest/event-bus.transport';
