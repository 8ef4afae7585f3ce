// One jest config for the workspace. Tests run from TypeScript sources via swc,
// so workspace packages resolve to their src/ and no build is needed first.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const moduleNameMapper = {
  '^@mms/(eventsourcing|messaging|auth|service-kit|testing|demo-data)$': '<rootDir>/packages/$1/src',
  // Entry points (`@mms/eventsourcing/core`, `@mms/messaging/kafka`, …) are folders with an index.
  '^@mms/(eventsourcing|messaging|auth|service-kit|testing|demo-data)/(core|kafka|nest|infra)$': '<rootDir>/packages/$1/src/$2',
  '^@mms/contracts$': '<rootDir>/contracts/src',
  '^@mms/contracts/(events|dates|compose)$': '<rootDir>/contracts/src/$1',
  '^@mms/directory$': '<rootDir>/services/directory/src',
  '^@mms/professional-development$': '<rootDir>/services/professional-development/src',
  '^@mms/monitoring$': '<rootDir>/services/monitoring/src',
  '^@mms/contests$': '<rootDir>/services/contests/src',
  '^@mms/communities$': '<rootDir>/services/communities/src',
  '^@mms/gateway$': '<rootDir>/gateway/src',
};

const common = {
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/.local/', '/dist/'],
};

module.exports = {
  // Integration and e2e tests start real brokers and processes; per-project timeouts are not a jest option.
  testTimeout: 180000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/src/**/*.test.ts', '<rootDir>/test/architecture/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/src/**/*.int.test.ts'],
      globalSetup: '<rootDir>/packages/testing/src/jest-global-setup.ts',
      globalTeardown: '<rootDir>/packages/testing/src/jest-global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/test/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/packages/testing/src/jest-global-setup.ts',
      globalTeardown: '<rootDir>/packages/testing/src/jest-global-teardown.ts',
    },
    {
      // The portal in Debian's Chromium against the real platform (portal/test/browser.ts).
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/portal/test/**/*.browser.test.ts'],
      globalSetup: '<rootDir>/packages/testing/src/jest-global-setup.ts',
      globalTeardown: '<rootDir>/packages/testing/src/jest-global-teardown.ts',
    },
  ],
};
