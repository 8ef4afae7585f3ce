import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { Db, MongoClient } from 'mongodb';
import { DatabaseMonitor } from './database-monitor';
import { readFileSync } from 'node:fs';
import { InternalContextVerifier } from '@mms/auth';
import {
  AppliedPositions,
  DeadLetterLedger,
  EventEnvelope,
  IntegrationTranslator,
  Lease,
  MongoEventStore,
  OutboxRelay,
  PersonalDataVault,
  Projection,
  ProjectionRunner,
  ReadTable,
  Row,
  Upcasting,
  generationTable,
} from '@mms/eventsourcing';
import { MessageBus } from '@mms/messaging';
import { KafkaBus } from '@mms/messaging/kafka';
import { Clock, systemClock } from '../clock/clock';
import { ServiceConfig } from '../config/service-config';
import { coreLogger, createLogger, levelLogger, StructuredLogger } from '../logging/logger';
import { ServiceMetrics } from '../metrics/metrics';
import * as T from './tokens';
import { OperationsController } from '../health/health.controller';
import { SubgraphController } from '../graphql/subgraph.controller';
import { PositionRecordingCommandHandler } from './read-your-writes';

export interface PlatformOptions {
  config: ServiceConfig;
  /** Internal events of this context (its own projections read them). */
  internalTopic: string;
  /** Published integration events (contracts/). */
  publicTopic: string;
  translate: IntegrationTranslator;
  upcasting?: Upcasting;
  /** Built once the database and the personal-data vault exist. */
  projections?: (deps: { db: Db; vault: PersonalDataVault }) => Projection[];
  /** Which upcasting applies to events a projection reads (e.g. contracts' for other contexts' topics). */
  projectionUpcasting?: Upcasting;
  /**
   * How often a command is re-decided after a concurrency conflict (default 3). A context
   * whose streams see bursts (a popular cohort) raises it.
   */
  commandRetries?: number;
  /** Tests and demo runs stand the clock at a day; default: the system clock in the region's zone. */
  clock?: Clock;
}

/** Looks projections up by name (queries read the generation that is active now). */
export class ProjectionRegistry {
  constructor(readonly runners: ProjectionRunner[]) {}
  get(name: string): ProjectionRunner {
    const r = this.runners.find((x) => x.name === name);
    if (!r) throw new Error(`no projection ${name}`);
    return r;
  }
  /** Events the projections' active generations parked, by projection (only those with any). */
  async parked(): Promise<Record<string, number>> {
    const counts = await Promise.all(this.runners.map(async (r) => [r.name, await r.parkedEvents()] as const));
    return Object.fromEntries(counts.filter(([, n]) => n > 0));
  }
  /** A typed table of a projection's active generation (queries take their scope in the filter). */
  table<R extends Row>(projection: string, collection: string): ReadTable<R> {
    return generationTable<R>(() => this.get(projection).readModel(), collection);
  }
}

@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(T.EVENT_STORE) private readonly store: MongoEventStore,
    @Inject(T.OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(T.MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(T.PROJECTIONS) private readonly projections: ProjectionRegistry,
    @Inject(T.MONGO_CLIENT) private readonly client: MongoClient,
    @Inject(T.DATABASE_MONITOR) private readonly databaseMonitor: DatabaseMonitor,
    @Inject(T.LOGGER) private readonly logger: StructuredLogger,
    @Inject('PLATFORM_OPTIONS') private readonly options: PlatformOptions,
  ) {}

  async onApplicationBootstrap() {
    this.databaseMonitor.start();
    await this.store.ensureIndexes();
    const admin = await this.bus.admin();
    try {
      await admin.ensureTopics([{ topic: this.options.internalTopic }, { topic: this.options.publicTopic }]);
    } finally {
      await admin.close();
    }
    this.relay.start();
    for (const p of this.projections.runners) await p.start();
    this.logger.info({ projections: this.projections.runners.map((p) => p.name) }, 'platform started');
  }

  async onApplicationShutdown() {
    for (const p of this.projections.runners) await p.stop().catch(() => undefined);
    // The HTTP server is closed by now: no command appends any more. A lane left open would be
    // probed by the next relay for a minute and then fenced; a closed one is read to its end and forgotten.
    await this.store.closeLane().catch(() => undefined);
    await this.relay.stop().catch(() => undefined);
    this.databaseMonitor.stop();
    await this.client.close().catch(() => undefined);
  }
}

/** The database monitor's check interval (poll mode). */
const HEARTBEAT_MS = 2000;

/** The service's root module declares these and provides SUBGRAPH_SCHEMA itself. */
export const PLATFORM_CONTROLLERS = [SubgraphController, OperationsController];

