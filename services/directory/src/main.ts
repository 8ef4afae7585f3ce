import 'reflect-metadata';
import { runService } from '@mms/service-kit';
import { DirectoryModule, directoryConfig, directoryEventHandlers } from './app.module';

runService(() => {
  const config = directoryConfig();
  return { module: DirectoryModule.forRoot(config), config, handlers: directoryEventHandlers(config) };
});
