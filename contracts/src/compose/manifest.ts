import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubgraphSource } from './compose';

/** Subgraph names become env names at the gateway (SUBGRAPH_<NAME>_URL): keep them plain. */
const NAME = /^[a-z][a-z0-9-]*$/;

export const manifestPath = (contractsDir: string) => join(contractsDir, 'subgraphs', 'subgraphs.json');
export const supergraphPath = (contractsDir: string) => join(contractsDir, 'supergraph.graphql');

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Reads `subgraphs/subgraphs.json` and each listed `subgraphs/<name>.graphql`. */
export const loadSubgraphs = (contractsDir: string): SubgraphSource[] => {
  const file = manifestPath(contractsDir);
  if (!existsSync(file)) throw new ManifestError(`subgraph manifest not found: ${file}`);
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ManifestError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new ManifestError(`${file} must hold an array of { "name", "url" }`);
  const seen = new Set<string>();
  return entries.map((entry: unknown, i) => {
    const { name, url } = (entry ?? {}) as { name?: unknown; url?: unknown };
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new ManifestError(`${file} entry ${i}: "name" must match ${NAME} (got ${JSON.stringify(name)})`);
    }
    if (seen.has(name)) throw new ManifestError(`${file}: subgraph "${name}" is listed twice`);
    seen.add(name);
    if (typeof url !== 'string' || !URL.canParse(url)) {
      throw new ManifestError(`${file} entry "${name}": "url" must be an absolute URL (got ${JSON.stringify(url)})`);
    }
    const sdlFile = join(contractsDir, 'subgraphs', `${name}.graphql`);
    if (!existsSync(sdlFile)) throw new ManifestError(`subgraph "${name}" has no SDL file: ${sdlFile}`);
    return { name, url, sdl: readFileSync(sdlFile, 'utf8') };
  });
};
