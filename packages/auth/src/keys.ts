import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

export interface KeyFiles {
  userPrivate: string;
  userPublic: string;
  internalPrivate: string;
  internalPublic: string;
}

export const keyFiles = (dir: string): KeyFiles => ({
  userPrivate: join(dir, 'user-token.private.pem'),
  userPublic: join(dir, 'user-token.public.pem'),
  internalPrivate: join(dir, 'internal-context.private.pem'),
  internalPublic: join(dir, 'internal-context.public.pem'),
});

/**
 * Generates the development keys once (never committed): an RS256 pair standing in for
 * the identity provider, and an Ed25519 pair with which the gateway signs internal contexts.
 */
export const ensureDevKeys = (dir: string): KeyFiles => {
  const files = keyFiles(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(files.userPrivate)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(files.userPrivate, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(files.userPublic, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  if (!existsSync(files.internalPrivate)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(files.internalPrivate, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(files.internalPublic, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return files;
};

export const readPem = (file: string): string => readFileSync(file, 'utf8');
