/** Progress of a seeding stage: counts per phase and command throughput, reported through a callback. */

export type Outcome = 'created' | 'existing' | 'failed' | 'skipped' | 'missing';

export interface SeedProgress {
  stage: string;
  phase: string;
  /** Items of this phase handled so far, of `total`. */
  done: number;
  total: number;
  created: number;
  existing: number;
  failed: number;
  skipped: number;
  missing: number;
  /** Commands (mutations) sent in the whole stage so far, and queries. */
  commands: number;
  queries: number;
  elapsedMs: number;
  /** Stage-wide commands per second since the stage started. */
  commandsPerSecond: number;
  /** Commands per second since the previous report. */
  recentCommandsPerSecond: number;
  /** True on the last report of a phase. */
  phaseDone: boolean;
}

export type ProgressListener = (p: SeedProgress) => void;

export class ProgressTracker {
  private phase = '';
  private total = 0;
  private counts: Record<Outcome, number> = { created: 0, existing: 0, failed: 0, skipped: 0, missing: 0 };
  private commands = 0;
  private queries = 0;
  private readonly started: number;
  private lastReportAt: number;
  private lastReportCommands = 0;

  constructor(
    readonly stage: string,
    private readonly listener: ProgressListener | undefined,
    private readonly intervalMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.lastReportAt = this.started;
  }

  startPhase(phase: string, total: number) {
    this.phase = phase;
    this.total = total;
    this.counts = { created: 0, existing: 0, failed: 0, skipped: 0, missing: 0 };
  }

  /** One item of the phase handled. */
  record(outcome: Outcome, n = 1) {
    this.counts[outcome] += n;
    this.maybeReport();
  }

  commandSent(n = 1) {
    this.commands += n;
  }

  querySent(n = 1) {
    this.queries += n;
  }

  get commandCount() {
    return this.commands;
  }

  get queryCount() {
    return this.queries;
  }

  get elapsedMs() {
    return this.now() - this.started;
  }

  endPhase() {
    this.report(true);
  }

  private maybeReport() {
    if (this.listener && this.now() - this.lastReportAt >= this.intervalMs) this.report(false);
  }

  snapshot(phaseDone = false): SeedProgress {
    const t = this.now();
    const elapsedMs = t - this.started;
    const sinceLast = t - this.lastReportAt;
    const c = this.counts;
    return {
      stage: this.stage,
      phase: this.phase,
      done: c.created + c.existing + c.failed + c.skipped + c.missing,
      total: this.total,
      ...c,
      commands: this.commands,
      queries: this.queries,
      elapsedMs: Math.round(elapsedMs),
      commandsPerSecond: elapsedMs > 0 ? round1((this.commands * 1000) / elapsedMs) : 0,
      recentCommandsPerSecond: sinceLast > 0 ? round1(((this.commands - this.lastReportCommands) * 1000) / sinceLast) : 0,
      phaseDone,
    };
  }

  private report(phaseDone: boolean) {
    const p = this.snapshot(phaseDone);
    this.lastReportAt = this.now();
    this.lastReportCommands = this.commands;
    this.listener?.(p);
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** One line for a terminal: "directory/educators 12000/40000 (created 11990, existing 0, failed 10) 812.5 cmd/s". */
export const formatProgress = (p: SeedProgress): string =>
  `${p.stage}/${p.phase} ${p.done}/${p.total} (created ${p.created}, existing ${p.existing}, failed ${p.failed}` +
  `${p.skipped ? `, skipped ${p.skipped}` : ''}${p.missing ? `, missing ${p.missing}` : ''}) ` +
  `${p.recentCommandsPerSecond} cmd/s now, ${p.commandsPerSecond} cmd/s overall, ${(p.elapsedMs / 1000).toFixed(1)} s`;
