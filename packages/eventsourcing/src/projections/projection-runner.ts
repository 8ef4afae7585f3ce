import { randomUUID } from 'node:crypto';
import { Collection, Db } from 'mongodb';
import { IncomingMessage, MessageBus, MessageConsumer, MessagingAdmin } from '@mms/messaging';
import { EventEnvelope } from '../core';
import { fromMessage } from '../integration';
import { Upcasting } from '../core';
import { DeadLetterLedger } from '../dead-letters/dead-letter-ledger';
import { generationCollections, physicalName, Projection, ReadModelCollections } from './projection';
import { isDatabaseUnavailable } from '../database/unavailable';
import { replayInto } from './rebuild-replay';

interface ProjectionMeta {
  _id: string;
  active: number;
  rebuilding?: number | null;
  /** When the claim of the rebuild under way lapses: a process killed mid-rebuild does not block rebuilds for good. */
  rebuildingUntil?: Date | null;
  /** Who holds the claim (one rebuild call): only it may switch. */
  claim?: string | null;
  switchedAt?: Date;
  /** An operator asked for a replay (`bin/platform dlq replay`): a running instance rebuilds. */
  rebuildRequestedAt?: Date | null;
  /** `Projection.version` of the code that built the active generation (absent: 1). */
  version?: number;
}

export interface ProjectionRunnerOptions {
  db: Db;
  bus: MessageBus;
  /** Consumer groups are `<service>.<projection>.g<generation>`. */
  service: string;
  projection: Projection;
  upcasting?: Upcasting;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
  /** How often a running instance checks whether another one switched generations. */
  metaPollMs?: number;
  onApplied?: (projection: string) => void;
  /** The events the generation queries read has applied (read-your-writes: AppliedPositions). */
  onAppliedEvents?: (projection: string, events: readonly EventEnvelope[]) => void;
  /** Where parked events are written down (readiness and the operator's list read it). */
  deadLetters?: DeadLetterLedger;
  onParked?: (projection: string) => void;
  /** Documents a rebuild may fold in memory (default REPLAY_MAX_DOCUMENTS); past that it applies event by event. */
  replayMaxDocuments?: number;
  /** Events applied together at most (PROJECTION_MAX_BATCH; the bus's default, 100, when unset). */
  maxBatch?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A rebuild's claim lapses this long after its own deadline (writing a large fold is not timed). */
const CLAIM_MARGIN_MS = 5 * 60_000;

/** Another rebuild holds a claim that has not lapsed. */
const rebuildUnderWay = (m: ProjectionMeta | null | undefined) => !!m?.rebuilding && !(m.rebuildingUntil && m.rebuildingUntil.getTime() < Date.now());

/**
 * Runs a projection live and rebuilds it without downtime: a rebuild replays the topics
 * from the start into a fresh generation of collections under a new consumer group,
 * and when it has caught up with the offsets seen at its start, one write to the meta
 * document switches readers to it. The old generation is then stopped and dropped.
 */
export class ProjectionRunner {
  private readonly meta: Collection<ProjectionMeta>;
  private live: { generation: number; consumer: MessageConsumer } | undefined;
  private cachedActive: { generation: number; at: number } | undefined;
  private poller: NodeJS.Timeout | undefined;
  private stopped = false;
  private rebuildingHere = false;

  constructor(private readonly o: ProjectionRunnerOptions) {
    this.meta = o.db.collection<ProjectionMeta>('projection_meta');
  }

  get name() {
    return this.o.projection.name;
  }

  private groupId(generation: number) {
    return `${this.o.service}.${this.o.projection.name}.g${generation}`;
  }

  async activeGeneration(maxAgeMs = 1000): Promise<number> {
    if (this.cachedActive && Date.now() - this.cachedActive.at < maxAgeMs) return this.cachedActive.generation;
    const m = await this.meta.findOne({ _id: this.o.projection.name });
    const generation = m?.active ?? 1;
    this.cachedActive = { generation, at: Date.now() };
    return generation;
  }

  /** `<service>.<projection>`: its consumer groups, dead-letter topic and ledger entries are named after it. */
  get consumerName() {
    return `${this.o.service}.${this.o.projection.name}`;
  }

