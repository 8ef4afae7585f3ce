import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type Outcome = 'ok' | 'client_error' | 'rejected' | 'unauthenticated' | 'rate_limited' | 'deadline_exceeded' | 'cancelled' | 'unavailable' | 'error';

/** One registry per gateway instance, so tests can start several in one process. */
export const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'gateway_requests_total',
    help: 'GraphQL requests by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'GraphQL request duration in seconds, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observe(outcome: Outcome, seconds: number) {
      requests.inc({ outcome });
      duration.observe({ outcome }, seconds);
    },
  };
};
export type Metrics = ReturnType<typeof createMetrics>;
