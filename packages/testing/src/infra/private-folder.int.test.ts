import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePorts } from './free-port';
import { repoRoot } from './start';

/**
 * README's commands from a folder only its owner may enter (`mktemp -d`, /root: mode 700),
 * as root: PostgreSQL runs as the postgres user, who cannot enter it. The database must
 * start anyway (its cluster lives where that user can reach it) and go away on `reset`.
 */
const asRoot = process.getuid?.() === 0 && process.env['MMS_TEST_INFRA_MODE'] === 'local';
(asRoot ? describe : describe.skip)('local infra from a folder the postgres user cannot enter', () => {
  it('starts PostgreSQL + FerretDB, answers, and cleans up', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mms-private-'));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    // Ports from the OS: a fixed one may be held by anything else on a shared machine.
    const [ferretPort, postgresPort, kafkaPort, controllerPort] = await freePorts(4);
    const env = {
      ...process.env,
      MMS_LOCAL_HOME: join(folder, '.local'),
      MMS_CACHE_HOME: process.env['MMS_CACHE_HOME'] ?? join(repoRoot(), '.local', 'cache'),
      FERRETDB_PORT: String(ferretPort),
      FERRETDB_DEBUG_PORT: '-',
      POSTGRES_PORT: String(postgresPort),
      KAFKA_PORT: String(kafkaPort),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
    };
    const infra = (...args: string[]) => {
      const r = spawnSync('bash', [join(repoRoot(), 'infra', 'local', 'bin', 'infra'), ...args], { env, encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) throw new Error(`infra ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
      return r.stdout.trim();
    };
    try {
      infra('ferretdb-start');
      const cluster = infra('pg-data');
      expect(cluster.startsWith(folder)).toBe(false);
      const client = await new MongoClient(`mongodb://127.0.0.1:${ferretPort}/`).connect();
      try {
        await client.db('probe').collection('x').insertOne({ ok: 1 });
        expect(await client.db('probe').collection('x').countDocuments()).toBe(1);
      } finally {
        await client.close();
      }
      infra('reset');
      expect(() => statSync(cluster)).toThrow();
    } finally {
      spawnSync('bash', [join(repoRoot(), 'infra', 'local', 'bin', 'infra'), 'reset'], { env, timeout: 60_000 });
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
