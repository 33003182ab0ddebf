import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** One subgraph to compose: its name, the URL the supergraph records, and its SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/**
 * Composes subgraph SDL into a supergraph in-process with `@apollo/composition` (no Rover
 * binary needed). Composition errors are thrown together, each with its code.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    const details = result.errors.map((e) => `  ${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n');
    throw new Error(`supergraph composition failed:\n${details}`);
  }
  return result.supergraphSdl;
}
