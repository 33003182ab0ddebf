import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Repository root, found from this file whether it runs from `src/` or `dist/`. */
export const repositoryRoot = resolve(__dirname, '..', '..');

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
}

function entry(name: string, defaultPort: number, databaseName = name): SubgraphEntry {
  return {
    name,
    urlSetting: `${name.toUpperCase()}_URL`,
    defaultPort,
    schemaPath: resolve(repositoryRoot, 'subgraphs', name, 'schema.graphql'),
    databaseName,
  };
}

/**
 * The one list of subgraphs. Composition, the gateway's URL settings, `npm start` and
 * docker-compose are all driven from it.
 */
export const subgraphRegistry: readonly SubgraphEntry[] = [
  entry('interpol', 4001),
  entry('europol', 4002),
  entry('national', 4003),
  // The gateway operator's: it reads the gateway's own store (audit trail, hits), which the gateway writes.
  entry('accountability', 4004, 'intel_gateway_audit'),
];

/** Default URL of a subgraph on this machine. */
export function defaultSubgraphUrl(subgraph: SubgraphEntry): string {
  return `http://127.0.0.1:${subgraph.defaultPort}/graphql`;
}

/** Types shared by all agency subgraphs (provenance, names, paging). */
export const commonSdlPath = resolve(repositoryRoot, 'shared', 'graphql', 'common.graphql');

/** A subgraph's full SDL: its own schema file plus the shared types. */
export function loadSubgraphSdl(subgraph: Pick<SubgraphEntry, 'schemaPath'>): string {
  return `${readFileSync(subgraph.schemaPath, 'utf8')}\n${readFileSync(commonSdlPath, 'utf8')}`;
}

/** Looks a subgraph up by name, failing loudly on a typo. */
export function getSubgraph(name: string): SubgraphEntry {
  const found = subgraphRegistry.find((s) => s.name === name);
  if (!found) throw new Error(`Unknown subgraph "${name}"; known: ${subgraphRegistry.map((s) => s.name).join(', ')}`);
  return found;
}
