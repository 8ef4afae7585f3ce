import type { StructuredLogger } from '../logging/logger';

/** What the watchdog needs of a MongoClient: its heartbeat events and a way to start it afresh. */
export interface MonitoredClient {
  on(
    event: 'serverHeartbeatStarted' | 'serverHeartbeatSucceeded' | 'serverHeartbeatFailed',
    listener: (e: { connectionId: string; failure?: unknown }) => void,
  ): unknown;
  close(): Promise<void>;
  connect(): Promise<unknown>;
}

export interface DatabaseMonitorOptions {
  /** The driver's heartbeatFrequencyMS: a healthy monitor starts a check at least this often. */
  heartbeatMs: number;
  /** No check started for this long: the driver's monitor is stuck (default 10 heartbeats, at least 20 s). */
  stuckAfterMs?: number;
  now?: () => number;
}

/**
 * Watches the driver's server monitor. It says once when the monitor loses the server and once
 * when it has it back, so the on-call sees an outage and its end. And it notices a monitor that
 * stopped checking: after a FerretDB restart a service once stayed unready for minutes with the
 * server "Unknown" and no heartbeat at all; only a new topology recovers that, so the client is
 * closed and connected again (in-flight operations fail as they would in the outage itself).
 */
export class DatabaseMonitor {
  private lastCheck: number;
  private failingSince: number | undefined;
  private recovering = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly stuckAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: MonitoredClient,
    private readonly logger: StructuredLogger,
    private readonly options: DatabaseMonitorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.stuckAfterMs = options.stuckAfterMs ?? Math.max(20_000, 10 * options.heartbeatMs);
    this.lastCheck = this.now();
    client.on('serverHeartbeatStarted', () => {
      this.lastCheck = this.now();
    });
    client.on('serverHeartbeatFailed', (e) => {
      this.lastCheck = this.now();
      if (this.failingSince !== undefined) return;
      this.failingSince = this.now();
      logger.warn({ component: 'database', address: e.connectionId, error: String(e.failure) }, 'database monitor lost the server');
    });
    client.on('serverHeartbeatSucceeded', (e) => {
      this.lastCheck = this.now();
      if (this.failingSince === undefined) return;
      logger.warn({ component: 'database', address: e.connectionId, downMs: this.now() - this.failingSince }, 'database monitor has the server again');
      this.failingSince = undefined;
    });
  }

  /** Checks for a stuck monitor every heartbeat; the timer never keeps the process alive. */
  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.heartbeatMs).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One watchdog round: true when it started the client afresh. */
  async check(): Promise<boolean> {
    const silentMs = this.now() - this.lastCheck;
    if (this.recovering || silentMs < this.stuckAfterMs) return false;
    this.recovering = true;
    this.logger.error({ component: 'database', silentMs }, 'database monitor stopped checking the server: reconnecting the client');
    try {
      await this.client.close();
      await this.client.connect();
      this.logger.warn({ component: 'database' }, 'database client reconnected');
    } catch (err) {
      // The server may be down as well: the new topology's monitor keeps trying on its own.
      this.logger.warn({ component: 'database', error: String(err) }, 'database client reconnect failed, its monitor keeps trying');
    } finally {
      this.lastCheck = this.now();
      this.recovering = false;
    }
    return true;
  }
}
