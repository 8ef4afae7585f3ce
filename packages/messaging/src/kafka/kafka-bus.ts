import { Kafka, logLevel } from 'kafkajs';
import { KafkaAdminAdapter } from './kafka-admin';
import { KafkaConsumerAdapter } from './kafka-consumer';
import { KafkaProducerAdapter } from './kafka-producer';
import { MessageBus, MessageConsumer, MessageProducer, MessagingAdmin, SubscriptionOptions } from '../port';

export interface KafkaBusOptions {
  clientId: string;
  brokers: string[];
  /** Structured logger; kafkajs logs are routed here at warn and above. */
  log?: (level: 'error' | 'warn' | 'info', message: string, extra?: Record<string, unknown>) => void;
  /** How long a connection attempt may hang before failing. */
  connectionTimeoutMs?: number;
}

const levelName = (l: logLevel): 'error' | 'warn' | 'info' =>
  l === logLevel.ERROR || l === logLevel.NOTHING ? 'error' : l === logLevel.WARN ? 'warn' : 'info';

/** kafkajs adapter for the messaging port. */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;

  constructor(private readonly options: KafkaBusOptions) {
    const log = options.log;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      requestTimeout: 30000,
      // The relay and consumers do their own retrying; kafkajs's is for transient blips.
      retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5000 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        if (!log) return;
        const { message, ...extra } = entry.log;
        log(levelName(entry.level), `kafka: ${message}`, { namespace: entry.namespace, ...extra });
      },
    });
  }

  producer(): MessageProducer {
    return new KafkaProducerAdapter(this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true }));
  }

  consumer(options: SubscriptionOptions): MessageConsumer {
    return new KafkaConsumerAdapter(this.kafka, options, this.options.log);
  }

  async admin(): Promise<MessagingAdmin> {
    const admin = this.kafka.admin();
    await admin.connect();
    return new KafkaAdminAdapter(admin);
  }
}

export { SESSION_TIMEOUT_MS, STALL_MS, TRANSIENT_BACKOFF_MAX_MS } from './kafka-consumer';
export { byteChunks } from './kafka-producer';
