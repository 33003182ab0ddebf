import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { agencyCode } from '@intel-gateway/shared/records';
import {
  contributedPolicyFile,
  loadSubgraphRegistry,
  repositoryRoot,
  subgraphIdentifiers,
  subgraphRegistryPath,
  type SubgraphRegistryRecord,
} from '@intel-gateway/shared/registry';
import { loadPinnedImages } from '../deployment/pinnedImages';
import { renderDeploymentFiles } from '../dockerCompose';
import { composeProjectSupergraph, supergraphPathIn } from '../projectSupergraph';
import { createFileTransaction } from './createFileTransaction';
import { findSubgraphProblems } from './findSubgraphProblems';
import { renderTemplate } from './renderTemplate';
import { subgraphNameProblem } from './subgraphNameProblem';

/** The subgraph template: the files of `subgraphs/<name>/`, its gateway policy and its test. */
export const subgraphTemplateDirectory = resolve(__dirname, '..', '..', 'templates', 'subgraph');

/** What `scaffoldSubgraph` adds, and where. */
export interface ScaffoldOptions {
  /** The new subgraph's name (see `subgraphNameProblem`). */
  name: string | undefined;
  /** The repository to add it to (default: this one); tests pass a copy. */
  root?: string;
  /** Run `npm install --offline` to link the new workspace and record it in package-lock.json (default true). */
  install?: boolean;
  /**
   * The agency whose records the subgraph holds: the registry's `owners` of the new entry
   * (the gateway drops whatever it returns for anyone else) and the owner of the template's
   * example records. Default: NCB-DE, the template example's.
   */
  owner?: string;
}

/** The owner of the template's example records, when no other is given. */
export const TEMPLATE_EXAMPLE_OWNER = 'NCB-DE';

/** What `scaffoldSubgraph` did, for the command's report. */
export interface ScaffoldResult {
  name: string;
  defaultPort: number;
  /** Files written, relative to the root. */
  created: string[];
  /** Files changed to register the subgraph, relative to the root. */
  changed: string[];
  /** What `subgraph:check` found right about the new subgraph. */
  checked: string[];
}

/** The request was refused (a bad name, or a project file it cannot register the subgraph in); nothing was written. */
export class ScaffoldRefused extends Error {}

/** A step after the first write failed; everything written was undone. */
export class ScaffoldFailed extends Error {}

/** Where each template file goes: the subgraph's own files, its gateway policy, its test. */
function destinationOf(templatePath: string, name: string, camel: string): string {
  if (templatePath === 'gatewayPolicy.json.tmpl') return contributedPolicyFile(name);
  if (templatePath === 'subgraph.test.ts.tmpl') return join('test', `${camel}Subgraph.test.ts`);
  return join('subgraphs', name, templatePath.replace(/\.tmpl$/, ''));
}

/** JSON as the project writes it: two spaces, a final newline. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The root package.json with the subgraph's workspace after the other subgraphs'. */
function withWorkspace(source: string, name: string): string {
  const manifest = JSON.parse(source) as { workspaces?: string[] };
  if (!Array.isArray(manifest.workspaces)) throw new Error('package.json has no "workspaces" list');
  const last = manifest.workspaces.findLastIndex((w) => w.startsWith('subgraphs/'));
  manifest.workspaces.splice(last + 1, 0, `subgraphs/${name}`);
  return json(manifest);
}

/** test/package.json with the subgraph's package among the dependencies (sorted, as npm keeps them). */
function withTestDependency(source: string, name: string): string {
  const manifest = JSON.parse(source) as { dependencies?: Record<string, string> };
  const dependencies = { ...manifest.dependencies, [`@intel-gateway/${name}`]: '0.1.0' };
  return json({ ...manifest, dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))) });
}

/**
 * A tsconfig.json with one more project reference, written on its own line after the last
 * reference to a subgraph so the file keeps its layout; the result is parsed back to be sure.
 */