  /** Events the active generation parked: the read model misses them (readiness says so). */
  async parkedEvents(): Promise<number> {
    return this.o.deadLetters ? this.o.deadLetters.count({ consumer: this.consumerName, generation: await this.activeGeneration() }) : 0;
  }

  /** The collections queries should read now. */
  async readModel(): Promise<ReadModelCollections> {
    return generationCollections(this.o.db, this.o.projection.name, await this.activeGeneration());
  }

  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.meta.insertOne({ _id: this.o.projection.name, active: 1, rebuilding: null, version: this.version });
    } catch {
      /* exists */
    }
    const generation = await this.activeGeneration(0);
    await this.ensureIndexes(generation);
    this.live = { generation, consumer: await this.startConsumer(generation) };
    this.poller = setInterval(() => void this.followSwitch(), this.o.metaPollMs ?? 2000);
    const meta = await this.meta.findOne({ _id: this.o.projection.name });
    if ((meta?.version ?? 1) !== this.version && !rebuildUnderWay(meta)) {
      this.o.log?.('info', 'projection built by another version: rebuilding', {
        projection: this.name,
        from: meta?.version ?? 1,
        to: this.version,
      });
      this.upgrade = this.rebuild().then(
        () => undefined,
        // Another instance may have claimed it first; it switches everyone.
        (err) => this.o.log?.('warn', 'projection rebuild for a new version did not finish', { projection: this.name, error: String(err) }),
      );
    }
  }

  /** The rebuild `start` began for a new version, if any (tests and tooling wait on it). */
  upgrade: Promise<void> | undefined;

  private get version() {
    return this.o.projection.version ?? 1;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    await this.upgrade;
    await this.requested;
    await this.live?.consumer.stop();
    this.live = undefined;
  }

  private async ensureIndexes(generation: number) {
    for (const ix of this.o.projection.indexes ?? []) {
      await this.o.db.collection(physicalName(this.o.projection.name, generation, ix.collection)).createIndex(ix.keys, ix.options ?? {});
    }
  }

  private upcasting: Upcasting | undefined;
  /** An event off the wire, upcast to the shape the projection knows. */
  private readonly decode = (message: IncomingMessage): EventEnvelope => {
    const raw = fromMessage(message);
    const { data, schemaVersion } = (this.upcasting ??= this.o.upcasting ?? new Upcasting()).upcast(raw.type, raw.schemaVersion, raw.data);
    return { ...raw, data, schemaVersion };
  };

  private async dropGeneration(generation: number) {
    for (const logical of this.o.projection.collections) {
      await this.o.db
        .collection(physicalName(this.name, generation, logical))
        .drop()
        .catch(() => undefined);
    }
  }

  /**
   * The generation's consumer. `folded`: per topic and partition, the offset below which a
   * rebuild's fold already holds everything; those messages are passed over (only their
   * offsets are committed), so the consumer goes on live from where the fold ended.
   */
  private async startConsumer(generation: number, folded?: Map<string, Map<number, bigint>>): Promise<MessageConsumer> {
    const rm = generationCollections(this.o.db, this.o.projection.name, generation);
    const decode = this.decode;
    const pending = (m: IncomingMessage) => !folded || BigInt(m.offset) >= (folded.get(m.topic)?.get(m.partition) ?? 0n);
    // Only the generation queries read counts (a rebuild's new one counts once it is switched to).
    const applied = (events: readonly EventEnvelope[]) => {
      if (this.o.onAppliedEvents && (this.live?.generation ?? this.cachedActive?.generation) === generation)
        this.o.onAppliedEvents(this.o.projection.name, events);
    };
    const consumer = this.o.bus.consumer({
      groupId: this.groupId(generation),
      topics: this.o.projection.topics,
      fromBeginning: true,
      ...(this.o.maxBatch ? { maxBatch: this.o.maxBatch } : {}),
      deadLetter: {
        maxAttempts: 5,
        // A read model's database that cannot be reached is waited out, never a reason to park.
        isTransient: isDatabaseUnavailable,
        topic: `${this.consumerName}.dlq`,
        onParked: async (message, reason, attempts) => {
          const letter = await this.o.deadLetters?.record(this.consumerName, generation, message, reason, attempts);
          this.o.onParked?.(this.name);
          this.o.log?.('error', 'projection parked an event: its read model misses it until a replay (README "Dead letters")', {
            projection: this.name,
            generation,
            eventId: letter?.eventId ?? message.headers['event-id'],
            type: letter?.type,
            streamId: letter?.streamId,
            tenantId: letter?.tenantId,
            reason,
          });
        },
      },
      handler: async (message) => {
        if (!pending(message)) return;
        const event = decode(message);
        await this.o.projection.apply(event, rm);
        this.o.onApplied?.(this.o.projection.name);
        applied([event]);
      },
      ...(this.o.projection.applyBatch
        ? {
            batchHandler: async (all: IncomingMessage[]) => {
              const messages = all.filter(pending);
              if (messages.length === 0) return;
              const events = messages.map(decode);
              await this.o.projection.applyBatch!(events, rm);
              for (let i = 0; i < messages.length; i++) this.o.onApplied?.(this.o.projection.name);
              applied(events);
            },
          }
        : {}),
    });
    await consumer.start();
    return consumer;
  }

  /** A replay an operator asked for, being run here. */
  private requested: Promise<unknown> | undefined;

  /**
   * An operator asked for a replay: rebuild from the topics into a new generation (the
   * parked events are applied in their stream order there, after the fix is deployed).
   * Every instance sees the request; the rebuild's claim lets one of them run it.
   */
  private async followRequest(meta: ProjectionMeta | null) {
    const asked = meta?.rebuildRequestedAt;
    if (!asked || rebuildUnderWay(meta) || this.requested || (meta.switchedAt && meta.switchedAt >= asked)) return;
    this.o.log?.('info', 'projection replay requested: rebuilding', { projection: this.name, requestedAt: asked });
    this.requested = this.rebuild()
      .catch((err) => this.o.log?.('warn', 'requested projection replay did not run here', { projection: this.name, error: String(err) }))
      .finally(() => (this.requested = undefined));
  }

  /** Another instance switched generations: follow it. */
  private async followSwitch() {
    // A rebuild running here switches this instance itself (two consumers of one generation otherwise).
    if (this.stopped || !this.live || this.rebuildingHere) return;
    try {
      await this.followRequest(await this.meta.findOne({ _id: this.o.projection.name }));
      const active = await this.activeGeneration(0);
      if (active !== this.live.generation) {
        const old = this.live;
        this.live = { generation: active, consumer: await this.startConsumer(active) };
        await old.consumer.stop();
        this.o.log?.('info', 'projection followed a generation switch', { projection: this.name, generation: active });
      }
    } catch (err) {
      this.o.log?.('warn', 'projection meta poll failed', { error: String(err) });
    }
  }

  /**
   * The fast path of a rebuild when the projection can fold in memory (rebuild-replay.ts);
   * when it cannot finish, the generation and its group are emptied again and the rebuild
   * goes on event by event. True when the generation holds everything up to `targets`.
   */
  private async replay(generation: number, targets: Map<string, Map<number, bigint>>, admin: MessagingAdmin, deadline: number): Promise<boolean> {
    if (!this.o.projection.replay) return false;
    const outcome = await replayInto({
      bus: this.o.bus,
      admin,
      projection: this.o.projection,
      decode: this.decode,
      groupId: this.groupId(generation),
      targets,
      rm: generationCollections(this.o.db, this.name, generation),
      deadline,
      stopped: () => this.stopped,
      ...(this.o.replayMaxDocuments ? { maxDocuments: this.o.replayMaxDocuments } : {}),
    });
    if (outcome.replayed) {
      for (let i = 0; i < outcome.events; i++) this.o.onApplied?.(this.name);
      return true;
    }
    this.o.log?.('warn', 'projection rebuild could not fold in memory: applying event by event', { projection: this.name, reason: outcome.reason });
    await admin.deleteGroup(this.groupId(generation));
    await this.dropGeneration(generation);
    await this.ensureIndexes(generation);
    return false;
  }

  /** Rebuilds into a new generation and switches to it. Resolves after the switch. */
  async rebuild(timeoutMs = 10 * 60_000): Promise<{ generation: number; durationMs: number; switchedAfterMs: number; replayed: boolean }> {
    const started = Date.now();
    const current = await this.activeGeneration(0);
    const next = current + 1;
    const claim = randomUUID();
    const claimed = await this.meta.updateOne(
      {
        _id: this.o.projection.name,
        active: current,
        // A claim whose time is up was left by a process that died mid-rebuild (a claim without a
        // time comes from older code: it is honoured, and cleared by hand if it was left behind).
        $or: [{ rebuilding: null }, { rebuilding: { $exists: false } }, { rebuildingUntil: { $lt: new Date() } }],
      },
      { $set: { rebuilding: next, rebuildingUntil: new Date(started + timeoutMs + CLAIM_MARGIN_MS), claim } },
    );
    if (claimed.matchedCount !== 1) throw new Error(`projection ${this.name} is already being rebuilt`);
    this.rebuildingHere = true;
    let replayed = false;
    let switchedAfterMs = 0;
    try {
      await this.dropGeneration(next);
      await this.ensureIndexes(next);
      const admin = await this.o.bus.admin();
      try {
        await admin.deleteGroup(this.groupId(next));
        const targets = new Map<string, Map<number, bigint>>();
        for (const topic of this.o.projection.topics) {
          await admin.ensureTopics([{ topic }]);
          targets.set(topic, new Map((await admin.endOffsets(topic)).map((p) => [p.partition, BigInt(p.offset)])));
        }
        replayed = await this.replay(next, targets, admin, started + timeoutMs);
        const replayedAfterMs = Date.now() - started;
        const consumer = await this.startConsumer(next, replayed ? targets : undefined);
        this.o.log?.('info', 'projection rebuild: new generation consuming', {
          projection: this.name,
          generation: next,
          replayed,
          replayedAfterMs,
          joinedAfterMs: Date.now() - started,
        });
        try {
          for (;;) {
            let caughtUp = true;
            for (const [topic, ends] of targets) {
              const committed = new Map((await admin.groupOffsets(this.groupId(next), topic)).map((p) => [p.partition, BigInt(p.offset)]));
              for (const [partition, end] of ends) {
                if (end > 0n && (committed.get(partition) ?? -1n) < end) caughtUp = false;
              }
            }
            if (caughtUp) break;
            if (Date.now() - started > timeoutMs) throw new Error(`rebuild of ${this.name} timed out`);
            if (this.stopped) throw new Error(`rebuild of ${this.name} stopped`);
            await sleep(200);
          }
        } catch (err) {
          await consumer.stop();
          throw err;
        }
        // The switch is one document write: readers move on their next meta read.
        const switched = await this.meta.updateOne(
          { _id: this.name, claim },
          {
            $set: {
              active: next,
              rebuilding: null,
              rebuildingUntil: null,
              claim: null,
              switchedAt: new Date(),
              version: this.version,
              rebuildRequestedAt: null,
            },
          },
        );
        if (switched.matchedCount !== 1) {
          await consumer.stop();
          throw new Error(`rebuild of ${this.name}: its claim lapsed and was taken over`);
        }
        switchedAfterMs = Date.now() - started;
        await this.o.deadLetters?.supersede(this.consumerName, next);
        this.cachedActive = undefined;
        const old = this.live;
        this.live = { generation: next, consumer };
        await old?.consumer.stop();
        await admin.deleteGroup(this.groupId(current));
        // Readers cache the active generation for up to a second: let them move first.
        await sleep(2000);
        await this.dropGeneration(current);
      } finally {
        await admin.close();
      }
      this.o.log?.('info', 'projection rebuilt', { projection: this.name, generation: next, replayed, switchedAfterMs });
      return { generation: next, durationMs: Date.now() - started, switchedAfterMs, replayed };
    } catch (err) {
      await this.meta.updateOne({ _id: this.name, claim }, { $set: { rebuilding: null, rebuildingUntil: null, claim: null } });
      throw err;
    } finally {
      this.rebuildingHere = false;
    }
  }
}
