/*
 * With contracts/src/compose/ts-register.cjs: also resolves an extensionless relative import of a
 * folder to its index.ts (`./core` → `./core/index.ts`), which the benchmarks' source imports of the
 * packages need (`@mms/eventsourcing`'s `./core`). Registered after it, so it is asked first.
 */
const { registerHooks } = require('node:module');

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (err) {
      if (/^\.{1,2}\//.test(specifier) && !/\.[cm]?[jt]s$/.test(specifier)) return next(`${specifier}/index.ts`, context);
      throw err;
    }
  },
});
