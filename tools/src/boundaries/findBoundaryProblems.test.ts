import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { findBoundaryProblems } from './findBoundaryProblems';
import { findImportCycles } from './findImportCycles';

/** The package boundaries: no import circles, entries that are public surfaces, services that never load development tools. */

it('keeps this repository free of import circles (between files and between package entries), `export *` entries, entries that start processes, and service code that loads development tools', () => {
  expect(findBoundaryProblems(repositoryRoot)).toEqual([]);
});

describe('findImportCycles', () => {
  it('names each circle as a closed path, self imports included, and nothing for a tree', () => {
    const graph = new Map([
      ['a.ts', ['b.ts', 'd.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(findImportCycles(graph)).toEqual(
      expect.arrayContaining([
        ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
        ['e.ts', 'e.ts'],
      ]),
    );
    expect(findImportCycles(graph)).toHaveLength(2);
    expect(
      findImportCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['c.ts']],
          ['c.ts', []],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('findBoundaryProblems on a made-up repository', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const tsconfig = JSON.stringify({ compilerOptions: { rootDir: 'src', outDir: 'dist' } });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'boundaries-'));
    write('package.json', JSON.stringify({ workspaces: ['lib', 'service', 'tools'] }));
    write(
      'lib/package.json',
      JSON.stringify({
        name: '@intel-gateway/lib',
        exports: { './names': { types: './dist/names/index.d.ts', default: './dist/names/index.js' } },
      }),
    );
    write('lib/tsconfig.json', tsconfig);
    write('lib/src/names/index.ts', "export { vocabulary } from './vocabulary';\n");
    write('lib/src/names/vocabulary.ts', "export const vocabulary = ['A'] as const;\n");
    write('service/package.json', JSON.stringify({ name: '@intel-gateway/service', main: 'dist/index.js', types: 'dist/index.d.ts' }));
    write('service/tsconfig.json', tsconfig);
    write('service/src/index.ts', "export { start } from './server';\n");
    write('service/src/server.ts', "import { vocabulary } from '@intel-gateway/lib/names';\nexport const start = () => vocabulary;\n");
    write('service/src/main.ts', "import { start } from './server';\nstart();\n");
    write('tools/package.json', JSON.stringify({ name: '@intel-gateway/tools', main: 'dist/index.js', types: 'dist/index.d.ts' }));
    write('tools/tsconfig.json', tsconfig);
    write(
      'tools/src/index.ts',
      "import { spawn } from 'node:child_process';\nimport { start } from '@intel-gateway/service';\nexport const launch = () => [spawn, start];\n",
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds nothing in a clean tree (tools may spawn processes and import services)', () => {
    expect(findBoundaryProblems(root)).toEqual([]);
  });

  it('finds an import circle, type-only imports included', () => {
    write(
      'lib/src/names/vocabulary.ts',
      "import type { Key } from './keys';\nexport const vocabulary = ['A'] as const;\nexport type Keyed = Key;\n",
    );
    write('lib/src/names/keys.ts', "import { vocabulary } from './vocabulary';\nexport type Key = (typeof vocabulary)[number];\n");
    expect(findBoundaryProblems(root)).toEqual([
      'import circle: lib/src/names/keys.ts → lib/src/names/vocabulary.ts → lib/src/names/keys.ts',
    ]);
  });

  it('finds a circle between the entries of a package even when no file imports itself back', () => {
    write(
      'lib/package.json',
      JSON.stringify({
        name: '@intel-gateway/lib',
        exports: { './names': { default: './dist/names/index.js' }, './keys': { default: './dist/keys.js' } },
      }),
    );
    write(
      'lib/src/keys.ts',
      "import { vocabulary } from './names/vocabulary';\nexport const keys = vocabulary.map((word) => word.toLowerCase());\n",
    );
    write('lib/src/names/spelling.ts', "import { keys } from '../keys';\nexport const spelling = keys.join('');\n");
    write('lib/src/names/index.ts', "export { vocabulary } from './vocabulary';\nexport { spelling } from './spelling';\n");
    expect(findBoundaryProblems(root)).toEqual([
      'circle between package entries: @intel-gateway/lib/keys → @intel-gateway/lib/names → @intel-gateway/lib/keys',
    ]);
  });

  it('finds service code that spawns processes or imports a development tool, but not in its tests', () => {
    write(
      'service/src/launcher.ts',
      "import { spawn } from 'child_process';\nimport { launch } from '@intel-gateway/tools';\nexport const both = [spawn, launch];\n",
    );
    write('service/src/launcher.test.ts', "import { spawn } from 'node:child_process';\nit('runs', () => expect(spawn).toBeDefined());\n");
    expect(findBoundaryProblems(root)).toEqual([
      'service/src/launcher.ts is service code but imports tools/src/index.ts, which only development tools may use',
      'service/src/launcher.ts is service code but imports child_process: process launchers belong in tools/',
    ]);
  });

  it("finds built code that imports a unit tests' helper (src/testing), and a package whose build does not leave its helpers out", () => {
    write(
      'lib/tsconfig.json',
      JSON.stringify({ compilerOptions: { rootDir: 'src', outDir: 'dist' }, exclude: ['src/**/*.test.ts', 'src/testing'] }),
    );
    write('lib/src/testing/fixedWords.ts', "export const fixedWords = ['B'];\n");
    write(
      'lib/src/names/vocabulary.test.ts',
      "import { fixedWords } from '../testing/fixedWords';\nit('reads', () => expect(fixedWords).toHaveLength(1));\n",
    );
    expect(findBoundaryProblems(root)).toEqual([]);
    write('lib/src/names/vocabulary.ts', "import { fixedWords } from '../testing/fixedWords';\nexport const vocabulary = fixedWords;\n");
    write('service/src/testing/callers.ts', "export const callers = ['u1'];\n");
    expect(findBoundaryProblems(root)).toEqual([
      "lib/src/names/vocabulary.ts is built code but imports lib/src/testing/fixedWords.ts, a unit tests' helper its package's build leaves out",
      "service/src/testing holds unit tests' helpers, but service/tsconfig.json does not leave it out of the build (exclude: src/testing)",
    ]);
  });

  it('finds an import of a subpath or a deep path the package does not export', () => {
    write(
      'service/src/server.ts',
      "import { vocabulary } from '@intel-gateway/lib/names/vocabulary';\nimport '@intel-gateway/lib';\nexport const start = () => vocabulary;\n",
    );
    expect(findBoundaryProblems(root)).toEqual([
      "service/src/server.ts imports '@intel-gateway/lib/names/vocabulary', which resolves to no exported source file",
      "service/src/server.ts imports '@intel-gateway/lib', which resolves to no exported source file",
    ]);
  });

  it('finds a package entry that re-exports with `export *` or starts a process, and lets `export type *` be', () => {
    write('lib/src/names/index.ts', "export * from './vocabulary';\nexport type * from './vocabulary';\n");
    write('service/src/index.ts', "import { start } from './server';\nexport { start };\nif (require.main === module) start();\n");
    expect(findBoundaryProblems(root)).toEqual([
      '@intel-gateway/lib/names (lib/src/names/index.ts) re-exports with `export *`: list its public names instead',
      '@intel-gateway/service (service/src/index.ts) starts a process when run: move that to main.ts',
    ]);
  });
});
