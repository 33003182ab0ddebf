import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { findImportCycles } from './findImportCycles';
import { type ImportGraph, readImportGraph } from './readImportGraph';

/** Workspaces only developers run (npm start, seed, bench, tests): the services never import them. */
export const DEV_WORKSPACES: readonly string[] = ['@intel-gateway/tools', '@intel-gateway/test'];

/** Where a package keeps its unit tests' helpers: left out of its build, so only tests may import them. */
export const TEST_HELPERS_DIR = 'src/testing';

/** The workspace of the cross-service tests, which nothing builds. */
const TEST_WORKSPACE = '@intel-gateway/test';

/** Modules that start processes: only the development workspaces may use them. */
const PROCESS_MODULES: readonly string[] = ['child_process', 'node:child_process'];

/**
 * What keeps the package boundaries readable, checked on the source tree (`npm run
 * check:boundaries`, and a unit test in `npm test`): no import circles, between files or
 * between the entries (subpaths) of a package, so each concern builds on others without
 * coming back to itself; every import of a
 * workspace package goes through an entry its package.json exports; no package entry
 * re-exports with `export *` (an entry is a public surface someone chose, name by name) or
 * starts a process (that is `main.ts`'s job); and the services (every workspace but
 * DEV_WORKSPACES) neither import a development workspace nor spawn processes, so the
 * database launchers and process helpers of `tools/` never load in a gateway or subgraph;
 * and a package's unit-test helpers (TEST_HELPERS_DIR) are left out of its build and
 * imported by tests only. One line per problem; none means the tree is clean.
 */
export function findBoundaryProblems(root: string, graph: ImportGraph = readImportGraph(root)): string[] {
  const problems: string[] = [];
  const imports = new Map([...graph.sources].map(([file, found]) => [file, found.files]));
  for (const cycle of findImportCycles(imports)) problems.push(`import circle: ${cycle.join(' → ')}`);
  for (const cycle of findEntryCycles(graph)) problems.push(`circle between package entries: ${cycle.join(' → ')}`);
  for (const [file, found] of graph.sources) {
    for (const specifier of found.unresolved) problems.push(`${file} imports '${specifier}', which resolves to no exported source file`);
  }
  const devFiles = graph.workspaces.filter((workspace) => DEV_WORKSPACES.includes(workspace.name)).map((workspace) => `${workspace.dir}/`);
  const isDevFile = (file: string) => devFiles.some((dir) => file.startsWith(dir));
  for (const [file, found] of graph.sources) {
    if (isDevFile(file) || file.endsWith('.test.ts')) continue;
    for (const target of found.files.filter(isDevFile))
      problems.push(`${file} is service code but imports ${target}, which only development tools may use`);
    for (const module of found.packages.filter((name) => PROCESS_MODULES.includes(name)))
      problems.push(`${file} is service code but imports ${module}: process launchers belong in tools/`);
  }
  problems.push(...testHelperProblems(root, graph));
  for (const workspace of graph.workspaces) {
    for (const [subpath, file] of workspace.entries) {
      const entry = `${workspace.name}${subpath.slice(1)} (${file})`;
      const text = readFileSync(join(root, file), 'utf8');
      if (reExportsEverything(file, text)) problems.push(`${entry} re-exports with \`export *\`: list its public names instead`);
      if (/\brequire\.main\b/.test(text)) problems.push(`${entry} starts a process when run: move that to main.ts`);
    }
  }
  return problems;
}

/** Built code that imports a unit tests' helper, and packages whose build does not leave their helpers out. */
function testHelperProblems(root: string, graph: ImportGraph): string[] {
  const problems: string[] = [];
  const helperDirs = graph.workspaces.map((workspace) => `${workspace.dir}/${TEST_HELPERS_DIR}/`);
  const isHelper = (file: string) => helperDirs.some((dir) => file.startsWith(dir));
  const unbuilt = graph.workspaces.filter((workspace) => workspace.name === TEST_WORKSPACE).map((workspace) => `${workspace.dir}/`);
  for (const [file, found] of graph.sources) {
    if (file.endsWith('.test.ts') || isHelper(file) || unbuilt.some((dir) => file.startsWith(dir))) continue;
    for (const target of found.files.filter(isHelper))
      problems.push(`${file} is built code but imports ${target}, a unit tests' helper its package's build leaves out`);
  }
  for (const workspace of graph.workspaces) {
    if (!existsSync(join(root, workspace.dir, TEST_HELPERS_DIR))) continue;
    const tsconfig = join(root, workspace.dir, 'tsconfig.json');
    const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile) as { config?: { exclude?: string[] } };
    if (!config?.exclude?.includes(TEST_HELPERS_DIR))
      problems.push(
        `${workspace.dir}/${TEST_HELPERS_DIR} holds unit tests' helpers, but ${workspace.dir}/tsconfig.json does not leave it out of the build (exclude: ${TEST_HELPERS_DIR})`,
      );
  }
  return problems;
}

/** Whether the file has an `export * from` (type-only `export type *` re-exports no code and is allowed). */
function reExportsEverything(file: string, text: string): boolean {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  return source.statements.some(
    (statement) => ts.isExportDeclaration(statement) && statement.exportClause === undefined && !statement.isTypeOnly,
  );
}

/**
 * Circles between the entries of one package, each entry standing for the files under its
 * folder (a folder's `index.ts`) or for itself (an entry that is a single file); a file
 * belongs to the deepest entry that holds it. Tests are left out: they may use any entry.
 */
function findEntryCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  for (const workspace of graph.workspaces) {
    const units = [...workspace.entries].map(([subpath, file]) => ({
      name: `${workspace.name}${subpath.slice(1)}`,
      covers: file.endsWith('/index.ts') ? file.slice(0, -'index.ts'.length) : file,
    }));
    const unitOf = (file: string) =>
      units
        .filter((unit) => (unit.covers.endsWith('/') ? file.startsWith(unit.covers) : file === unit.covers))
        .sort((a, b) => b.covers.length - a.covers.length)[0]?.name;
    const edges = new Map<string, string[]>();
    for (const [file, found] of graph.sources) {
      const from = file.endsWith('.test.ts') ? undefined : unitOf(file);
      if (!from) continue;
      for (const target of found.files) {
        const to = unitOf(target);
        if (!to || to === from) continue;
        const targets = edges.get(from) ?? [];
        if (!targets.includes(to)) edges.set(from, [...targets, to]);
      }
    }
    cycles.push(...findImportCycles(edges));
  }
  return cycles;
}
