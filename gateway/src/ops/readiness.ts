export interface ReadinessReport {
  ready: boolean;
  supergraphLoaded: boolean;
  subgraphs: Record<string, 'ok' | string>;
}

/** `http://host:4101/graphql` → `http://host:4101/health/ready` */
export const healthUrlOf = (graphqlUrl: string) => {
  const url = new URL(graphqlUrl);
  url.pathname = '/health/ready';
  url.search = '';
  url.hash = '';
  return url.toString();
};

const probe = async (url: string, timeoutMs: number): Promise<'ok' | string> => {
  try {
    const res = await fetch(healthUrlOf(url), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    return res.status === 200 ? 'ok' : `down: HTTP ${res.status}`;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return `down: ${cause ?? (err as Error).name}`;
  }
};

/**
 * Ready = the supergraph is loaded and every subgraph's /health/ready answers 200. The result
 * is cached briefly (and shared by concurrent probes) so that probes do not fan out per call.
 */
export const createReadiness = (opts: { isLoaded: () => boolean; subgraphs: () => ReadonlyMap<string, string>; cacheMs: number; timeoutMs: number }) => {
  let cached: { at: number; report: Promise<ReadinessReport> } | null = null;

  const run = async (): Promise<ReadinessReport> => {
    const entries = await Promise.all([...opts.subgraphs()].map(async ([name, url]) => [name, await probe(url, opts.timeoutMs)] as const));
    const subgraphs = Object.fromEntries(entries);
    return {
      ready: entries.every(([, s]) => s === 'ok'),
      supergraphLoaded: true,
      subgraphs,
    };
  };

  return {
    check(): Promise<ReadinessReport> {
      // Not loaded yet, or shutting down: answer at once, whatever is cached.
      if (!opts.isLoaded())
        return Promise.resolve({
          ready: false,
          supergraphLoaded: false,
          subgraphs: {},
        });
      const now = Date.now();
      if (!cached || now - cached.at >= opts.cacheMs) cached = { at: now, report: run() };
      return cached.report;
    },
  };
};
