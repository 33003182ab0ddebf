import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { Agent, type Dispatcher } from 'undici';
import { ErrorCode, GATEWAY_TOKEN_HEADER, REQUEST_ID_HEADER, SPAN_ATTRIBUTES, SpanStatusCode, type CallerContext, type ClientTlsSettings, type GatewayTokenSigner, type Span, type Tracing } from '@intel-gateway/shared';
import type { GatewayContext } from './gatewayContext';

/**
 * One keep-alive connection pool per gateway, shared by every subgraph. With `tls`, https://
 * subgraphs are checked against its CA (instead of the system's) and, with its certificate
 * and key, the gateway presents its own certificate (mutual TLS).
 */
export function createSubgraphAgent(tls: ClientTlsSettings = {}): Agent {
  return new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connections: 128, pipelining: 1, connect: { ...tls, rejectUnauthorized: true } });
}

/**
 * Calls a subgraph over undici's `request` on a keep-alive pool. The stock
 * RemoteGraphQLDataSource builds node-fetch `Request` and `Headers` objects and goes
 * through make-fetch-happen on every call; this one sends the body straight to a pooled
 * connection. A subgraph that cannot be reached becomes SUBGRAPH_UNAVAILABLE naming the
 * subgraph, so the rest of the operation still returns.
 *
 * Each call carries the operation's request id (`x-request-id`), so the subgraph logs
 * under it; with tracing on, each call is a client span under the request's span and
 * carries its W3C `traceparent`, so the subgraph's span joins the trace.
 */
export class UndiciDataSource implements GraphQLDataSource {
  private readonly target: URL;

  constructor(
    readonly subgraphName: string,
    url: string,
    private readonly dispatcher: Dispatcher,
    private readonly timeoutMs: number,
    /** Signs the caller into a token for this subgraph and this very request; without it no token is sent. */
    private readonly signToken?: GatewayTokenSigner,
    /** Told how long each fetch took and whether it answered (for the metrics). */
    private readonly onFetch?: (subgraph: string, seconds: number, outcome: 'ok' | 'error') => void,
    /** Records each fetch as a span when tracing is on. */
    private readonly tracing?: Tracing,
  ) {
    this.target = new URL(url);
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const context = (options as { context?: Partial<GatewayContext> }).context;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const scope = context?.requestScope;
    if (scope) headers[REQUEST_ID_HEADER] = scope.id;
    const span = this.tracing && scope?.span ? this.startSpan(scope.span, headers) : undefined;
    if (!this.onFetch && !span) return this.fetch(options, context, headers);
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'error';
    try {
      const body = await this.fetch(options, context, headers, span);
      outcome = 'ok';
      return body;
    } finally {
      this.onFetch?.(this.subgraphName, (performance.now() - started) / 1000, outcome);
      if (span) {
        if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    }
  }

  private startSpan(parent: Span, headers: Record<string, string>): Span {
    const attributes = {
      [SPAN_ATTRIBUTES.subgraph]: this.subgraphName,
      'http.request.method': 'POST',
      'server.address': this.target.hostname,
      'server.port': Number(this.target.port || (this.target.protocol === 'https:' ? 443 : 80)),
    };
    return this.tracing!.startClientSpan(`POST ${this.subgraphName}`, parent, attributes, headers);
  }

  private async fetch(options: GraphQLDataSourceProcessOptions, caller: Partial<CallerContext> | undefined, headers: Record<string, string>, span?: Span): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('subgraph request without a query');
    // The bytes signed are the bytes sent.
    const body = Buffer.from(JSON.stringify({ query, variables, operationName, extensions }));
    const path = this.target.pathname + this.target.search;
    if (this.signToken) {
      // Only operations that came through authentication reach a subgraph, with their caller.
      if (!caller?.principal) throw new Error(`no authenticated caller for a request to subgraph "${this.subgraphName}"`);
      headers[GATEWAY_TOKEN_HEADER] = this.signToken(caller as CallerContext, this.subgraphName, { method: 'POST', path, body });
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: this.target.origin,
        path,
        method: 'POST',
        headers,
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (cause) {
      throw this.unavailable(cause);
    }
    span?.setAttribute('http.response.status_code', response.statusCode);
    const contentType = String(response.headers['content-type'] ?? '');
    if (!contentType.startsWith('application/json') && !contentType.startsWith('application/graphql-response+json')) {
      await response.body.dump();
      throw this.unavailable(new Error(`HTTP ${response.statusCode} with content type "${contentType}"`));
    }
    let answer: GatewayGraphQLResponse;
    try {
      answer = (await response.body.json()) as GatewayGraphQLResponse;
    } catch (cause) {
      throw this.unavailable(cause);
    }
    if (response.statusCode >= 400 && !answer.errors && !answer.data) {
      throw this.unavailable(new Error(`HTTP ${response.statusCode}`));
    }
    return answer;
  }

  private unavailable(cause: unknown): GraphQLError {
    return new GraphQLError(`Subgraph "${this.subgraphName}" is unavailable`, {
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.subgraphName },
      originalError: cause instanceof Error ? cause : new Error(String(cause)),
    });
  }
}
