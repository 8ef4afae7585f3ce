import 'reflect-metadata';
import { runService } from '@mms/service-kit';
import { ContestsModule, contestsConfig } from './app.module';

runService(() => {
  const config = contestsConfig();
  return { module: ContestsModule.forRoot(config), config };
});
