import { MessageProducer } from '@mms/messaging';
import { MongoEventStore } from '../event-store/mongo-event-store';
import { IntegrationTranslator } from '../integration';
import { Lease } from './lease';

export interface RelayLogger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

/**
 * The steps of the relay's protocol after which a test may stop it dead (`faults`):
 * whatever the relay would do next is then left to the next relay.
 */
export type RelayStep =
  /** lanes and pages read, nothing sent */
  | 'read'
  /** the internal topic acknowledged the batch, the public one not yet */
  | 'sent-internal'
  /** both topics acknowledged it, the checkpoint not yet advanced */
  | 'sent'
  /** the lane's checkpoint advanced */
  | 'checkpointed'
  /** a placeholder closed a gap, not yet read back */
  | 'gap-closed'
  /** a silent lane marked `fenced`, no placeholder inserted yet */
  | 'fence-marked'
  /** the fence's placeholders inserted, the lane's end not yet recorded */
  | 'fenced'
  /** a finished lane's placeholders deleted, its registry entry not yet */
  | 'lane-placeholders-deleted'
  /** old-protocol commits sent, none marked yet */
  | 'legacy-sent'
  /** old-protocol commits: the first chunk of marks written */
  | 'legacy-marked-some';

export interface OutboxRelayOptions {
  store: MongoEventStore;
  producer: MessageProducer;
  lease: Lease;
  /** Every internal event goes here (the context's own projections read it). */
  internalTopic: string;
  /** Public integration events go here (other contexts read it). */
  publicTopic: string;
  translate: IntegrationTranslator;
  /** Commits per lane per round (rounded up to whole pages). Default 500. */
  batchSize?: number;
  /** Poll interval when idle; an append in this process wakes the relay at once. */
  idlePollMs?: number;
  /** A missing slot with later slots present is closed by a placeholder after this long. Default 5 s. */
  gapMs?: number;
  /** A lane that did not move this long and was not closed by its writer is fenced. Default 60 s. */
  silentLaneMs?: number;
  /**
   * While a lane is live (nothing behind), how often its pages are read anyway when the probes
   * of the next slots find nothing: a gap wider than the probes is seen then. Default 1 s.
   */
  pageRecheckMs?: number;
  /** How often to look for old-protocol commits once none are left (a writer of the old version may still run). Default 10 s. */
  legacyRecheckMs?: number;
  logger?: RelayLogger;
  onPublished?: (events: number, commits: number) => void;
  /** Tests only: throwing here stops the relay at that step as a crash would. */
  faults?: (step: RelayStep) => void | Promise<void>;
}
