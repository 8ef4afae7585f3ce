import type { IncomingMessage } from 'node:http';
import { LimitCode } from './limit-error';

/** A request refused before GraphQL sees it; rendered as a GraphQL-shaped error. */
export class RequestRejected extends Error {
  constructor(
    readonly status: number,
    readonly code: LimitCode | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
    this.name = 'RequestRejected';
  }
}

/** Reads the body, refusing it as soon as it grows past `maxBytes` (no unbounded buffering). */
export const readBody = (req: IncomingMessage, maxBytes: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const tooLarge = () => new RequestRejected(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the maximum of ${maxBytes} bytes.`);
    if (declared > maxBytes) {
      req.resume(); // drain so that the 413 can be delivered on this connection
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * Checks of the raw request, before Apollo parses anything: no batches (one array body could
 * carry any number of operations past the per-operation limits) and a bounded query text.
 */
export const checkGraphQLRequest = (body: unknown, queryFromUrl: string | null, maxQueryBytes: number): void => {
  if (Array.isArray(body)) {
    throw new RequestRejected(400, 'BATCHING_NOT_SUPPORTED', 'Batched requests are not supported: send one operation per request.');
  }
  const query = typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : queryFromUrl;
  if (typeof query === 'string' && Buffer.byteLength(query, 'utf8') > maxQueryBytes) {
    throw new RequestRejected(413, 'QUERY_TOO_LARGE', `Query text exceeds the maximum of ${maxQueryBytes} bytes.`);
  }
};
