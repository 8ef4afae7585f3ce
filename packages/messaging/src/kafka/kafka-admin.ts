import { Admin } from 'kafkajs';
import { MessagingAdmin, PartitionOffset, TopicSpec } from '../port';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The port's admin on kafkajs: topics created (and their leaders waited for), offsets read, groups deleted. */
export class KafkaAdminAdapter implements MessagingAdmin {
  constructor(private readonly admin: Admin) {}

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    try {
      // Not kafkajs's waitForLeaders: it retries only LEADER_NOT_AVAILABLE, while a KRaft
      // broker answers UNKNOWN_TOPIC_OR_PARTITION for a moment after creating a topic.
      await this.admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions ?? 3, replicationFactor: 1 })),
      });
    } catch (err) {
      // Another client created it in between (services starting together): fine.
      if (!(err instanceof Error && /already exists/i.test(err.message))) throw err;
    }
    await this.waitForLeaders(missing.map((t) => t.topic));
  }

  /** Until every partition of the topics has a leader, or 30 s. */
  private async waitForLeaders(topics: string[], timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics: meta } = await this.admin.fetchTopicMetadata({ topics });
        const ready = meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        if (ready) return;
      } catch {
        // metadata not there yet: ask again
      }
      if (Date.now() > deadline) throw new Error(`kafka topics have no leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
      await sleep(200);
    }
  }

  async endOffsets(topic: string): Promise<PartitionOffset[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.map((o) => ({ partition: o.partition, offset: o.high }));
  }

  async groupOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    const res = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return (res[0]?.partitions ?? []).map((p) => ({ partition: p.partition, offset: p.offset }));
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.admin.deleteGroups([groupId]).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}
