/**
 * Two jest projects. `unit`: tests beside the code in each workspace's src, with no
 * database, no server of the project and no globalSetup, done in seconds
 * (`npm run test:unit`). `integration`: the cross-service tests in test/, against the
 * embedded database the globalSetup starts, real subgraphs and a real gateway. `npm test`
 * runs both. ts-jest transpiles TypeScript (and the ESM-only faker and any-ascii) without
 * type-checking, which `tsc -b` and `tsc -p tsconfig.test.json` already did; workspace
 * packages resolve to their sources. No transformer with native binaries is used: this
 * machine's registry serves only the Linux builds of such packages, so their lockfile
 * entries could not be complete.
 */
const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@faker-js/faker|any-ascii|jose)/)'],
  moduleNameMapper: {
    '^@intel-gateway/(shared|gateway|tools)$': '<rootDir>/$1/src',
    // Subpath entries (package.json `exports`): each is a folder's index.ts or a file.
    '^@intel-gateway/(shared|tools)/([a-z]+)$': '<rootDir>/$1/src/$2',
    // Every other workspace package is a subgraph: the registry's, contributed ones included.
    '^@intel-gateway/([a-z][a-z0-9-]*)$': '<rootDir>/subgraphs/$1/src',
  },
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/shared/src', '<rootDir>/gateway/src', '<rootDir>/subgraphs', '<rootDir>/tools/src'],
      testMatch: ['<rootDir>/{shared,gateway,tools}/src/**/*.test.ts', '<rootDir>/subgraphs/*/src/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/globalSetup.ts',
      globalTeardown: '<rootDir>/test/globalTeardown.ts',
    },
  ],
  testTimeout: 60_000,
  maxWorkers: 2,
};
