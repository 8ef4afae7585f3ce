import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per service instance (no global default registry: tests start several). */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly graphqlRequests: Counter<'operation' | 'outcome'>;
  readonly graphqlDuration: Histogram<'operation'>;
  readonly eventsRelayed: Counter;
  readonly projectionEvents: Counter<'projection'>;
  readonly deadLetters: Counter<'consumer'>;
  readonly readAfterWaits: Histogram<'outcome'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.graphqlRequests = new Counter({
      name: 'graphql_requests_total',
      help: 'Subgraph requests by outcome',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.graphqlDuration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Subgraph request duration',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.eventsRelayed = new Counter({
      name: 'events_relayed_total',
      help: 'Events the relay had acknowledged by Kafka',
      registers: [this.registry],
    });
    this.projectionEvents = new Counter({
      name: 'projection_events_total',
      help: 'Events applied by projections',
      labelNames: ['projection'],
      registers: [this.registry],
    });
    this.deadLetters = new Counter({
      name: 'dead_letters_total',
      help: 'Events parked on a dead-letter topic (each one is missing from a read model until a replay)',
      labelNames: ['consumer'],
      registers: [this.registry],
    });
    this.readAfterWaits = new Histogram({
      name: 'read_after_wait_seconds',
      help: "How long queries waited for their client's own changes to reach the read models (outcome reached | timeout | cancelled)",
      labelNames: ['outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
      registers: [this.registry],
    });
  }
}
