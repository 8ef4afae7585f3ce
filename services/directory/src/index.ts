export * from './app.module';
export * from './application/directory.service';
