import 'reflect-metadata';
import { loadServiceConfig, runService } from '@mms/service-kit';
import { MonitoringModule } from './app.module';
import { MONITORING_SERVICE } from './monitoring.topics';

// No event handlers: monitoring only projects other contexts' public events.
runService(() => {
  const config = loadServiceConfig(MONITORING_SERVICE, { port: 4103 });
  return { module: MonitoringModule.forRoot(config), config };
});
