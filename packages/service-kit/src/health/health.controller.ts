import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { Db } from 'mongodb';
import { OutboxRelay } from '@mms/eventsourcing';
import { MONGO_DB, OUTBOX_RELAY, METRICS, PROJECTIONS } from '../platform/tokens';
import type { ProjectionRegistry } from '../platform/platform.module';
import { ServiceMetrics } from '../metrics/metrics';

/**
 * How long readiness waits for the database. The driver itself waits up to its server
 * selection timeout (10 s) for a server that is gone: a probe must say "not ready" before
 * the prober gives up on it, not hang.
 */
export const DATABASE_PROBE_MS = 2000;

/** The work's result, or an error once `ms` passed (the work itself is left to finish or fail). */
const within = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });

/** Liveness, readiness (the database answers) and Prometheus metrics. */
@Controller()
export class OperationsController {
  constructor(
    @Inject(MONGO_DB) private readonly db: Db,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRegistry,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    let parked: Record<string, number>;
    try {
      parked = await within(
        this.db.command({ ping: 1 }).then(() => this.projections.parked()),
        DATABASE_PROBE_MS,
      );
    } catch (err) {
      res.status(503);
      return { status: 'unavailable', reason: `database: ${(err as Error).message}` };
    }
    // A read model that misses accepted events answers wrongly: not ready until a replay (README "Dead letters").
    if (Object.keys(parked).length) {
      res.status(503);
      return { status: 'unavailable', reason: 'events parked on dead-letter topics; see `bin/platform dlq`', parked };
    }
    // The relay may be a standby (another instance holds the lease): still ready.
    return { status: 'ok', relayLeader: this.relay.isLeader };
  }

  @Get('metrics')
  async metricsText(@Res() res: { type(t: string): { send(b: string): void } }) {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
