/* Entry point: configuration from the environment, graceful stop on SIGTERM/SIGINT. */
import { loadConfig } from './config';
import { startGateway } from './start-gateway';

const main = async () => {
  const gateway = await startGateway(loadConfig());
  const stop = (signal: string) => {
    process.stderr.write(`${signal}: stopping the gateway\n`);
    gateway.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
};

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
