import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, type GraphQLSchema, parse } from 'graphql';
import { close, listen } from '@intel-gateway/shared/http';
import type { AuditSuite } from './loadAuditSuites';

/** The suites' subgraphs, served on loopback, and each suite's supergraph pointing at them. */
export interface AuditSubgraphs {
  /** The suite's supergraph, composed as the suite composes it, its subgraphs at `<url>/<suite>/<subgraph>`. */
  supergraphOf(suiteId: string): string;
  stop(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Starts one loopback HTTP server for the suites' subgraphs, as the suite's own `serve` does
 * (one server, a path per suite and subgraph): each subgraph is built with @apollo/subgraph
 * from the suite's SDL and resolvers and executed with graphql-js, its errors unmasked (the
 * suite serves them with graphql-yoga, `maskedErrors: false`).
 */
export async function startAuditSubgraphs(suites: readonly AuditSuite[]): Promise<AuditSubgraphs> {
  const schemas = new Map<string, () => GraphQLSchema>();
  for (const suite of suites) {
    for (const subgraph of suite.subgraphs) {
      let schema: GraphQLSchema | undefined;
      schemas.set(
        `/${suite.id}/${subgraph.name}`,
        () => (schema ??= buildSubgraphSchema({ typeDefs: parse(subgraph.typeDefs), resolvers: subgraph.resolvers as never })),
      );
    }
  }
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const schema = schemas.get(new URL(req.url ?? '/', 'http://subgraph').pathname);
    if (!schema) return answer(res, 404, { errors: [{ message: 'no such subgraph' }] });
    if (req.method !== 'POST') return answer(res, 405, { errors: [{ message: 'POST a GraphQL request' }] });
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = JSON.parse(await readBody(req)) as typeof request;
    } catch {
      return answer(res, 400, { errors: [{ message: 'the body is not JSON' }] });
    }
    if (typeof request.query !== 'string') return answer(res, 400, { errors: [{ message: 'no query' }] });
    const result = await graphql({
      schema: schema(),
      source: request.query,
      variableValues: (request.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
      contextValue: {},
    });
    answer(res, 200, result);
  };
  const http = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) answer(res, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
    });
  });
  http.keepAliveTimeout = 65_000;
  const url = await listen(http, '127.0.0.1', 0);
  const supergraphs = new Map<string, string>();
  return {
    supergraphOf(suiteId) {
      let supergraph = supergraphs.get(suiteId);
      if (supergraph === undefined) {
        const suite = suites.find((s) => s.id === suiteId);
        if (!suite) throw new Error(`audit suite "${suiteId}" is not served`);
        const result = composeServices(
          suite.subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.typeDefs), url: `${url}/${suite.id}/${s.name}` })),
        );
        if (!result.supergraphSdl)
          throw new Error(`audit suite "${suiteId}" does not compose:\n${(result.errors ?? []).map((e) => `  ${e.message}`).join('\n')}`);
        supergraph = result.supergraphSdl;
        supergraphs.set(suiteId, supergraph);
      }
      return supergraph;
    },
    stop: () => close(http),
  };
}
