import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { Agent, type Dispatcher } from 'undici';
import { ErrorCode, GATEWAY_TOKEN_HEADER, type CallerContext } from '@intel-gateway/shared';

/** One keep-alive connection pool per gateway, shared by every subgraph. */
export function createSubgraphAgent(): Agent {
  return new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connections: 128, pipelining: 1 });
}

/**
 * Calls a subgraph over undici's `request` on a keep-alive pool. The stock
 * RemoteGraphQLDataSource builds node-fetch `Request` and `Headers` objects and goes
 * through make-fetch-happen on every call; this one sends the body straight to a pooled
 * connection. A subgraph that cannot be reached becomes SUBGRAPH_UNAVAILABLE naming the
 * subgraph, so the rest of the operation still returns.
 */
export class UndiciDataSource implements GraphQLDataSource {
  private readonly target: URL;

  constructor(
    readonly subgraphName: string,
    url: string,
    private readonly dispatcher: Dispatcher,
    private readonly timeoutMs: number,
    /** Signs the caller into a token for this subgraph; without it no token is sent. */
    private readonly signToken?: (caller: CallerContext, subgraph: string) => Promise<string>,
    /** Told how long each fetch took and whether it answered (for the metrics). */
    private readonly onFetch?: (subgraph: string, seconds: number, outcome: 'ok' | 'error') => void,
  ) {
    this.target = new URL(url);
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    if (!this.onFetch) return this.fetch(options);
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'error';
    try {
      const body = await this.fetch(options);
      outcome = 'ok';
      return body;
    } finally {
      this.onFetch(this.subgraphName, (performance.now() - started) / 1000, outcome);
    }
  }

  private async fetch(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('subgraph request without a query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.signToken) {
      const caller = (options as { context?: Partial<CallerContext> }).context;
      // Only operations that came through authentication reach a subgraph, with their caller.
      if (!caller?.principal) throw new Error(`no authenticated caller for a request to subgraph "${this.subgraphName}"`);
      headers[GATEWAY_TOKEN_HEADER] = await this.signToken(caller as CallerContext, this.subgraphName);
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: this.target.origin,
        path: this.target.pathname + this.target.search,
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables, operationName, extensions }),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (cause) {
      throw this.unavailable(cause);
    }
    const contentType = String(response.headers['content-type'] ?? '');
    if (!contentType.startsWith('application/json') && !contentType.startsWith('application/graphql-response+json')) {
      await response.body.dump();
      throw this.unavailable(new Error(`HTTP ${response.statusCode} with content type "${contentType}"`));
    }
    let body: GatewayGraphQLResponse;
    try {
      body = (await response.body.json()) as GatewayGraphQLResponse;
    } catch (cause) {
      throw this.unavailable(cause);
    }
    if (response.statusCode >= 400 && !body.errors && !body.data) {
      throw this.unavailable(new Error(`HTTP ${response.statusCode}`));
    }
    return body;
  }

  private unavailable(cause: unknown): GraphQLError {
    return new GraphQLError(`Subgraph "${this.subgraphName}" is unavailable`, {
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.subgraphName },
      originalError: cause instanceof Error ? cause : new Error(String(cause)),
    });
  }
}
