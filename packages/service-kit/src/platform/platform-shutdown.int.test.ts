import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ensureDevKeys } from '@mms/auth';
import { MongoEventStore } from '@mms/eventsourcing';
import { testDatabase, uniqueTopic } from '@mms/testing/infra';
import { loadServiceConfig } from '../config/service-config';
import { PlatformModule } from './platform.module';
import * as T from './tokens';

describe('the platform on shutdown (real Kafka, real MongoDB-compatible server)', () => {
  it('closes its event store lane, so the next relay reads it to its end and forgets it instead of fencing it a minute later', async () => {
    const database = await testDatabase('platform_shutdown');
    const keysDir = mkdtempSync(join(tmpdir(), 'platform-shutdown-keys-'));
    const keys = ensureDevKeys(keysDir);
    const config = loadServiceConfig(
      'platform-shutdown',
      { port: 0 },
      { ...process.env, MONGO_DB: database.name, LOG_LEVEL: 'error', INTERNAL_CONTEXT_PUBLIC_KEY_FILE: keys.internalPublic },
    );
    const app = await NestFactory.createApplicationContext(
      PlatformModule.forService({ config, internalTopic: uniqueTopic('internal'), publicTopic: uniqueTopic('public'), translate: () => [] }),
      { logger: ['error'], abortOnError: false },
    );
    try {
      const store = app.get<MongoEventStore>(T.EVENT_STORE);
      const ctx = { tenantId: 't1', actor: { subject: 'u1', role: 'municipal_methodologist' }, correlationId: 'c1' };
      await store.append('thing', 'thing-1', 0, [{ type: 'Happened', data: {} }], ctx);
      const lane = (await database.db.collection('event_commits').findOne({ streamId: 'thing-1' }))!['lane'] as string;
      expect(await database.db.collection('outbox_lanes').findOne({ _id: lane as never })).toMatchObject({ _id: lane });
      await app.close();
      const after = await database.db.collection('outbox_lanes').findOne({ _id: lane as never });
      // Closed with its last slot, or already forgotten by the relay (everything sent): never left open.
      if (after) expect(after).toMatchObject({ closedAt: expect.any(Date), last: 1 });
    } finally {
      await app.close().catch(() => undefined);
      await database.drop();
      rmSync(keysDir, { recursive: true, force: true });
    }
  });
});
