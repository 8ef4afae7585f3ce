import { startTestInfra } from './infra/start';

/** Runs once per jest run; workers inherit the environment it sets. */
export default async function globalSetup(): Promise<void> {
  const infra = await startTestInfra();
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers;
  process.env['MONGO_URL'] = infra.mongoUrl;
  process.env['MMS_TEST_INFRA_MODE'] = infra.mode;
  (globalThis as { __mmsInfra?: typeof infra }).__mmsInfra = infra;
  process.stderr.write(`\n[test infra] ${infra.mode}: KAFKA_BROKERS=${infra.kafkaBrokers} MONGO_URL=${infra.mongoUrl}\n`);
}
