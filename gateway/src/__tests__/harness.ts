/* Starts keys, the echo subgraph and a real gateway over their composed supergraph. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ensureDevKeys, KeyFiles, mintUserToken, MintOptions, readPem } from '@mms/auth';
// Relative until @mms/contracts re-exports ./compose from its index.
import { composeSupergraph } from '@mms/contracts/compose';
import { CALLERS, CallerLimits, DEFAULT_CALLER_LIMITS, DEFAULT_LIMITS, GatewayConfig, Caller } from '../config';
import { RunningGateway, startGateway } from '../start-gateway';
import { ECHO_SDL, EchoSubgraph, startEchoSubgraph } from './echo-subgraph';

export interface Harness {
  dir: string;
  keys: KeyFiles;
  subgraph: EchoSubgraph;
  supergraphFile: string;
  /** JSON log lines written by the gateways started through `gateway()`. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  /** The configuration `gateway()` starts with, before overrides. */
  defaults(): GatewayConfig;
  gateway(overrides?: Partial<GatewayConfig>): Promise<RunningGateway>;
  token(o: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export const startHarness = async (): Promise<Harness> => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const keys = ensureDevKeys(join(dir, 'keys'));
  const subgraph = await startEchoSubgraph(readPem(keys.internalPublic));
  const supergraphFile = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphFile, composeSupergraph([{ name: 'echo', url: subgraph.url, sdl: ECHO_SDL }]));

  const logs: Record<string, unknown>[] = [];
  const rawLogs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        rawLogs.push(line);
        logs.push(JSON.parse(line));
      }
      done();
    },
  });
  const started: RunningGateway[] = [];
  const defaults = (): GatewayConfig => ({
    host: '127.0.0.1',
    port: 0,
    supergraphFile,
    userPublicKeyFile: keys.userPublic,
    issuer: 'mms-dev-idp',
    audience: 'mms-api',
    internalContextPrivateKeyFile: keys.internalPrivate,
    development: false,
    limits: {
      ...DEFAULT_LIMITS,
      maxDepth: 4,
      maxAliases: 3,
      maxFields: 20,
      maxQueryBytes: 2048,
      // The default costs and deadlines; no rate limit unless a test sets one (the suite sends bursts).
      callers: Object.fromEntries(CALLERS.map((c) => [c, { ...DEFAULT_CALLER_LIMITS[c], ratePerSecond: 0 }])) as Record<Caller, CallerLimits>,
    },
    subgraphUrls: {},
    readiness: { cacheMs: 0, timeoutMs: 1000 },
    shutdownGraceMs: 2000,
    logLevel: 'info',
  });

  return {
    dir,
    keys,
    subgraph,
    supergraphFile,
    logs,
    rawLogs,
    defaults,
    async gateway(overrides = {}) {
      const config: GatewayConfig = { ...defaults(), ...overrides };
      const gw = await startGateway(config, { logDestination });
      started.push(gw);
      return gw;
    },
    token: (o) => mintUserToken(readPem(keys.userPrivate), o),
    async close() {
      await Promise.all(started.map((g) => g.close()));
      await subgraph.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** POSTs one GraphQL request; returns status, headers and the parsed body. */
export const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(text) as GraphQLBody,
    text,
  };
};

export interface GraphQLBody {
  data?: Record<string, any> | null;
  extensions?: Record<string, any>;
  errors?: {
    message: string;
    path?: unknown[];
    extensions?: Record<string, any>;
  }[];
}
