import { CompressionTypes, Producer } from 'kafkajs';
import { MessageProducer, OutgoingMessage } from '../port';

/** Well under the broker's default message.max.bytes (1 MiB), leaving room for overhead. */
const MAX_REQUEST_BYTES = 512 * 1024;

const sizeOf = (m: OutgoingMessage): number =>
  Buffer.byteLength(m.key) +
  Buffer.byteLength(m.value) +
  Object.entries(m.headers ?? {}).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0) +
  64;

/** Consecutive runs of messages of at most `limit` bytes (a larger message goes alone). */
export const byteChunks = (messages: OutgoingMessage[], limit: number): OutgoingMessage[][] => {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = sizeOf(m);
    if (current.length > 0 && bytes + size > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/** The port's producer on kafkajs: sends in chunks of at most MAX_REQUEST_BYTES. */
export class KafkaProducerAdapter implements MessageProducer {
  private connected = false;
  constructor(private readonly producer: Producer) {}

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    // One request per chunk, in order: the broker refuses a record batch above its
    // message.max.bytes (1 MB by default), which a relay draining a backlog easily exceeds.
    for (const chunk of byteChunks(messages, MAX_REQUEST_BYTES)) {
      await this.producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: chunk.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })),
      });
    }
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    await this.producer.disconnect();
  }
}
