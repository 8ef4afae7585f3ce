import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Clock } from '../clock/clock';
import { workbook } from './__tests__/xlsx-files';
import { XLSX_CONTENT_TYPE } from './file-format';
import type { ImportKind } from './import-kind';
import { MemoryImportStore } from './import-store';
import { Importer, importRecordId } from './importer';
import { ImportRunner } from './import-runner';
import { ImportsController } from './imports.controller';

const clock: Clock = { timeZone: 'UTC', now: () => new Date('2026-09-15T09:00:00Z'), today: () => '2026-09-15' };
const caller = { tenantId: 't1', actor: { subject: 'u1', role: 'municipal_methodologist' }, correlationId: 'c1', causationId: null };

const kind: ImportKind<{ value: number }> = {
  name: 'toy',
  columns: ['who', 'value'],
  authorize: () => caller,
  row: (v) => ({ group: v['who']!, data: { value: Number(v['value']) } }),
  applyGroup: async () => null,
};

const request = (body: Buffer, headers: Record<string, string>): IncomingMessage =>
  Object.assign(Readable.from([body.subarray(0, 100), body.subarray(100)]), { headers }) as unknown as IncomingMessage;

const response = () => {
  const answer = { status: 0, body: null as any };
  const res = {
    headersSent: false,
    writeHead(status: number) {
      answer.status = status;
      this.headersSent = true;
    },
    end(text: string) {
      answer.body = JSON.parse(text);
    },
  };
  return { res: res as unknown as ServerResponse, answer };
};

const multipart = (boundary: string, name: string, type: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

describe('POST /imports/<kind> with XLSX workbooks', () => {
  let temp: string;
  let importer: Importer;
  let controller: ImportsController;
  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'upload-spec-'));
    importer = new Importer(new MemoryImportStore(), clock, { tempDir: temp });
    const verifier = { verify: async () => ({ requestId: 'r1', correlationId: 'c1', user: null }) };
    const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const runner = { kind: (name: string) => (name === 'toy' ? kind : undefined), start: () => undefined, runNow: async () => null };
    controller = new ImportsController(verifier as any, importer, logger as any, runner as unknown as ImportRunner);
  });
  afterEach(() => {
    expect(readdirSync(temp)).toEqual([]);
    rmSync(temp, { recursive: true, force: true });
  });

  const upload = async (importId: string, body: Buffer, contentType: string) => {
    const { res, answer } = response();
    await controller.upload('toy', { importId }, request(body, { 'content-type': contentType }), res);
    return answer;
  };

  const FILE = workbook([['who', 'value'], ['ann', 1], [], ['bob', 2]]);

  it('takes a workbook as the body (its own type, or a CSV type) and as a multipart file part', async () => {
    const B = 'xyz123';
    for (const [importId, body, type] of [
      ['raw', FILE, XLSX_CONTENT_TYPE],
      ['as-csv', FILE, 'text/csv'],
      ['part', multipart(B, 'scores.xlsx', XLSX_CONTENT_TYPE, FILE), `multipart/form-data; boundary=${B}`],
    ] as const) {
      const answer = await upload(importId, body, type);
      expect([importId, answer]).toEqual([
        importId,
        { status: 202, body: { rerun: false, import: expect.objectContaining({ status: 'VALIDATING', receivedLines: 2 }) } },
      ]);
      expect(await importer.store.get(importRecordId('toy', 't1', importId))).toMatchObject({ format: 'xlsx', receivedBytes: FILE.length });
    }
    expect(await upload('raw', FILE, XLSX_CONTENT_TYPE)).toMatchObject({ status: 200, body: { rerun: true } });
  });

  it('answers 422 BAD_FILE for a CSV named .xlsx and for a broken workbook; 415 for a type that is no file', async () => {
    const B = 'b0undary';
    const csvNamedXlsx = await upload(
      'n',
      multipart(B, 'scores.xlsx', 'application/octet-stream', Buffer.from('who;value\nann;1\n')),
      `multipart/form-data; boundary=${B}`,
    );
    expect(csvNamedXlsx).toMatchObject({
      status: 422,
      body: { errors: [{ extensions: { code: 'BAD_FILE' }, message: expect.stringMatching(/said to be XLSX/) }] },
    });
    const broken = await upload('b', FILE.subarray(0, FILE.length - 10), XLSX_CONTENT_TYPE);
    expect(broken).toMatchObject({ status: 422, body: { errors: [{ extensions: { code: 'BAD_FILE' } }] } });
    expect(await upload('j', FILE, 'application/json')).toMatchObject({ status: 415, body: { errors: [{ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] } });
  });
});
