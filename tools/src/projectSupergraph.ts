import { resolve } from 'node:path';
import { composeSupergraph } from '@intel-gateway/gateway';
import { defaultSubgraphUrl, loadSubgraphSdl, repositoryRoot, subgraphRegistry } from '@intel-gateway/shared';

/** The committed supergraph the gateway serves by default. */
export const supergraphPath = resolve(repositoryRoot, 'gateway', 'supergraph.graphql');

/** Composes the registry's subgraphs, with their default local URLs, into a supergraph. */
export function composeProjectSupergraph(): string {
  return composeSupergraph(subgraphRegistry.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s) })));
}
