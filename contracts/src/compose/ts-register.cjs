/*
 * Lets Node run the CommonJS TypeScript sources directly (no build), for the compose CLI:
 *   node --require ./contracts/src/compose/ts-register.cjs contracts/src/compose/cli.ts --check
 * Node's own type stripping cannot do it: it keeps `import` syntax (so the file becomes ESM)
 * and does not resolve extensionless relative imports. swc (already used by jest) compiles
 * each .ts file to CommonJS instead.
 */
const { registerHooks } = require('node:module');
const { readFileSync } = require('node:fs');
const { fileURLToPath } = require('node:url');
const { transformSync } = require('@swc/core');

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (err) {
      // `./compose` → `./compose.ts` (relative, extensionless imports only)
      if (/^\.{1,2}\//.test(specifier) && !/\.[cm]?[jt]s$/.test(specifier)) return next(`${specifier}.ts`, context);
      throw err;
    }
  },
  load(url, context, next) {
    if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return next(url, context);
    const filename = fileURLToPath(url);
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    });
    return { format: 'commonjs', source: code, shortCircuit: true };
  },
});
