import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The model slice's boundaries (services/README.md), checked on the compiled output that
 * `bin/platform build` produces: requiring any decider or row table loads no database,
 * broker or framework module; and lint refuses a decider that imports one.
 */
const ROOT = resolve(__dirname, '../..');
const FORBIDDEN = ['mongodb', 'kafkajs', '@nestjs', '@apollo', 'graphql', 'pino', 'prom-client', 'jose', 'express'];

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

const pureSources = (service: string) => walk(join(ROOT, 'services', service, 'src')).filter((f) => /\.(decider|rows)\.ts$/.test(f) && !f.endsWith('.test.ts'));

/** Loads a compiled file in a fresh Node and reports what it pulled in. */
const load = (file: string): { modules: string[]; ms: number } => {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});const ms=Number(process.hrtime.bigint()-t)/1e6;process.stdout.write(JSON.stringify({modules:Object.keys(require.cache),ms}))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
};

const SERVICES = readdirSync(join(ROOT, 'services')).filter((s) => existsSync(join(ROOT, 'services', s, 'src', 'main.ts')));

describe('pure deciders and row tables', () => {
  it.each(SERVICES)('%s: every decider and row table loads no database, broker or framework module', (service) => {
    const sources = pureSources(service);
    expect(sources.length).toBeGreaterThan(0);
    const report: string[] = [];
    for (const src of sources) {
      const compiled = src.replace(`${join('services', service, 'src')}`, join('services', service, 'dist')).replace(/\.ts$/, '.js');
      if (!existsSync(compiled)) throw new Error(`${relative(ROOT, compiled)} is missing: run bin/platform build first`);
      const { modules, ms } = load(compiled);
      const offending = modules.filter((m) => FORBIDDEN.some((p) => m.includes(`/node_modules/${p}/`)));
      expect([relative(ROOT, src), offending]).toEqual([relative(ROOT, src), []]);
      report.push(`${relative(ROOT, src)}: ${modules.length} modules, ${ms.toFixed(0)} ms`);
    }
    process.stdout.write(`${report.join('\n')}\n`);
  });
});

describe('lint holds the boundaries', () => {
  // ESLint loads its flat config with a dynamic import, which jest's VM cannot do: run the
  // real CLI in a child process on stdin, exactly as `bin/platform test` runs it on the tree.
  const ESLINT = join(ROOT, 'node_modules/eslint/bin/eslint.js');
  type Message = { ruleId: string | null; message: string };
  const lint = async (filePath: string, code: string): Promise<Message[]> => {
    let out: string;
    try {
      out = execFileSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', join(ROOT, filePath), '--format', 'json'], {
        cwd: ROOT,
        input: code,
        encoding: 'utf8',
      });
    } catch (e) {
      // Exit code 1 means "problems found"; the JSON report is still on stdout.
      out = (e as { stdout?: string }).stdout ?? '';
      if (!out) throw e;
    }
    return (JSON.parse(out) as { messages: Message[] }[])[0]!.messages;
  };

  it('refuses a decider that imports mongodb, and one that imports the infrastructure entry of the event store', async () => {
    const mongo = await lint('services/x/src/things/thing.decider.ts', "import { Db } from 'mongodb';\nexport const f = (d: Db) => d;\n");
    expect(mongo.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const main = await lint(
      'services/x/src/things/thing.rows.ts',
      "import { MongoEventStore } from '@mms/eventsourcing';\nexport const f = (s: MongoEventStore) => s;\n",
    );
    expect(main.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('lets a decider import the pure core and its own context', async () => {
    const ok = await lint(
      'services/x/src/things/thing.decider.ts',
      "import { refuse } from '@mms/eventsourcing/core';\nimport { addYears } from '@mms/contracts/dates';\nimport { X } from '../other/other.decider';\nexport const f = () => [refuse, addYears, X];\n",
    );
    expect(ok.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });

  it('refuses NestJS or the kit’s main entry in a handler', async () => {
    const nest = await lint('services/x/src/things/thing.handlers.ts', "import { Injectable } from '@nestjs/common';\nexport const f = Injectable;\n");
    expect(nest.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const kit = await lint('services/x/src/things/thing.handlers.ts', "import { PlatformModule } from '@mms/service-kit';\nexport const f = PlatformModule;\n");
    expect(kit.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });
});