function withReference(source: string, referencePath: string, file: string): string {
  const references = [...source.matchAll(/\{\s*"path":\s*"(?:\.\.\/)?subgraphs\/[^"]+"\s*\}/g)];
  const last = references.at(-1);
  if (!last || last.index === undefined) throw new Error(`${file} has no reference to a subgraph to add one after`);
  const lineStart = source.lastIndexOf('\n', last.index) + 1;
  const indent = /^\s*/.exec(source.slice(lineStart))![0];
  const end = last.index + last[0].length;
  const result = `${source.slice(0, end)},\n${indent}{ "path": "${referencePath}" }${source.slice(end)}`;
  const parsed = JSON.parse(result) as { references?: { path: string }[] };
  if (!parsed.references?.some((r) => r.path === referencePath))
    throw new Error(`${file}: could not add the reference to ${referencePath}`);
  return result;
}

/** The Dockerfile with the subgraph's package.json copied in before `npm ci`, after the other subgraphs'. */
function withDockerCopy(source: string, name: string): string {
  const lines = source.split('\n');
  const last = lines.findLastIndex((line) => line.startsWith('COPY subgraphs/'));
  if (last < 0) throw new Error('Dockerfile copies no subgraph package.json to add one after');
  lines.splice(last + 1, 0, `COPY subgraphs/${name}/package.json subgraphs/${name}/`);
  return lines.join('\n');
}

/** The registry file with the new subgraph appended. */
function withRegistryEntry(source: string, entry: SubgraphRegistryRecord): string {
  const registry = JSON.parse(source) as { subgraphs: SubgraphRegistryRecord[] };
  return json({ ...registry, subgraphs: [...registry.subgraphs, entry] });
}

/**
 * `npm run subgraph:new`: adds a working subgraph to the project from the template in
 * `tools/templates/subgraph/` and registers it everywhere the system needs it, all or
 * nothing:
 *
 * - the subgraph's folder (schema, server, models, repositories, loaders, resolvers, its
 *   own shield rules, config, package.json, tsconfig.json), its gateway policy file
 *   (`gateway/policies/<name>.json`) and its cross-service test (`test/<name>Subgraph.test.ts`);
 * - the registry (`shared/subgraphRegistry.json`, which drives the gateway's URL settings
 *   and policy, `npm start` and the test harness), the npm workspaces, the project
 *   references of the root and of the tests' type-check (`tsconfig.test.json`), the test
 *   workspace's dependencies, the Dockerfile, and what `npm run compose` writes (the
 *   supergraph, docker-compose.yml);
 * - then it checks the result as `npm run subgraph:check` does, and links the new workspace
 *   with `npm install --offline` (which also records it in package-lock.json).
 *
 * A bad name is refused before anything is written (`ScaffoldRefused`). If a later
 * step fails, every file written or changed is restored (`ScaffoldFailed`).
 */
export function scaffoldSubgraph(options: ScaffoldOptions): ScaffoldResult {
  const root = resolve(options.root ?? repositoryRoot);
  const registry = loadSubgraphRegistry(root);
  const problem = subgraphNameProblem(options.name, root, registry);
  if (problem) throw new ScaffoldRefused(problem);
  const name = options.name!;
  const owner = options.owner ?? TEMPLATE_EXAMPLE_OWNER;
  if (!agencyCode.safeParse(owner).success)
    throw new ScaffoldRefused(`"${owner}" is not an agency code such as NCB-GB: give the agency whose records the subgraph holds`);
  const { pascal, camel } = subgraphIdentifiers(name);
  const defaultPort = Math.max(...registry.map((s) => s.defaultPort)) + 1;
  const at = (path: string) => resolve(root, path);
  const read = (path: string) => readFileSync(at(path), 'utf8');

  // Everything is worked out before the first write, so a refusal leaves no trace.
  const values = { name, Name: pascal, nameCamel: camel, owner };
  const creations = readdirSync(subgraphTemplateDirectory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tmpl'))
    .map((entry) => {
      const templatePath = relative(subgraphTemplateDirectory, join(entry.parentPath, entry.name));
      return {
        path: destinationOf(templatePath, name, camel),
        content: renderTemplate(readFileSync(join(subgraphTemplateDirectory, templatePath), 'utf8'), values, templatePath),
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const creation of creations) {
    if (existsSync(at(creation.path))) throw new ScaffoldRefused(`${creation.path} already exists`);
  }
  const policyPath = contributedPolicyFile(name);
  let changes: { path: string; content: string }[];
  try {
    changes = [
      {
        path: relative(root, subgraphRegistryPath(root)),
        content: withRegistryEntry(read(relative(root, subgraphRegistryPath(root))), {
          name,
          defaultPort,
          owners: [owner],
          gatewayPolicy: policyPath,
          description: `The ${name} subgraph, contributed with npm run subgraph:new.`,
        }),
      },
      { path: 'package.json', content: withWorkspace(read('package.json'), name) },
      { path: 'tsconfig.json', content: withReference(read('tsconfig.json'), `subgraphs/${name}`, 'tsconfig.json') },
      { path: join('test', 'package.json'), content: withTestDependency(read(join('test', 'package.json')), name) },
      { path: 'tsconfig.test.json', content: withReference(read('tsconfig.test.json'), `subgraphs/${name}`, 'tsconfig.test.json') },
      { path: 'Dockerfile', content: withDockerCopy(read('Dockerfile'), name) },
    ];
  } catch (error) {
    throw new ScaffoldRefused(`cannot register the subgraph: ${error instanceof Error ? error.message : String(error)}`);
  }

  const transaction = createFileTransaction();
  try {
    for (const creation of creations) transaction.create(at(creation.path), creation.content);
    for (const change of changes) transaction.replace(at(change.path), change.content);
    const updated = loadSubgraphRegistry(root);
    transaction.replace(supergraphPathIn(root), composeProjectSupergraph(updated, root));
    for (const [path, content] of Object.entries(renderDeploymentFiles(updated, loadPinnedImages(root))))
      transaction.replace(at(path), content);
    const report = findSubgraphProblems(name, { root });
    if (report.problems.length > 0)
      throw new Error(`the new subgraph does not pass subgraph:check:\n  - ${report.problems.join('\n  - ')}`);
    if (options.install ?? true) {
      for (const path of ['package-lock.json', join('node_modules', '.package-lock.json'), join('node_modules', '@intel-gateway', name)])
        transaction.snapshot(at(path));
      const npm = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8' });
      if (npm.status !== 0) throw new Error(`npm install --offline failed (exit ${npm.status ?? npm.signal}):\n${npm.stdout}${npm.stderr}`);
    }
    return {
      name,
      defaultPort,
      created: transaction.created.map((path) => relative(root, path)),
      changed: [...transaction.replaced.map((path) => relative(root, path)), ...((options.install ?? true) ? ['package-lock.json'] : [])],
      checked: report.passed,
    };
  } catch (error) {
    transaction.rollback();
    throw new ScaffoldFailed(
      `could not add subgraph "${name}", so nothing was changed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
