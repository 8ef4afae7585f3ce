import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

export type StructuredLogger = Logger;

/**
 * Paths never written to a log: tokens, and personal data should an error or a variables
 * object carry it (names of educators and students, birth dates, contact details).
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-mms-context"]',
  'token',
  '*.token',
  'fullName',
  '*.fullName',
  '*.*.fullName',
  'variables.input.fullName',
  'birthDate',
  '*.birthDate',
  'email',
  '*.email',
  'phone',
  '*.phone',
];

/** JSON lines on stdout: one shape for every service and the gateway (service, level, time, msg). */
export const createLogger = (service: string, level = 'info'): StructuredLogger =>
  pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });

/** Routes NestJS's own logging into the structured logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: StructuredLogger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

/** Adapter for the (framework-free) logger shape the core packages take. */
export const coreLogger = (logger: StructuredLogger) => ({
  info: (msg: string, extra?: Record<string, unknown>) => logger.info(extra ?? {}, msg),
  warn: (msg: string, extra?: Record<string, unknown>) => logger.warn(extra ?? {}, msg),
  error: (msg: string, extra?: Record<string, unknown>) => logger.error(extra ?? {}, msg),
});

export const levelLogger = (logger: StructuredLogger) => (level: 'error' | 'warn' | 'info', msg: string, extra?: Record<string, unknown>) =>
  logger[level](extra ?? {}, msg);
