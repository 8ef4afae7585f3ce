import { EventEmitter } from 'node:events';
import type { StructuredLogger } from '../logging/logger';
import { DatabaseMonitor } from './database-monitor';

/** A client whose heartbeats the test sends, counting restarts. */
class FakeClient extends EventEmitter {
  closed = 0;
  connected = 0;
  failConnect = false;
  async close() {
    this.closed++;
  }
  async connect() {
    this.connected++;
    if (this.failConnect) throw new Error('connect ECONNREFUSED');
    return this;
  }
}

const setup = () => {
  let t = 0;
  const lines: { level: string; msg: string }[] = [];
  const log = (level: string) => (_: unknown, msg: string) => lines.push({ level, msg });
  const logger = { info: log('info'), warn: log('warn'), error: log('error') } as unknown as StructuredLogger;
  const client = new FakeClient();
  const monitor = new DatabaseMonitor(client, logger, { heartbeatMs: 2000, now: () => t });
  return { client, monitor, lines, advance: (ms: number) => (t += ms) };
};

describe('database monitor watchdog', () => {
  it('leaves a monitor alone while it keeps checking, failing or not', async () => {
    const { client, monitor, advance } = setup();
    for (let i = 0; i < 30; i++) {
      advance(7000); // a check that hangs until connectTimeoutMS, then fails
      client.emit(i % 2 ? 'serverHeartbeatStarted' : 'serverHeartbeatFailed', { connectionId: 'db:1', failure: new Error('closed') });
      expect(await monitor.check()).toBe(false);
    }
    expect(client.closed).toBe(0);
  });

  it('starts the client afresh when no check started for 20 s, once, then waits again', async () => {
    const { client, monitor, advance, lines } = setup();
    client.emit('serverHeartbeatStarted', { connectionId: 'db:1' });
    advance(19_999);
    expect(await monitor.check()).toBe(false);
    advance(1);
    expect(await monitor.check()).toBe(true);
    expect([client.closed, client.connected]).toEqual([1, 1]);
    expect(lines.map((l) => l.msg)).toContain('database monitor stopped checking the server: reconnecting the client');
    advance(10_000);
    expect(await monitor.check()).toBe(false);
  });

  it('a failed reconnect is logged and tried again after another silence', async () => {
    const { client, monitor, advance, lines } = setup();
    client.failConnect = true;
    advance(20_000);
    expect(await monitor.check()).toBe(true);
    expect(lines.at(-1)).toEqual({ level: 'warn', msg: 'database client reconnect failed, its monitor keeps trying' });
    advance(20_000);
    expect(await monitor.check()).toBe(true);
    expect(client.connected).toBe(2);
  });

  it('says once when the server is lost and once when it is back', () => {
    const { client, lines, advance } = setup();
    for (let i = 0; i < 3; i++) client.emit('serverHeartbeatFailed', { connectionId: 'db:1', failure: new Error('ECONNREFUSED') });
    advance(4000);
    client.emit('serverHeartbeatSucceeded', { connectionId: 'db:1' });
    client.emit('serverHeartbeatSucceeded', { connectionId: 'db:1' });
    expect(lines.map((l) => l.msg)).toEqual(['database monitor lost the server', 'database monitor has the server again']);
  });
});
