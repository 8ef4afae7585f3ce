import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { Db } from 'mongodb';
import { OutboxRelay } from '@mms/eventsourcing';
import { MONGO_DB, OUTBOX_RELAY, METRICS } from '../platform/tokens';
import { ServiceMetrics } from '../metrics/metrics';

/** Liveness, readiness (the database answers) and Prometheus metrics. */
@Controller()
export class OperationsController {
  constructor(
    @Inject(MONGO_DB) private readonly db: Db,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    try {
      await this.db.command({ ping: 1 });
      // The relay may be a standby (another instance holds the lease): still ready.
      return { status: 'ok', relayLeader: this.relay.isLeader };
    } catch (err) {
      res.status(503);
      return { status: 'unavailable', reason: `database: ${(err as Error).message}` };
    }
  }

  @Get('metrics')
  async metricsText(@Res() res: { type(t: string): { send(b: string): void } }) {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