/**
 * Wires the mechanics every service shares: MongoDB, the event store, the relay, the
 * messaging port on Kafka, projections, logs, metrics, health and the subgraph endpoint.
 * A service imports it once with its own options.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const providers: Provider[] = [
      { provide: 'PLATFORM_OPTIONS', useValue: options },
      { provide: T.SERVICE_CONFIG, useValue: config },
      { provide: T.LOGGER, useFactory: () => createLogger(config.service, config.logLevel) },
      { provide: T.METRICS, useFactory: () => new ServiceMetrics(config.service) },
      {
        provide: T.MONGO_CLIENT,
        useFactory: async () => {
          const client = new MongoClient(config.mongoUrl, {
            serverSelectionTimeoutMS: config.mongoServerSelectionTimeoutMs ?? 3000,
            // Poll the server (FerretDB has no streaming hello) every 2 s: after a database restart the
            // monitor reconnects within seconds instead of leaving the service unready.
            serverMonitoringMode: 'poll',
            heartbeatFrequencyMS: HEARTBEAT_MS,
            // The monitor's check times out after this too: a handshake stuck on a restarting server is
            // abandoned and retried in seconds, not after the default 30 s.
            connectTimeoutMS: 5000,
          });
          await client.connect();
          return client;
        },
      },
      {
        provide: T.DATABASE_MONITOR,
        inject: [T.MONGO_CLIENT, T.LOGGER],
        useFactory: (client: MongoClient, logger: StructuredLogger) => new DatabaseMonitor(client, logger, { heartbeatMs: HEARTBEAT_MS }),
      },
      { provide: T.MONGO_DB, inject: [T.MONGO_CLIENT], useFactory: (c: MongoClient) => c.db(config.mongoDb) },
      {
        provide: T.MESSAGE_BUS,
        inject: [T.LOGGER],
        useFactory: (logger: StructuredLogger) => new KafkaBus({ clientId: config.service, brokers: config.kafkaBrokers, log: levelLogger(logger) }),
      },
      {
        provide: T.EVENT_STORE,
        inject: [T.MONGO_DB],
        useFactory: (db: Db) => new MongoEventStore(db, options.upcasting, { pageDigests: config.pageDigests ?? true }),
      },
      {
        provide: T.COMMAND_HANDLER,
        inject: [T.EVENT_STORE],
        useFactory: (s: MongoEventStore) => new PositionRecordingCommandHandler(s, { retries: options.commandRetries ?? 3 }),
      },
      // Read-your-writes: what the projections of the service's own events applied (in this process).
      { provide: T.APPLIED_POSITIONS, useFactory: () => new AppliedPositions() },
      { provide: T.CLOCK, useFactory: () => options.clock ?? systemClock(config.timeZone, config.clockOffsetDays ?? 0) },
      { provide: T.PERSONAL_DATA_VAULT, inject: [T.MONGO_DB], useFactory: (db: Db) => new PersonalDataVault(db) },
      {
        provide: T.OUTBOX_RELAY,
        inject: [T.EVENT_STORE, T.MESSAGE_BUS, T.MONGO_DB, T.LOGGER, T.METRICS],
        useFactory: (store: MongoEventStore, bus: MessageBus, db: Db, logger: StructuredLogger, m: ServiceMetrics) => {
          const relay: OutboxRelay = new OutboxRelay({
            store,
            producer: bus.producer(),
            lease: new Lease(db, `relay:${config.service}`, `${config.service}:${process.pid}:${Date.now()}`, 10000),
            internalTopic: options.internalTopic,
            publicTopic: options.publicTopic,
            translate: options.translate,
            logger: coreLogger(logger.child({ component: 'relay' })),
            onPublished: (n) => m.eventsRelayed.inc(n),
          });
          return relay;
        },
      },
      {
        provide: T.PROJECTIONS,
        inject: [T.MONGO_DB, T.MESSAGE_BUS, T.LOGGER, T.METRICS, T.PERSONAL_DATA_VAULT, T.APPLIED_POSITIONS],
        useFactory: (db: Db, bus: MessageBus, logger: StructuredLogger, m: ServiceMetrics, vault: PersonalDataVault, positions: AppliedPositions) =>
          new ProjectionRegistry(
            (options.projections?.({ db, vault }) ?? []).map((projection) => {
              // A position is the service's own stream: the projections of its internal topic must have it.
              const own = projection.topics.includes(options.internalTopic);
              if (own) positions.register(projection.name);
              return new ProjectionRunner({
                db,
                bus,
                service: config.service,
                projection,
                upcasting: options.projectionUpcasting ?? options.upcasting,
                log: levelLogger(logger.child({ component: 'projection' })),
                onApplied: (name) => m.projectionEvents.inc({ projection: name }),
                ...(own ? { onAppliedEvents: (name: string, events: readonly EventEnvelope[]) => positions.record(name, events) } : {}),
                deadLetters: new DeadLetterLedger(db),
                onParked: (name) => m.deadLetters.inc({ consumer: name }),
                ...(config.projectionMaxBatch ? { maxBatch: config.projectionMaxBatch } : {}),
              });
            }),
          ),
      },
      {
        provide: T.CONTEXT_VERIFIER,
        useFactory: () => InternalContextVerifier.fromPem(readFileSync(config.internalContextPublicKeyFile, 'utf8')),
      },
      PlatformLifecycle,
    ];
    return {
      module: PlatformModule,
      // Slices inject the platform's providers (command handler, store, vault, clock, projections) directly.
      global: true,
      providers,
      exports: providers.filter((p): p is Exclude<Provider, Type> => typeof p !== 'function'),
    };
  }
}
