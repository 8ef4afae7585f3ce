import 'reflect-metadata';
import { runService } from '@mms/service-kit';
import { ProfessionalDevelopmentModule, professionalDevelopmentConfig, professionalDevelopmentEventHandlers } from './app.module';

runService(() => {
  const config = professionalDevelopmentConfig();
  return { module: ProfessionalDevelopmentModule.forRoot(config), config, handlers: professionalDevelopmentEventHandlers(config) };
});
