import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { Db } from 'mongodb';
import { OutboxRelay } from '@mms/eventsourcing';
import { MONGO_DB, OUTBOX_RELAY, METRICS, PROJECTIONS } from '../platform/tokens';
import type { ProjectionRegistry } from '../platform/platform.module';
import { ServiceMetrics } from '../metrics/metrics';

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
      await this.db.command({ ping: 1 });
      parked = await this.projections.parked();
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
