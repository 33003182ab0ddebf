import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One npm workspace of the repository, as the import graph sees it. */
export interface Workspace {
  /** Package name, e.g. `@intel-gateway/shared`. */
  name: string;
  /** Folder, relative to the repository root with `/` separators, e.g. `subgraphs/interpol`. */
  dir: string;
  /** Source file of each entry the package exports (`.` and its subpaths), relative to the root. */
  entries: Map<string, string>;
}

/** What one source file imports. */
export interface SourceImports {
  /** Files of this repository it imports, relative to the root (type-only imports included). */
  files: string[];
  /** Everything else it imports by name: npm packages, `node:` modules. */
  packages: string[];
  /** Specifiers naming a workspace package that does not export them. */
  unresolved: string[];
}

/** The repository's TypeScript sources (tests included, `dist` and `node_modules` left out) and their imports. */
export interface ImportGraph {
  root: string;
  workspaces: Workspace[];
  /** Keyed by file, relative to the root with `/` separators. */
  sources: Map<string, SourceImports>;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

/**
 * Reads every workspace listed in the root package.json, and resolves each import of each
 * source file the way the build does: relative paths to files, `@intel-gateway/*` packages
 * through their package.json `exports` (or `main`), mapped from `outDir` back to `rootDir`.
 */
export function readImportGraph(root: string): ImportGraph {
  const workspaces = readWorkspaces(root);
  const sources = new Map<string, SourceImports>();
  for (const workspace of workspaces) {
    for (const file of sourceFiles(join(root, workspace.dir))) {
      sources.set(toKey(root, file), importsOf(root, file, workspaces));
    }
  }
  return { root, workspaces, sources };
}

function readWorkspaces(root: string): Workspace[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  return (manifest.workspaces ?? []).map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      name: string;
      main?: string;
      types?: string;
      exports?: unknown;
    };
    const { rootDir, outDir } = compiledDirs(join(root, dir));
    const entries = new Map<string, string>();
    const targets: [string, unknown][] =
      pkg.exports === undefined
        ? [['.', pkg.types ?? pkg.main ?? 'index.js']]
        : typeof pkg.exports === 'string'
          ? [['.', pkg.exports]]
          : Object.entries(pkg.exports as Record<string, unknown>);
    for (const [subpath, target] of targets) {
      const built =
        typeof target === 'string'
          ? target
          : ((target as Record<string, unknown> | null)?.['types'] ?? (target as Record<string, unknown> | null)?.['default']);
      if (typeof built !== 'string') continue;
      const source = sourceOfBuilt(join(root, dir), built, rootDir, outDir);
      if (source) entries.set(subpath, toKey(root, source));
    }
    return { name: pkg.name, dir, entries };
  });
}

/** The workspace tsconfig's rootDir and outDir, absolute. */
function compiledDirs(workspaceDir: string): { rootDir: string; outDir: string } {
  const { config } = ts.readConfigFile(join(workspaceDir, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const options = (config as { compilerOptions?: { rootDir?: string; outDir?: string } } | undefined)?.compilerOptions ?? {};
  return { rootDir: resolve(workspaceDir, options.rootDir ?? '.'), outDir: resolve(workspaceDir, options.outDir ?? '.') };
}

/** The source file a built path (`./dist/x/index.js`, `dist/x.d.ts`) is compiled from, if it exists. */
function sourceOfBuilt(workspaceDir: string, built: string, rootDir: string, outDir: string): string | undefined {
  const absolute = resolve(workspaceDir, built);
  const inSources = absolute.startsWith(outDir + sep) ? join(rootDir, relative(outDir, absolute)) : absolute;
  return resolveFile(inSources.replace(/\.d\.ts$|\.js$/, ''));
}

/** A path without extension (or a folder) to its TypeScript file, as the module resolver would. */
function resolveFile(base: string): string | undefined {
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((extension) => base + extension),
    ...SOURCE_EXTENSIONS.map((extension) => join(base, `index${extension}`)),
  ];
  return candidates.find(
    (candidate) =>
      existsSync(candidate) &&
      statSync(candidate).isFile() &&
      SOURCE_EXTENSIONS.some((extension) => candidate.endsWith(extension)) &&
      !candidate.endsWith('.d.ts'),
  );
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension)) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function importsOf(root: string, file: string, workspaces: readonly Workspace[]): SourceImports {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const result: SourceImports = { files: [], packages: [], unresolved: [] };
  for (const { fileName: specifier } of importedFiles) {
    if (specifier.startsWith('.')) {
      const target = resolveFile(resolve(dirname(file), specifier).replace(/\.js$/, ''));
      if (target) result.files.push(toKey(root, target));
      // A data file (JSON) is not a module of the graph; a missing file is the compiler's to report.
      else if (!existsSync(resolve(dirname(file), specifier))) result.unresolved.push(specifier);
      continue;
    }
    const workspace = workspaces.find((candidate) => specifier === candidate.name || specifier.startsWith(`${candidate.name}/`));
    if (!workspace) {
      result.packages.push(specifier);
      continue;
    }
    const entry = workspace.entries.get(`.${specifier.slice(workspace.name.length)}`);
    if (entry) result.files.push(entry);
    else result.unresolved.push(specifier);
  }
  return result;
}

function toKey(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
