import { resolve } from 'node:path';
import { composeSupergraph } from '@intel-gateway/gateway';
import { defaultSubgraphUrl, loadSubgraphSdl, repositoryRoot, subgraphRegistry, type SubgraphEntry } from '@intel-gateway/shared/registry';

/** The committed supergraph the gateway serves by default (of the repository at `root`). */
export function supergraphPathIn(root: string): string {
  return resolve(root, 'gateway', 'supergraph.graphql');
}

/** The committed supergraph the gateway serves by default. */
export const supergraphPath = supergraphPathIn(repositoryRoot);

/** Composes the registry's subgraphs (of the repository at `root`), with their default local URLs, into a supergraph. */
export function composeProjectSupergraph(registry: readonly SubgraphEntry[] = subgraphRegistry, root: string = repositoryRoot): string {
  return composeSupergraph(registry.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s, root) })));
}
