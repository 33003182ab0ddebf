import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Repository root, found from this file whether it runs from `src/` or `dist/`. */
export const repositoryRoot = resolve(__dirname, '..', '..', '..');

/**
 * A subgraph name: lower-case letters and digits, words joined by single hyphens, starting
 * with a letter. It names the subgraph's directory, its npm package, its docker-compose
 * service and its database, so it must be valid in all of them.
 */
export const SUBGRAPH_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Whether `name` can key a plain object safely: not a property every object inherits
 * (`constructor`, `__proto__`, `toString`, …), which a lookup by name would otherwise find
 * on any object. Lookups by subgraph name use own keys too (`Object.hasOwn`, maps).
 */
export function isOrdinaryKey(name: string): boolean {
  return !(name in Object.prototype);
}

/** Longest subgraph name: room for the test suffix within MongoDB's database-name limit. */
export const SUBGRAPH_NAME_MAX_LENGTH = 32;

/** One subgraph the federation knows about: an agency's, or the gateway operator's own. */
export interface SubgraphEntry {
  /** Subgraph name as it appears in the supergraph (lower case). */
  name: string;
  /** Environment setting that overrides the subgraph's URL at the gateway. */
  urlSetting: string;
  /** Port the subgraph listens on when nothing else is configured. */
  defaultPort: number;
  /** The subgraph's own schema file. */
  schemaPath: string;
  /** Database the subgraph keeps its records in. */
  databaseName: string;
  /** An agency's subgraph holds owners' records; the operator's holds the gateway's own (audit) data. Only `OPERATOR_SUBGRAPH` may be the operator's. */
  kind: 'agency' | 'operator';
  /**
   * The owners whose records (and hit/no-hit answers) this subgraph may return: agency codes,
   * or a prefix ending in `*` (`NCB-*`, every national bureau). The gateway drops whatever
   * it returns for any other owner.
   */
  owners: readonly string[];
  /** A contributed subgraph's gateway field rules (see `includeContributedPolicies` in the gateway). */
  gatewayPolicyPath?: string;
  /** What the subgraph holds, for people reading the registry. */
  description: string;
}

/** The gateway operator's own subgraph (audit trail, hits, release requests): the only one that may be of the operator kind. */
export const OPERATOR_SUBGRAPH = 'accountability';

/** An owner a subgraph serves: an agency code (`EUROPOL`), or a prefix of agency codes ending in `*` (`NCB-*`). */
const ownerPattern = z
  .string()
  .regex(/^[A-Z][A-Z0-9-]{1,15}$|^[A-Z][A-Z0-9-]{0,14}\*$/, 'must be an agency code such as NCB-GB, or a prefix ending in * such as NCB-*');

/** Whether a subgraph serves an owner (see `SubgraphEntry.owners`). */
export function servesOwner(subgraph: Pick<SubgraphEntry, 'owners'>, owner: string): boolean {
  return subgraph.owners.some((pattern) => (pattern.endsWith('*') ? owner.startsWith(pattern.slice(0, -1)) : owner === pattern));
}

/** Why a registry entry may not be of the kind it claims, or null: the operator kind skips the owners' checks, so only the operator's own subgraph may have it. */
export function operatorKindProblem(entry: Pick<SubgraphEntry, 'name' | 'kind'>): string | null {
  return entry.kind === 'operator' && entry.name !== OPERATOR_SUBGRAPH
    ? `subgraph "${entry.name}" is registered with "kind": "operator", which only the gateway operator's own subgraph (${OPERATOR_SUBGRAPH}) may have`
    : null;
}

/** The registry file's shape: the one list every part of the system reads. */
const registryFileSchema = z.object({
  subgraphs: z.array(
    z.strictObject({
      name: z
        .string()
        .max(SUBGRAPH_NAME_MAX_LENGTH)
        .regex(SUBGRAPH_NAME_PATTERN, 'must be lower-case letters and digits, words joined by single hyphens')
        .refine(isOrdinaryKey, 'is the name of a property every JavaScript object has (constructor, …); choose another'),
      defaultPort: z.number().int().min(1).max(65535),
      databaseName: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,63}$/)
        .optional(),
      kind: z.enum(['agency', 'operator']).default('agency'),
      /** Whose records the subgraph may return; none when absent. */
      owners: z.array(ownerPattern).default([]),
      /** Relative to the repository root. */
      gatewayPolicy: z.string().optional(),
      description: z.string().min(1),
    }),
  ),
});

