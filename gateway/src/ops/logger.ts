import pino, { DestinationStream, Logger } from 'pino';

/** JSON lines on stdout (or a given stream, for tests). Headers are never logged, so no token either. */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'gateway' },
      // Belt and braces, should a header object ever be logged.
      redact: {
        paths: ['*.authorization', '*.headers.authorization', `*["x-mms-context"]`],
        censor: '[redacted]',
      },
    },
    destination,
  );
