// ESLint for the whole tree (`npm run lint`, `npm run format`). A small, strict rule set on
// top of the recommended basics: no floating promises (type-aware, through each package's
// tsconfig), no unused code, type-only imports marked as such, one import order. Layout is
// prettier's alone, so no rule here is about formatting. Import circles are checked elsewhere.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Where tests are type-checked when they have a tsconfig of their own (tsconfig.test.json):
 * the TypeScript server finds a file's project only in files named tsconfig.json, so test
 * files, and the unit tests' helpers in a package's `src/testing` (left out of its build),
 * are then read through that one explicitly. It resolves the packages through their
 * built declarations, which is why `npm run lint` builds first.
 */
const testTsconfig = join(import.meta.dirname, 'tsconfig.test.json');

/** Rules for every linted file, TypeScript and JavaScript. */
const sharedRules = {
  // One block of imports, no blank lines: side effects, node builtins, packages, our own
  // workspace packages, then relative paths; alphabetical within each.
  'simple-import-sort/imports': ['error', { groups: [['^\\u0000', '^node:', '^@?\\w', '^@intel-gateway(/.*)?$', '^', '^\\.']] }],
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'no-var': 'error',
  // A `let` read by a shutdown handler before it is assigned stays a `let`.
  'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
  'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'coverage/',
      'test-artifacts/',
      '.data/',
      '.dev-keys/',
      // Generated: by `npm run schema:write` and by `npm run compose`.
      'gateway/agency-schemas/',
      'deploy/mongo/initdb/',
      // Third-party files kept as published (each directory's SOURCE.md says where from).
      'tools/conformance/federation-gateway-audit/',
      'tools/bench/federation-benchmark/',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    extends: [js.configs.recommended],
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: sharedRules,
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'no-unused-vars': 'off',
      // --fix removes an import left unused, e.g. by another fix dropping the assertion that used it.
      '@typescript-eslint/no-unused-vars': ['error', { ...sharedRules['no-unused-vars'][1], enableAutofixRemoval: { imports: true } }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // A caught error is passed on as it came.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // tsc checks these with types (noFallthroughCasesInSwitch knows process.exit never returns).
      'no-fallthrough': 'off',
      // Recommended rules this code base deliberately does not follow: values of GraphQL
      // results, extensions and documents are `unknown` or `any` and are narrowed or
      // stringified on purpose (String(unknown) for markings and reasons), graphql-js's Kind
      // is compared with its string values, async functions keep their promise contract
      // without an await, method-shaped callbacks are passed unbound, and a stored startup
      // failure is rethrown as it was caught.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  ...(existsSync(testTsconfig)
    ? [
        {
          files: ['**/*.test.ts', 'test/**/*.ts', '*/src/testing/**/*.ts'],
          languageOptions: { parserOptions: { projectService: false, project: testTsconfig } },
        },
      ]
    : []),
  {
    // Tests load a subgraph package by its computed name, and the workbench's browser scripts,
    // the CommonJS way jest runs them.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The analyst workbench: ES modules served to the browser as they are.
    files: ['gateway/workbench/**/*.js'],
    // React, ReactDOM, GraphiQL and Cytoscape come from the vendor scripts index.html loads first.
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser, React: 'readonly', ReactDOM: 'readonly', GraphiQL: 'readonly', cytoscape: 'readonly' },
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    // Run by mongosh in the mongo container (see the file's header).
    files: ['deploy/mongo/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, connect: 'readonly', quit: 'readonly' } },
  },
);
