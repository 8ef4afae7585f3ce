export * from './event-bus.transport';
