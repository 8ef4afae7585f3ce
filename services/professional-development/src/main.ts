import 'reflect-metadata';
import { bootstrapService } from '@mms/service-kit';
import { ProfessionalDevelopmentModule, professionalDevelopmentConfig, professionalDevelopmentEventHandlers } from './app.module';

const main = async () => {
  const config = professionalDevelopmentConfig();
  const app = await bootstrapService(ProfessionalDevelopmentModule.forRoot(config), config, professionalDevelopmentEventHandlers(config));
  process.stdout.write(
    `${JSON.stringify({ level: 30, service: config.service, msg: 'listening', url: `http://${config.host}:${config.port}/graphql` })}\n`,
  );
  void app;
};

main().catch((err) => {
  process.stderr.write(`${JSON.stringify({ level: 60, msg: 'failed to start', error: String(err?.stack ?? err) })}\n`);
  process.exit(1);
});