/** One entry as the registry file stores it. */
export type SubgraphRegistryRecord = z.input<typeof registryFileSchema>['subgraphs'][number];

/** The registry file of the repository at `root`: plain data, so `npm run subgraph:new` can add to it. */
export function subgraphRegistryPath(root: string = repositoryRoot): string {
  return resolve(root, 'shared', 'subgraphRegistry.json');
}

/** The identifiers a subgraph's name gives its code: `border-guard` → `BorderGuard`, `borderGuard`, `BORDER_GUARD`. */
export function subgraphIdentifiers(name: string): { pascal: string; camel: string; constant: string } {
  const words = name.split('-');
  const pascal = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return { pascal, camel: pascal.charAt(0).toLowerCase() + pascal.slice(1), constant: words.join('_').toUpperCase() };
}

/** Where a contributed subgraph's gateway rules are kept, relative to the repository root. */
export function contributedPolicyFile(name: string): string {
  return join('gateway', 'policies', `${name}.json`);
}

/**
 * A registry record as the rest of the system reads it: paths resolved in the repository at
 * `root`, the URL setting and database named after the subgraph unless set.
 */
export function subgraphEntryOf(
  record: z.output<typeof registryFileSchema>['subgraphs'][number],
  root: string = repositoryRoot,
): SubgraphEntry {
  return {
    name: record.name,
    urlSetting: `${subgraphIdentifiers(record.name).constant}_URL`,
    defaultPort: record.defaultPort,
    schemaPath: resolve(root, 'subgraphs', record.name, 'schema.graphql'),
    databaseName: record.databaseName ?? record.name,
    kind: record.kind,
    owners: record.owners,
    ...(record.gatewayPolicy ? { gatewayPolicyPath: resolve(root, record.gatewayPolicy) } : {}),
    description: record.description,
  };
}

/**
 * Reads and checks the registry of the repository at `root` (names unique and well formed,
 * ports and databases unique). Tools pass another root to work on a copy of the project.
 */
export function loadSubgraphRegistry(root: string = repositoryRoot): SubgraphEntry[] {
  const path = subgraphRegistryPath(root);
  const parsed = registryFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const entries = parsed.data.subgraphs.map((record) => subgraphEntryOf(record, root));
  for (const entry of entries) {
    const problem = operatorKindProblem(entry);
    if (problem) throw new Error(`${path}: ${problem}`);
  }
  // One database per subgraph: a subgraph never shares, or opens, another one's store.
  for (const key of ['name', 'defaultPort', 'databaseName'] as const) {
    const seen = new Set<unknown>();
    for (const entry of entries) {
      if (seen.has(entry[key])) throw new Error(`${path}: ${key} ${String(entry[key])} is registered twice`);
      seen.add(entry[key]);
    }
  }
  return entries;
}

/**
 * The one list of subgraphs (`shared/subgraphRegistry.json`). Composition, the gateway's URL
 * settings and field policy, `npm start`, the test harness and docker-compose are all
 * driven from it.
 */
export const subgraphRegistry: readonly SubgraphEntry[] = loadSubgraphRegistry();

/** Default URL of a subgraph on this machine. */
export function defaultSubgraphUrl(subgraph: SubgraphEntry): string {
  return `http://127.0.0.1:${subgraph.defaultPort}/graphql`;
}

/** The shared types file of the repository at `root`. */
export function commonSdlPathIn(root: string): string {
  return resolve(root, 'shared', 'graphql', 'common.graphql');
}

/** Types shared by all agency subgraphs (provenance, names, paging). */
export const commonSdlPath = commonSdlPathIn(repositoryRoot);

/** A subgraph's full SDL: its own schema file plus the shared types (of the repository at `root`). */
export function loadSubgraphSdl(subgraph: Pick<SubgraphEntry, 'schemaPath'>, root: string = repositoryRoot): string {
  return `${readFileSync(subgraph.schemaPath, 'utf8')}\n${readFileSync(commonSdlPathIn(root), 'utf8')}`;
}

/** Looks a subgraph up by name, failing loudly on a typo. */
export function getSubgraph(name: string): SubgraphEntry {
  const found = subgraphRegistry.find((s) => s.name === name);
  if (!found) throw new Error(`Unknown subgraph "${name}"; known: ${subgraphRegistry.map((s) => s.name).join(', ')}`);
  return found;
}
