/* Generates the development keys once (never committed): `node packages/auth/dist/cli/keys.js [dir]` */
import { resolve } from 'node:path';
import { ensureDevKeys } from '../keys';

const dir = process.argv[2] ?? process.env['MMS_KEYS_DIR'] ?? resolve(process.cwd(), '.local/keys');
const files = ensureDevKeys(dir);
process.stdout.write(`${JSON.stringify(files)}\n`);
