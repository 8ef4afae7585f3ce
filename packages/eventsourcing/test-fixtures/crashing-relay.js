// A relay process that SIGKILLs itself right after Kafka acknowledged its Nth batch on the
// public topic and before it could mark the batch as published: the worst moment to die.
// Usage: node crashing-relay.js <mongoUrl> <db> <brokers> <internalTopic> <publicTopic> <crashAfterBatches>
const { MongoClient } = require('mongodb');
const { MongoEventStore, OutboxRelay, Lease } = require('@mms/eventsourcing');
const { KafkaBus } = require('@mms/messaging/kafka');

const [mongoUrl, dbName, brokers, internalTopic, publicTopic, crashAfter] = process.argv.slice(2);

(async () => {
  const client = await new MongoClient(mongoUrl).connect();
  const db = client.db(dbName);
  const store = new MongoEventStore(db);
  const real = new KafkaBus({ clientId: 'crashing-relay', brokers: brokers.split(',') }).producer();
  let batches = 0;
  const producer = {
    connect: () => real.connect(),
    disconnect: () => real.disconnect(),
    send: async (topic, messages) => {
      await real.send(topic, messages);
      if (topic === publicTopic && ++batches >= Number(crashAfter)) process.kill(process.pid, 'SIGKILL');
    },
  };
  const relay = new OutboxRelay({
    store,
    producer,
    lease: new Lease(db, 'relay:test', 'crashing', 1500),
    internalTopic,
    publicTopic,
    translate: (e) => [{ type: `public.${e.type}`, schemaVersion: 1, data: e.data }],
    batchSize: 100,
  });
  relay.start();
})().catch((err) => {
  console.error(err);
  process.exit(2);
});
