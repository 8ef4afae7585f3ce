/*
 * Supergraph composition for humans and CI.
 *   --write [--allow-breaking "<reason>"]   compose and write contracts/supergraph.graphql
 *   --check [--base <git-ref>]             CI: fail on a non-composable, stale or breaking supergraph
 * Built: `node contracts/dist/compose/cli.js --check`.
 * From sources: `node --require ./contracts/src/compose/ts-register.cjs contracts/src/compose/cli.ts --check`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BreakingChange, composeSupergraph, CompositionError, findBreaking } from './compose';
import { readCommitted } from './git-baseline';
import { loadSubgraphs, ManifestError, supergraphPath } from './manifest';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const HEADER =
  '# Generated from contracts/subgraphs/ by the contracts compose CLI (--write). Do not edit by hand:\n' +
  '# the CI check (--check) fails when this file differs from a fresh composition.\n';

const USAGE = `usage: cli --write [--allow-breaking "<reason>"] | --check [--base <git-ref>] [--contracts-dir <dir>]`;

const listChanges = (changes: BreakingChange[]) => changes.map((c) => `  - ${c.type}: ${c.description}`);

/** Up to `max` lines around the first difference, so that CI logs say what is stale. */
const firstDifference = (committed: string, fresh: string, max = 6): string[] => {
  const a = committed.split('\n');
  const b = fresh.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [`  first difference at line ${i + 1}:`, ...a.slice(i, i + max).map((l) => `  - ${l}`), ...b.slice(i, i + max).map((l) => `  + ${l}`)];
};

/** Composes from the manifest; prints the errors and returns null when composition fails. */
const composeFresh = (contractsDir: string, io: CliIo): string | null => {
  try {
    const subgraphs = loadSubgraphs(contractsDir);
    const sdl = composeSupergraph(subgraphs, {
      onHint: (h) => io.out(`hint [${h.code}] ${h.message}`),
    });
    io.out(`composed ${subgraphs.length} subgraph(s): ${subgraphs.map((s) => s.name).join(', ')}`);
    return HEADER + sdl.trimEnd() + '\n';
  } catch (err) {
    if (err instanceof CompositionError || err instanceof ManifestError) {
      io.err(err.message);
      return null;
    }
    throw err;
  }
};

/** Breaking changes from `previous`; an unreadable previous supergraph is itself reported. */
const breakingSince = (previous: string, next: string, label: string, io: CliIo): BreakingChange[] | null => {
  try {
    return findBreaking(previous, next);
  } catch (err) {
    io.err(`cannot compare with ${label}: it is not a valid supergraph (${(err as Error).message})`);
    return null;
  }
};

const write = (contractsDir: string, allowBreaking: string | undefined, io: CliIo): number => {
  const fresh = composeFresh(contractsDir, io);
  if (fresh === null) return 1;
  const file = supergraphPath(contractsDir);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (existing === fresh) {
    io.out(`${file} is up to date`);
    return 0;
  }
  if (existing !== null) {
    const changes = breakingSince(existing, fresh, `the existing ${file}`, io);
    if (changes === null && allowBreaking === undefined) return 1;
    if (changes && changes.length > 0) {
      io[allowBreaking ? 'out' : 'err'](`breaking changes against the existing supergraph:`);
      listChanges(changes).forEach(io[allowBreaking ? 'out' : 'err']);
      if (allowBreaking === undefined) {
        io.err('not written: clients may break. If this is intended, rerun with --allow-breaking "<reason>".');
        return 1;
      }
      io.out(`allowed as breaking: ${allowBreaking}`);
    }
  }
  writeFileSync(file, fresh);
  io.out(`wrote ${file}`);
  return 0;
};

const check = (contractsDir: string, base: string | undefined, allowBreaking: string | undefined, io: CliIo): number => {
  const fresh = composeFresh(contractsDir, io);
  if (fresh === null) return 1;
  const file = supergraphPath(contractsDir);
  if (!existsSync(file)) {
    io.err(`${file} is missing: run the compose CLI with --write and commit the result.`);
    return 1;
  }
  const committed = readFileSync(file, 'utf8');
  if (committed !== fresh) {
    io.err(`${file} is stale: it differs from a fresh composition of contracts/subgraphs/.`);
    firstDifference(committed, fresh).forEach(io.err);
    io.err('Run the compose CLI with --write and commit the result.');
    return 1;
  }
  io.out(`${file} matches a fresh composition`);

  let baseline;
  try {
    baseline = readCommitted(file, base ?? 'HEAD', base !== undefined);
  } catch (err) {
    io.err((err as Error).message);
    return 1;
  }
  if (!baseline.found) {
    io.out(`breaking-change check skipped: ${baseline.reason}`);
    return 0;
  }
  const changes = breakingSince(baseline.sdl, fresh, `the version in ${base ?? 'HEAD'}`, io);
  if (changes === null) return 1;
  if (changes.length === 0) {
    io.out(`no breaking changes against ${base ?? 'HEAD'}`);
    return 0;
  }
  const print = allowBreaking ? io.out : io.err;
  print(`breaking changes against ${base ?? 'HEAD'}:`);
  listChanges(changes).forEach(print);
  if (allowBreaking) {
    io.out(`allowed as breaking: ${allowBreaking}`);
    return 0;
  }
  io.err('Breaking changes fail the build: keep the old field/argument (deprecate it) or pass --allow-breaking "<reason>".');
  return 1;
};

/** Runs the CLI and returns the exit code (testable without a process). */
export const runCli = (argv: string[], io: CliIo, defaultContractsDir = resolve(__dirname, '..', '..')): number => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        write: { type: 'boolean' },
        check: { type: 'boolean' },
        'allow-breaking': { type: 'string' },
        base: { type: 'string' },
        'contracts-dir': { type: 'string' },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const allowBreaking = values['allow-breaking'];
  if (values.write === values.check) {
    io.err(`choose exactly one of --write or --check\n${USAGE}`);
    return 2;
  }
  if (allowBreaking !== undefined && allowBreaking.trim() === '') {
    io.err('--allow-breaking needs a reason');
    return 2;
  }
  const contractsDir = resolve(values['contracts-dir'] ?? defaultContractsDir);
  return values.write ? write(contractsDir, allowBreaking, io) : check(contractsDir, values.base, allowBreaking, io);
};

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
  });
}
