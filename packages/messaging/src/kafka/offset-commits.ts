export interface TopicOffset {
  topic: string;
  partition: number;
  /** The next offset to read (the last handled + 1), as Kafka commits it. */
  offset: string;
}

/**
 * Offsets of handled messages, committed together: at most every `everyMs` per consumer, or
 * at once after `everyMessages`. A commit is a write to the broker's offsets log, and with
 * messages arriving one at a time (a service's commands) every fetch brought one message and
 * ended with its own commit: the broker did more for the commits than for the messages. An
 * offset is only ever recorded here after its message was handled, so a commit that comes
 * later or never (a crash, a rebalance) only redelivers handled messages, which every
 * consumer applies once. Commits go one at a time, in order.
 */
export class OffsetCommits {
  private readonly pending = new Map<string, TopicOffset>();
  private since = 0;
  private lastAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly commit: (offsets: TopicOffset[]) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly everyMs = 500,
    private readonly everyMessages = 200,
  ) {}

  /** `count` messages up to `lastOffset` handled: committed now when due, else within `everyMs`. */
  async handled(topic: string, partition: number, lastOffset: string, count: number): Promise<void> {
    this.pending.set(`${topic}/${partition}`, { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
    this.since += count;
    if (this.since >= this.everyMessages || Date.now() - this.lastAt >= this.everyMs) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush().catch(this.onError), this.everyMs - (Date.now() - this.lastAt));
  }

  /** Commits whatever is pending (and waits for commits under way). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.since = 0;
    this.lastAt = Date.now();
    const next = this.chain.catch(() => undefined).then(() => (offsets.length ? this.commit(offsets) : undefined));
    this.chain = next;
    return next;
  }

  /** Forgets what is pending (a new group generation: those partitions may be someone else's now). */
  drop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.since = 0;
  }
}
