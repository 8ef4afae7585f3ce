import 'reflect-metadata';
import { bootstrapService } from '@mms/service-kit';
import { MonitoringModule, monitoringConfig } from './app.module';

const main = async () => {
  const config = monitoringConfig();
  // No event handlers: monitoring only projects other contexts' public events.
  await bootstrapService(MonitoringModule.forRoot(config), config);
  process.stdout.write(
    `${JSON.stringify({ level: 30, service: config.service, msg: 'listening', url: `http://${config.host}:${config.port}/graphql` })}\n`,
  );
};

main().catch((err) => {
  process.stderr.write(`${JSON.stringify({ level: 60, msg: 'failed to start', error: String(err?.stack ?? err) })}\n`);
  process.exit(1);
});
