import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * What the portal's pages may do: their own scripts and styles, calls to this origin only (the
 * gateway's /graphql and /imports), no framing. Mantine sets inline styles, hence 'unsafe-inline'
 * for styles (not for scripts).
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * Serves the portal's built assets (portal/dist) from the gateway's host, so pages and API share
 * one origin (no CORS, cookies or tokens across sites). Hashed assets are cached for a year; any
 * other path that is not a file gets index.html, because the portal routes in the browser.
 */
export const createStaticFiles = (root: string) => {
  const index = join(root, 'index.html');
  const available = () => existsSync(index);
  return {
    available,
    /** True when it answered (a GET/HEAD for a page or asset). */
    serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !available()) return false;
      let file: string;
      try {
        file = normalize(join(root, decodeURIComponent(pathname)));
      } catch {
        return false;
      }
      if (!file.startsWith(root + sep) && file !== root) return false; // no way out of the folder
      const isFile = existsSync(file) && statSync(file).isFile();
      // A missing asset is a 404, not the app: a stale page asking for an old bundle must see it fail.
      if (!isFile && pathname.startsWith('/assets/')) return false;
      const target = isFile ? file : index;
      const immutable = isFile && pathname.startsWith('/assets/');
      res.writeHead(200, {
        'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      });
      if (req.method === 'HEAD') {
        res.end();
        return true;
      }
      createReadStream(target).pipe(res);
      return true;
    },
  };
};
