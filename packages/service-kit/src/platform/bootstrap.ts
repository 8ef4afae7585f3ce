import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBusTransport, MessageBus } from '@mms/messaging';
import { ServiceConfig } from '../config/service-config';
import { createLogger, NestPinoLogger } from '../logging/logger';
import { MESSAGE_BUS } from './tokens';

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
  const app = await NestFactory.create(module, {
    logger: new NestPinoLogger(createLogger(config.service, config.logLevel)),
    bodyParser: true,
  });
  app.enableShutdownHooks();
  if (handlers) {
    const bus = app.get<MessageBus>(MESSAGE_BUS);
    app.connectMicroservice(
      {
        strategy: new EventBusTransport({
          bus,
          groupId: handlers.groupId,
          topics: handlers.topics,
          deadLetter: { maxAttempts: 5 },
        }),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(config.port, config.host);
  return app;
};
