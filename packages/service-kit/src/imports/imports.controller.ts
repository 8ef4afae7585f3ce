import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Controller, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AuthenticationError, INTERNAL_CONTEXT_HEADER, InternalContextVerifier, RequestContext } from '@mms/auth';
import { PlatformError } from '@mms/eventsourcing/core';
import { ID } from '../input/checks';
import type { StructuredLogger } from '../logging/logger';
import { CONTEXT_VERIFIER, LOGGER } from '../platform/tokens';
import { ImportFileInfo, XLSX_CONTENT_TYPE } from './file-format';
import type { OnInvalid } from './import-store';
import { importProgress } from './import-view';
import { Importer, importRecordId } from './importer';
import { multipartBoundary, multipartFile } from './multipart';
import { IMPORTER, ImportRunner } from './import-runner';

/* The upload endpoint: a file streamed in, staged, then run by the ImportRunner. */

/** The HTTP status of a refusal's code. */
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
