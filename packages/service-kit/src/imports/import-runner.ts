import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Counter } from 'prom-client';
import type { StructuredLogger } from '../logging/logger';
import { ServiceMetrics } from '../metrics/metrics';
import { LOGGER, METRICS } from '../platform/tokens';
import type { ImportKind } from './import-kind';
import { ImportSettings } from './import-options';
import type { ImportRecord } from './import-store';
import { Importer } from './importer';

export const IMPORTER = Symbol('IMPORTER');
export const IMPORT_SETTINGS = Symbol('IMPORT_SETTINGS');
const IMPORT_SLICE = 'mms:import-slice';

/** A slice's provider of import kinds: `@ImportSlice() class DiagnosticsImportSlice implements ImportSlices`. */
export interface ImportSlices {
  importKinds(): ImportKind<any>[];
}

/** Marks a provider whose kinds the upload endpoint serves (as `@GraphQLSlice()` does for resolvers). */
export const ImportSlice = (): ClassDecorator => SetMetadata(IMPORT_SLICE, true);

/**
 * Runs imports in the background: the ones just uploaded, and every few seconds (the sweep)
 * those left behind by a crash, a restart or a failed database, in any replica. At most
 * `maxRunning` at a time per process; the others wait for the next sweep.
 */
@Injectable()
export class ImportRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly kinds = new Map<string, ImportKind<any>>();
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly stop = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly finished: Counter<'kind' | 'status'>;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(IMPORTER) private readonly importer: Importer,
    @Inject(IMPORT_SETTINGS) private readonly settings: ImportSettings,
    @Inject(LOGGER) private readonly logger: StructuredLogger,
    @Inject(METRICS) metrics: ServiceMetrics,
  ) {
    this.finished = new Counter({
      name: 'imports_finished_total',
      help: 'Imports that ended, by kind and status (DONE, FAILED)',
      labelNames: ['kind', 'status'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap() {
    for (const w of this.discovery.getProviders()) {
      if (!w.metatype || !w.instance || !Reflect.getMetadata(IMPORT_SLICE, w.metatype)) continue;
      for (const kind of (w.instance as ImportSlices).importKinds()) {
        if (this.kinds.has(kind.name)) throw new Error(`two slices define the import kind ${kind.name}`);
        this.kinds.set(kind.name, kind);
      }
    }
    if (!this.kinds.size) return;
    this.timer = setInterval(() => void this.sweep(), this.settings.sweepMs);
    this.timer.unref();
    void this.sweep();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    // Runs stop after the groups they are writing; their imports are free at once for the next start.
    this.stop.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  kind(name: string): ImportKind<any> | undefined {
    return this.kinds.get(name);
  }

  /** Runs an import now and waits for it (null: another run holds it). */
  runNow(kind: ImportKind<any>, id: string): Promise<ImportRecord | null> {
    const existing = this.running.get(id);
    if (existing) return existing.then(() => this.importer.store.get(id));
    return this.track(kind, id);
  }

  /** Starts a run in the background when a slot is free; otherwise the next sweep takes it. */
  start(kind: ImportKind<any>, id: string) {
    if (this.running.has(id) || this.running.size >= this.settings.maxRunning) return;
    void this.track(kind, id).catch(() => undefined);
  }

  private track(kind: ImportKind<any>, id: string): Promise<ImportRecord | null> {
    const started = Date.now();
    const run = this.importer.run(kind, id, { signal: this.stop.signal }).then(
      (r) => {
        if (r && (r.status === 'DONE' || r.status === 'FAILED')) {
          this.finished.inc({ kind: kind.name, status: r.status });
          this.logger.info(
            { import: r.importId, kind: r.kind, tenant: r.tenantId, status: r.status, failure: r.failure?.code, ...r.counts, durationMs: Date.now() - started },
            'import finished',
          );
        }
        return r;
      },
      (err: unknown) => {
        this.logger.error({ err, import: id }, 'import run failed; it is resumed later');
        throw err;
      },
    );
    const settled = run.finally(() => this.running.delete(id));
    this.running.set(
      id,
      settled.catch(() => undefined),
    );
    return settled;
  }

  /** Resumes what was left behind, within the free slots. */
  async sweep() {
    if (this.stop.signal.aborted) return;
    try {
      for (const r of await this.importer.sweep()) {
        const kind = this.kinds.get(r.kind);
        if (kind) this.start(kind, r._id);
      }
    } catch (err) {
      this.logger.warn({ err }, 'import sweep failed');
    }
  }
}
