// Lint for the whole workspace (flat config, typescript-eslint without type information:
// fast enough to run in every `bin/platform test`). The import rules hold the model slice
// (services/README.md): deciders and row tables are pure; handlers know no infrastructure.
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');

/** What a decider or a row table may not import: anything but the pure core entries and relative files. */
const PURE_ONLY = {
  patterns: [
    {
      regex: '^(?!(@mms/eventsourcing/core|@mms/contracts/dates|@mms/contracts/events)$)(@|[a-z]|node:)',
      message:
        'Deciders and row tables are pure: import only @mms/eventsourcing/core, @mms/contracts/dates|events and pure files of the context (services/README.md).',
    },
  ],
};

/** What a handler, query, view, history or policy file may not import: infrastructure and frameworks. */
const NO_INFRASTRUCTURE = {
  paths: [
    { name: '@mms/eventsourcing', message: 'Use @mms/eventsourcing/core: the main entry is the database side.' },
    { name: '@mms/service-kit', message: 'Use @mms/service-kit/core: the main entry loads NestJS.' },
    { name: '@mms/contracts/compose', message: 'Composition tooling is for the build, not for use cases.' },
  ],
  patterns: [
    {
      group: ['mongodb', 'kafkajs', '@nestjs/*', '@apollo/*', '@mms/messaging', '@mms/messaging/*', '@mms/testing', '@mms/testing/*'],
      message: 'Handlers, queries and policies know no infrastructure (services/README.md).',
    },
  ],
};

module.exports = tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'portal/src/gql/**', '.local/**', 'coverage/**', 'benchmarks/results/**', '**/*.js', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // Resolver argument maps and Mongo documents are `any`-typed at the GraphQL / driver edge.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-namespace': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // The portal: the rules of hooks (a hook called conditionally breaks a page at run time).
    files: ['portal/src/**/*.tsx', 'portal/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['services/*/src/**/*.decider.ts', 'services/*/src/**/*.rows.ts'],
    rules: { 'no-restricted-imports': ['error', PURE_ONLY] },
  },
  {
    files: [
      'services/*/src/**/*.handlers.ts',
      'services/*/src/**/*.queries.ts',
      'services/*/src/**/*.views.ts',
      'services/*/src/**/*.history.ts',
      'services/*/src/access/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', NO_INFRASTRUCTURE] },
  },
);
