import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SUBGRAPH_NAME_MAX_LENGTH, SUBGRAPH_NAME_PATTERN, type SubgraphEntry } from '@intel-gateway/shared/registry';

/**
 * Names a new subgraph may not take: the project's other workspaces and folders, the
 * docker-compose services that are not subgraphs, and folders git ignores.
 */
export const RESERVED_SUBGRAPH_NAMES: readonly string[] = [
  'shared',
  'gateway',
  'tools',
  'test',
  'subgraphs',
  'templates',
  'mongo',
  'seed',
  'dist',
  'coverage',
  'node-modules',
];

/**
 * Why `name` cannot be a new subgraph's name in the repository at `root`, or undefined when
 * it can: it must match the name pattern, not be reserved, and not be taken by a registered
 * subgraph or an existing folder.
 */
export function subgraphNameProblem(name: string | undefined, root: string, registry: readonly SubgraphEntry[]): string | undefined {
  if (name === undefined || name === '') return 'give the new subgraph a name: --name <agency>, e.g. --name customs';
  if (name.length > SUBGRAPH_NAME_MAX_LENGTH)
    return `"${name}" is too long: a subgraph name has at most ${SUBGRAPH_NAME_MAX_LENGTH} characters`;
  if (!SUBGRAPH_NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid subgraph name: use lower-case letters and digits, words joined by single hyphens, starting with a letter (e.g. customs, border-guard)`;
  }
  if (RESERVED_SUBGRAPH_NAMES.includes(name))
    return `"${name}" is reserved: it names another part of the project (reserved: ${RESERVED_SUBGRAPH_NAMES.join(', ')})`;
  if (registry.some((s) => s.name === name))
    return `"${name}" is already a registered subgraph (registered: ${registry.map((s) => s.name).join(', ')})`;
  if (existsSync(resolve(root, 'subgraphs', name))) return `subgraphs/${name} already exists`;
  return undefined;
}
