import 'reflect-metadata';
import { runService } from '@mms/service-kit';
import { MonitoringModule, monitoringConfig } from './app.module';

// No event handlers: monitoring only projects other contexts' public events.
runService(() => {
  const config = monitoringConfig();
  return { module: MonitoringModule.forRoot(config), config };
});
