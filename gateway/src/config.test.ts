import { join } from 'node:path';
import { loadConfig, REPO_ROOT, subgraphEnvName, subgraphUrlFor } from './config';

describe('loadConfig', () => {
  it('has local-run defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      supergraphFile: join(REPO_ROOT, 'contracts', 'supergraph.graphql'),
      issuer: 'mms-dev-idp',
      audience: 'mms-api',
      development: false,
      limits: {
        maxDepth: 10,
        maxAliases: 30,
        maxFields: 500,
        maxQueryBytes: 20 * 1024,
      },
      readiness: { cacheMs: 2000 },
    });
    expect(c.userPublicKeyFile).toBe(join(REPO_ROOT, '.local', 'keys', 'user-token.public.pem'));
  });

  it('reads the environment', () => {
    const c = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      NODE_ENV: 'development',
      GATEWAY_MAX_DEPTH: '7',
      SUBGRAPH_PROFESSIONAL_DEVELOPMENT_URL: 'http://pd:4102/graphql',
      AUTH_ISSUER: 'https://idp.example',
    });
    expect(c).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      development: true,
      issuer: 'https://idp.example',
    });
    expect(c.limits.maxDepth).toBe(7);
    expect(subgraphUrlFor(c, 'professional-development', 'http://default')).toBe('http://pd:4102/graphql');
    expect(subgraphUrlFor(c, 'directory', 'http://default')).toBe('http://default');
  });

  it('has limits per caller, the public strictest, and reads them from GATEWAY_<LIMIT>_<CALLER>', () => {
    const d = loadConfig({}).limits.callers;
    expect(d.anonymous).toEqual({ maxCost: 1000, ratePerSecond: 20, burst: 60, deadlineMs: 5000 });
    expect(d.regional_operator).toEqual({ maxCost: 10000, ratePerSecond: 200, burst: 400, deadlineMs: 15000 });
    for (const limit of ['maxCost', 'ratePerSecond', 'deadlineMs'] as const) {
      expect(Math.min(...Object.values(d).map((c) => c[limit]))).toBe(d.anonymous[limit]);
    }
    const c = loadConfig({
      GATEWAY_MAX_COST_ANONYMOUS: '300',
      GATEWAY_RATE_SCHOOL_COORDINATOR: '7',
      GATEWAY_BURST_SCHOOL_COORDINATOR: '9',
      GATEWAY_DEADLINE_MS_MUNICIPAL_METHODOLOGIST: '2500',
      GATEWAY_TRUST_PROXY: '1',
    }).limits;
    expect(c.callers.anonymous.maxCost).toBe(300);
    expect(c.callers.school_coordinator).toMatchObject({ ratePerSecond: 7, burst: 9 });
    expect(c.callers.municipal_methodologist.deadlineMs).toBe(2500);
    expect(c.callers.teacher).toEqual(d.teacher);
    expect(c.trustProxy).toBe(true);
  });

  it('refuses a malformed number', () => {
    expect(() => loadConfig({ GATEWAY_MAX_DEPTH: 'ten' })).toThrow('GATEWAY_MAX_DEPTH must be a non-negative integer');
  });

  it('maps subgraph names to env names', () => {
    expect(subgraphEnvName('professional-development')).toBe('PROFESSIONAL_DEVELOPMENT');
  });
});
