import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MessageBus } from '@mms/messaging';
import { EventBusTransport } from '@mms/messaging/nest';
import { ServiceConfig } from '../config/service-config';
import { createLogger, NestPinoLogger } from '../logging/logger';
import { Db } from 'mongodb';
import { DeadLetterLedger, isDatabaseUnavailable } from '@mms/eventsourcing';
import { ServiceMetrics } from '../metrics/metrics';
import type { StructuredLogger } from '../logging/logger';
import { LOGGER, MESSAGE_BUS, METRICS, MONGO_DB } from './tokens';

export interface EventHandlersOptions {
  groupId: string;
  topics: string[];
}

/**
 * Starts a service: the HTTP side (subgraph, health, metrics) and, when it has
 * `@EventPattern` handlers, the event-bus microservice transport.
 */
export const bootstrapService = async (
  module: Type<unknown> | DynamicModule,
  config: ServiceConfig,
  handlers?: EventHandlersOptions,
): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new NestPinoLogger(createLogger(config.service, config.logLevel)),
    bodyParser: false,
  });
  // Express's default (100 KB) refused the gateway's larger calls with a 413 the client saw as an internal error.
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.enableShutdownHooks();
  if (handlers) {
    const bus = app.get<MessageBus>(MESSAGE_BUS);
    const ledger = new DeadLetterLedger(app.get<Db>(MONGO_DB));
    const metrics = app.get<ServiceMetrics>(METRICS);
    const log = app.get<StructuredLogger>(LOGGER);
    const consumer = `${config.service}.reactions`;
    app.connectMicroservice(
      {
        strategy: new EventBusTransport({
          bus,
          groupId: handlers.groupId,
          topics: handlers.topics,
          deadLetter: {
            maxAttempts: 5,
            // The database unreachable is waited out, not a reason to park (as in projections).
            isTransient: isDatabaseUnavailable,
            // A reaction that gave up is written down and counted like a projection's (README "Dead letters").
            onParked: async (message, reason, attempts) => {
              const letter = await ledger.record(consumer, null, message, reason, attempts);
              metrics.deadLetters.inc({ consumer });
              log.error({ consumer, eventId: letter.eventId, type: letter.type, streamId: letter.streamId, reason }, 'reaction parked an event');
            },
          },
        }),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(config.port, config.host);
  return app;
};

/** What a service's `main` starts. */
export interface ServiceStart {
  module: Type<unknown> | DynamicModule;
  config: ServiceConfig;
  handlers?: EventHandlersOptions;
}

/**
 * A service's `main`: reads its configuration and starts it, says where it listens (one
 * JSON log line), and exits 1 with the error as a log line when it cannot start (a bad
 * configuration included).
 */
export const runService = (start: () => ServiceStart): void => {
  const fail = (err: unknown) => {
    process.stderr.write(`${JSON.stringify({ level: 60, msg: 'failed to start', error: String((err as Error)?.stack ?? err) })}\n`);
    process.exit(1);
  };
  let s: ServiceStart;
  try {
    s = start();
  } catch (err) {
    return fail(err);
  }
  const { config } = s;
  bootstrapService(s.module, config, s.handlers).then(
    () =>
      process.stdout.write(
        `${JSON.stringify({ level: 30, service: config.service, msg: 'listening', url: `http://${config.host}:${config.port}/graphql` })}\n`,
      ),
    fail,
  );
};
