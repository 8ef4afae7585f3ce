/*
 * The operator's dead-letter tool (README "Dead letters"):
 *   node packages/eventsourcing/dist/cli/dead-letters.js list   --service directory
 *   node packages/eventsourcing/dist/cli/dead-letters.js replay --service directory --projection directory
 * MONGO_URL says where; the service's database is mms_<service> unless MONGO_DB says otherwise.
 */
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { DeadLetterLedger } from '../dead-letters/dead-letter-ledger';
import { requestProjectionReplay } from '../dead-letters/replay';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { service: { type: 'string' }, projection: { type: 'string' }, limit: { type: 'string', default: '50' } },
});

const fail = (msg: string): never => {
  process.stderr.write(`${msg}\nusage: dead-letters list|replay --service <name> [--projection <name>]\n`);
  process.exit(2);
};

const main = async () => {
  const command = positionals[0];
  const service = values.service ?? fail('--service is required');
  const url = process.env['MONGO_URL'] ?? fail('MONGO_URL is required');
  const client = await new MongoClient(url).connect();
  try {
    const db = client.db(process.env['MONGO_DB'] ?? `mms_${service.replace(/-/g, '_')}`);
    if (command === 'list') {
      const ledger = new DeadLetterLedger(db);
      const consumer = values.projection ? `${service}.${values.projection}` : undefined;
      const letters = (await ledger.parked(consumer ? { consumer } : {}, Number(values.limit))).filter((l) => l.consumer.startsWith(`${service}.`));
      if (!letters.length) process.stdout.write('no parked events\n');
      for (const l of letters) {
        process.stdout.write(
          `${l.parkedAt.toISOString()}  ${l.consumer} g${l.generation ?? '-'}  ${l.type} ${l.eventId} stream ${l.tenantId}/${l.streamId}  ${l.topic}/${l.partition}@${l.offset}\n    ${l.reason}\n`,
        );
      }
    } else if (command === 'replay') {
      const projection = values.projection ?? fail('--projection is required for replay');
      if (!(await requestProjectionReplay(db, projection))) fail(`no projection ${projection} in ${db.databaseName}`);
      process.stdout.write(`replay of ${projection} requested: a running ${service} instance rebuilds it within seconds (see its log, then \`list\`)\n`);
    } else fail(`unknown command ${command ?? '(none)'}`);
  } finally {
    await client.close();
  }
};

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
