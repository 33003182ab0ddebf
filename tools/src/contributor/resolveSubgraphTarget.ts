import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { contributedPolicyFile, SUBGRAPH_NAME_PATTERN, type SubgraphEntry, subgraphEntryOf } from '@intel-gateway/shared/registry';

/**
 * Finds the subgraph to check: a registered name, a subgraph folder, or a schema file. A
 * folder or file outside the registry is checked as a new subgraph named after its folder,
 * composed with every registered one; one named like a registered subgraph replaces it.
 * A string is the reason the target cannot be checked.
 */
export function resolveSubgraphTarget(
  target: string,
  root: string,
  registry: readonly SubgraphEntry[],
  policyPath: string | undefined,
): SubgraphEntry | string {
  const withPolicy = (entry: SubgraphEntry): SubgraphEntry => (policyPath ? { ...entry, gatewayPolicyPath: resolve(policyPath) } : entry);
  const registered = registry.find((s) => s.name === target);
  if (registered) return withPolicy(registered);
  const path = resolve(target);
  if (!existsSync(path))
    return `"${target}" is neither a registered subgraph (${registry.map((s) => s.name).join(', ')}) nor an existing folder or schema file`;
  const isFolder = statSync(path).isDirectory();
  const schemaPath = isFolder ? resolve(path, 'schema.graphql') : path;
  if (!existsSync(schemaPath))
    return `${schemaPath} does not exist: give a subgraph folder holding schema.graphql, or the schema file itself`;
  const byPath = registry.find((s) => s.schemaPath === schemaPath);
  if (byPath) return withPolicy(byPath);
  const name = basename(isFolder ? path : dirname(path));
  if (!SUBGRAPH_NAME_PATTERN.test(name))
    return `cannot name the subgraph after its folder "${name}": a subgraph name is lower-case letters and digits, words joined by single hyphens`;
  const byName = registry.find((s) => s.name === name);
  if (byName) return withPolicy({ ...byName, schemaPath });
  const defaultPolicy = contributedPolicyFile(name);
  const entry = subgraphEntryOf(
    {
      name,
      defaultPort: 0,
      kind: 'agency',
      owners: [],
      description: `${name} (not registered)`,
      ...(existsSync(resolve(root, defaultPolicy)) ? { gatewayPolicy: defaultPolicy } : {}),
    },
    root,
  );
  return withPolicy({ ...entry, schemaPath });
}
