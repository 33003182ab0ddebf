/**
 * One jest run for every workspace: unit tests beside the code, cross-service tests in
 * test/. TypeScript (and the ESM-only faker and any-ascii) is compiled by swc; workspace
 * packages resolve to their sources, so tests need no build.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared/src', '<rootDir>/gateway/src', '<rootDir>/subgraphs', '<rootDir>/tools/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@faker-js/faker|any-ascii)/)'],
  moduleNameMapper: {
    '^@intel-gateway/(shared|gateway|tools)$': '<rootDir>/$1/src',
    '^@intel-gateway/(interpol|europol|national)$': '<rootDir>/subgraphs/$1/src',
  },
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
