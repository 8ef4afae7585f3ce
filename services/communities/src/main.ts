import 'reflect-metadata';
import { runService } from '@mms/service-kit';
import { CommunitiesModule, communitiesConfig, communitiesEventHandlers } from './app.module';

runService(() => {
  const config = communitiesConfig();
  return { module: CommunitiesModule.forRoot(config), config, handlers: communitiesEventHandlers(config) };
});
