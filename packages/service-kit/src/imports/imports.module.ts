import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  Controller,
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Param,
  Post,
  Query,
  Req,
  Res,
  SetMetadata,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Db } from 'mongodb';
import { Counter } from 'prom-client';
import { AuthenticationError, INTERNAL_CONTEXT_HEADER, InternalContextVerifier, RequestContext } from '@mms/auth';
import { PlatformError } from '@mms/eventsourcing/core';
import type { Clock } from '../clock/clock';
import { ID } from '../input/checks';
import type { StructuredLogger } from '../logging/logger';
import { ServiceMetrics } from '../metrics/metrics';
import { CLOCK, CONTEXT_VERIFIER, LOGGER, METRICS, MONGO_DB } from '../platform/tokens';
import { ImportFileInfo, XLSX_CONTENT_TYPE } from './file-format';
import type { ImportKind } from './import-kind';
import { ImportSettings, importSettingsFromEnv } from './import-options';
import type { ImportRecord, OnInvalid } from './import-store';
import { importProgress } from './import-view';
import { Importer, importRecordId } from './importer';
import { MongoImportStore } from './mongo-import-store';
import { multipartBoundary, multipartFile } from './multipart';

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

const HTTP_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UPLOAD_INTERRUPTED: 400,
  BAD_FILE: 422,
  IMPORT_ID_REUSED: 409,
  IMPORT_IN_PROGRESS: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

const ON_INVALID: Record<string, OnInvalid> = { skip: 'SKIP_LINE', skip_line: 'SKIP_LINE', reject: 'REJECT_FILE', reject_file: 'REJECT_FILE' };

class UploadRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const send = (res: ServerResponse, status: number, body: unknown, close = false) => {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(body));
};

/** Bodies taken as the file itself (the content decides between CSV and XLSX; Windows calls a .csv application/vnd.ms-excel). */
const FILE_TYPES =
  /^(text\/csv|text\/plain|application\/octet-stream|application\/vnd\.ms-excel|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\b/i;

/**
 * POST /imports/<kind>: a file streamed in (CSV or an XLSX workbook as the body, or the first
 * file part of multipart/form-data), from the gateway only (the same signed context as /graphql).
 * `?importId=` (else one is made up), `?onInvalid=skip|reject`, `?wait=true` (answer when
 * applied). Answers 202 with the progress once the file is received and every line checked
 * (the rest runs in the background: `diagnosticsImport(importId)` and the like), 200 for a
 * re-run or with wait, 422 for a file refused whole; errors as GraphQL-shaped JSON.
 */
@Controller()
export class ImportsController {
  constructor(
    @Inject(CONTEXT_VERIFIER) private readonly verifier: InternalContextVerifier,
    @Inject(IMPORTER) private readonly importer: Importer,
    @Inject(LOGGER) private readonly logger: StructuredLogger,
    private readonly runner: ImportRunner,
  ) {}

  @Post('imports/:kind')
  async upload(@Param('kind') name: string, @Query() query: Record<string, unknown>, @Req() req: IncomingMessage, @Res() res: ServerResponse) {
    const started = Date.now();
    let request: RequestContext | null = null;
    try {
      try {
        request = await this.verifier.verify(req.headers[INTERNAL_CONTEXT_HEADER] as string | undefined);
      } catch (err) {
        throw new UploadRefused('UNAUTHENTICATED', (err as Error).message);
      }
      const kind = this.runner.kind(name);
      if (!kind) throw new UploadRefused('NOT_FOUND', `no import of kind "${name}"`);
      const params = Object.fromEntries(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && !['importId', 'onInvalid', 'wait'].includes(e[0])),
      );
      const caller = await kind.authorize(request, params);

      const importId = typeof query['importId'] === 'string' && query['importId'] ? query['importId'] : randomUUID();
      if (!ID.test(importId)) throw new UploadRefused('BAD_USER_INPUT', 'importId is not a valid id (letters, digits, "_", "~", "-"; at most 128)');
      const rawOnInvalid = typeof query['onInvalid'] === 'string' ? query['onInvalid'].toLowerCase() : 'skip';
      const onInvalid = ON_INVALID[rawOnInvalid];
      if (!onInvalid)
        throw new UploadRefused('BAD_USER_INPUT', 'onInvalid must be skip (bad lines are left out) or reject (nothing is applied if any line is bad)');
      const wait = query['wait'] === 'true' || query['wait'] === '1';
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > this.importer.options.maxBytes) {
        throw new UploadRefused('TOO_LARGE', `the file is larger than ${this.importer.options.maxBytes} bytes; split it`);
      }
      const type = req.headers['content-type'];
      const boundary = multipartBoundary(type);
      if (!boundary && type && !FILE_TYPES.test(type)) {
        throw new UploadRefused('UNSUPPORTED_MEDIA_TYPE', `send the file as text/csv or ${XLSX_CONTENT_TYPE}, or as multipart/form-data with a file part`);
      }
      // Filled in from the file part's headers as the body is read; the content decides anyway.
      const file: ImportFileInfo = boundary ? {} : { contentType: type ?? null };
      const source: AsyncIterable<Uint8Array> = boundary ? multipartFile(req, boundary, file) : req;

      const { record, rerun } = await this.importer.receive(kind, caller, importId, source, { onInvalid, file });
      this.logger.info(
        {
          requestId: request.requestId,
          import: importId,
          kind: name,
          tenant: caller.tenantId,
          rerun,
          format: record.format,
          lines: record.receivedLines,
          bytes: record.receivedBytes,
          status: record.status,
          durationMs: Date.now() - started,
        },
        'import received',
      );
      if (rerun) return send(res, 200, { import: importProgress(record), rerun: true });
      const id = importRecordId(kind.name, caller.tenantId, importId);
      if (record.failure || wait) {
        const done = (await this.runner.runNow(kind, id)) ?? (await this.importer.store.get(id))!;
        return send(res, done.status === 'FAILED' ? 422 : 200, { import: importProgress(done), rerun: false });
      }
      this.runner.start(kind, id);
      return send(res, 202, { import: importProgress(record), rerun: false });
    } catch (err) {
      const code =
        err instanceof UploadRefused || err instanceof PlatformError
          ? err.code
          : err instanceof AuthenticationError
            ? 'UNAUTHENTICATED'
            : 'INTERNAL_SERVER_ERROR';
      const status = HTTP_STATUS[code] ?? (err instanceof PlatformError ? 422 : 500);
      if (status === 500) this.logger.error({ err, requestId: request?.requestId, kind: name }, 'import upload failed');
      const message = status === 500 ? 'Internal error' : (err as Error).message;
      const details = err instanceof PlatformError ? err.details : {};
      // The rest of a refused body is not read: the connection closes after the answer.
      send(res, status, { errors: [{ message, extensions: { ...details, code } }] }, !req.readableEnded);
    }
  }
}

/**
 * The upload endpoint, the background runner and the engine over the service's database
 * (IMPORTER, for the slices' handlers). A service imports it once; its slices mark their
 * kinds with `@ImportSlice()`.
 */
@Module({})
export class ImportsModule {
  static forService(settings: ImportSettings = importSettingsFromEnv()): DynamicModule {
    return {
      module: ImportsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: IMPORT_SETTINGS, useValue: settings },
        {
          provide: IMPORTER,
          inject: [MONGO_DB, CLOCK],
          useFactory: (db: Db, clock: Clock) => new Importer(new MongoImportStore(db), clock, settings.options),
        },
        ImportRunner,
      ],
      controllers: [ImportsController],
      exports: [IMPORTER, ImportRunner],
    };
  }
}
