import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EVENT_TYPE_HEADER, IncomingMessage, MessageBus, MessageConsumer, PoisonMessageError, SubscriptionOptions } from '../port';

export interface EventBusTransportOptions {
  bus: MessageBus;
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  deadLetter?: SubscriptionOptions['deadLetter'];
}

/** What a NestJS `@EventPattern(type)` handler receives. */
export interface ReceivedEvent<T = unknown> {
  type: string;
  payload: T;
  headers: Record<string, string>;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/**
 * A NestJS microservice transport over the messaging port: `@EventPattern('<event type>')`
 * handlers receive integration events; the message's offset is committed only after the
 * handler's returned promise/observable completes. Events nobody handles are skipped.
 */
export class EventBusTransport extends Server implements CustomTransportStrategy {
  private consumer: MessageConsumer | undefined;

  constructor(private readonly options: EventBusTransportOptions) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    this.consumer = this.options.bus.consumer({
      groupId: this.options.groupId,
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? true,
      deadLetter: this.options.deadLetter,
      handler: (m) => this.dispatch(m),
    });
    this.consumer.start().then(
      () => callback(),
      (err) => callback(err),
    );
  }

  private async dispatch(message: IncomingMessage): Promise<void> {
    const type = message.headers[EVENT_TYPE_HEADER];
    if (!type) throw new PoisonMessageError(`message without an ${EVENT_TYPE_HEADER} header`);
    const handler = this.getHandlerByPattern(type);
    if (!handler) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message.value);
    } catch {
      throw new PoisonMessageError(`payload of ${type} is not JSON`);
    }
    const event: ReceivedEvent = {
      type,
      payload,
      headers: message.headers,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
    };
    const result = await handler(event);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('EventBusTransport does not expose broker events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
