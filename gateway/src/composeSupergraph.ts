import { composeServices } from '@apollo/composition';
import { errorCodeDef } from '@apollo/federation-internals';
import { type DocumentNode, GraphQLError, parse, Source } from 'graphql';

/** One subgraph to compose: its name, the URL the supergraph records, and its SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** One reason subgraphs do not compose, explained. */
export interface CompositionProblem {
  /** The composition error code, e.g. FIELD_TYPE_MISMATCH. */
  code: string;
  /** The composer's message; it names the types and fields concerned. */
  message: string;
  /** What the code means in general, as `@apollo/federation-internals` describes it. */
  explanation: string | undefined;
  /** The definitions involved: which subgraph's SDL, and the line in it. */
  locations: { subgraph: string; line: number }[];
}

function locationsOf(error: GraphQLError): CompositionProblem['locations'] {
  return (error.nodes ?? []).flatMap((node) => (node.loc ? [{ subgraph: node.loc.source.name, line: node.loc.startToken.line }] : []));
}

function problemOf(error: GraphQLError, fallbackCode: string): CompositionProblem {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : fallbackCode;
  const locations = locationsOf(error);
  if (locations.length === 0 && error.source && error.locations) {
    for (const location of error.locations) locations.push({ subgraph: error.source.name, line: location.line });
  }
  return { code, message: error.message, explanation: errorCodeDef(code)?.description, locations };
}

/**
 * Composes subgraph SDL with `@apollo/composition`, answering the supergraph or every
 * problem found (a subgraph that does not parse, or composition errors), each with the
 * subgraph and line it concerns. Each SDL is parsed under its subgraph's name, so every
 * location says whose definition it is.
 */
export function tryComposeSupergraph(
  subgraphs: readonly SubgraphSource[],
): { supergraphSdl: string; problems: [] } | { supergraphSdl: undefined; problems: CompositionProblem[] } {
  const parsed: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const problems: CompositionProblem[] = [];
  for (const subgraph of subgraphs) {
    try {
      parsed.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(new Source(subgraph.sdl, subgraph.name)) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      problems.push(problemOf(error, 'INVALID_GRAPHQL'));
    }
  }
  if (problems.length > 0) return { supergraphSdl: undefined, problems };
  const result = composeServices(parsed);
  if (result.errors) return { supergraphSdl: undefined, problems: result.errors.map((error) => problemOf(error, 'ERROR')) };
  return { supergraphSdl: result.supergraphSdl, problems: [] };
}

/**
 * Composes subgraph SDL into a supergraph in-process with `@apollo/composition` (no Rover
 * binary needed). Composition errors are thrown together, each with its code.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const result = tryComposeSupergraph(subgraphs);
  if (result.supergraphSdl === undefined) {
    const details = result.problems.map((p) => `  ${p.code}: ${p.message}`).join('\n');
    throw new Error(`supergraph composition failed:\n${details}`);
  }
  return result.supergraphSdl;
}
