import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type DocumentNode, type FieldNode, type GraphQLError, Kind, parse, type SelectionNode } from 'graphql';
import { Agent, type Dispatcher } from 'undici';
import { clientError, ErrorCode, type RefusalReasonSet } from '@intel-gateway/shared/errors';
import { type ClientTlsSettings, REQUEST_ID_HEADER } from '@intel-gateway/shared/http';
import { type CallerContext, GATEWAY_TOKEN_HEADER, type GatewayTokenSigner } from '@intel-gateway/shared/identity';
import { type Span, SPAN_ATTRIBUTES, SpanStatusCode, type Tracing } from '@intel-gateway/shared/observability';
import type { GatewayContext } from './gatewayContext';

/**
 * One keep-alive connection pool per gateway, shared by every subgraph. With `tls`, https://
 * subgraphs are checked against its CA (instead of the system's) and, with its certificate
 * and key, the gateway presents its own certificate (mutual TLS).
 */
export function createSubgraphAgent(tls: ClientTlsSettings = {}): Agent {
  return new Agent({
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
    connections: 128,
    pipelining: 1,
    connect: { ...tls, rejectUnauthorized: true },
  });
}

/** Bounds on one subgraph call: a total deadline (connect, headers and the whole body) and a largest answer. */
export interface SubgraphCallLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

/** Default bounds on a subgraph call (SUBGRAPH_TIMEOUT_MS, SUBGRAPH_MAX_RESPONSE_BYTES). */
export const DEFAULT_SUBGRAPH_CALL_LIMITS: SubgraphCallLimits = { timeoutMs: 10_000, maxResponseBytes: 16 * 1024 * 1024 };

/** Why a subgraph call gave nothing (`extensions.reason` of its SUBGRAPH_UNAVAILABLE errors). */
export const SubgraphFailure = {
  UNREACHABLE: 'SUBGRAPH_UNREACHABLE',
  TIMEOUT: 'SUBGRAPH_TIMEOUT',
  RESPONSE_TOO_LARGE: 'SUBGRAPH_RESPONSE_TOO_LARGE',
  BAD_RESPONSE: 'SUBGRAPH_BAD_RESPONSE',
} as const satisfies RefusalReasonSet;
type SubgraphFailure = (typeof SubgraphFailure)[keyof typeof SubgraphFailure];

/** A failed call: why, and the cause kept for the log (never for the client). */
class SubgraphCallError extends Error {
  constructor(
    readonly reason: SubgraphFailure,
    readonly clientMessage: string,
    cause: unknown,
  ) {
    super(clientMessage, { cause });
  }
}

/**
 * Calls a subgraph over undici's `request` on a keep-alive pool. The stock
 * RemoteGraphQLDataSource builds node-fetch `Request` and `Headers` objects and goes
 * through make-fetch-happen on every call; this one sends the body straight to a pooled
 * connection. A subgraph that cannot be reached, does not answer in full within the
 * total deadline (however slowly it trickles bytes), or answers more than the largest
 * answer allowed (counted as the bytes arrive, not trusting its content-length) gives
 * SUBGRAPH_UNAVAILABLE errors naming the subgraph and the reason, at the paths of the
 * fields it was asked for, so the rest of the operation still returns.
 *
 * Each call carries the operation's request id (`x-request-id`), so the subgraph logs
 * under it; with tracing on, each call is a client span under the request's span and
 * carries its W3C `traceparent`, so the subgraph's span joins the trace.
 */
export class UndiciDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly target: URL;

  constructor(
    readonly subgraphName: string,
    url: string,
    private readonly dispatcher: Dispatcher,
    private readonly limits: SubgraphCallLimits,
    /** Signs the caller into a token for this subgraph and this very request; without it no token is sent. */
    private readonly signToken?: GatewayTokenSigner,
    /** Told how long each fetch took and whether it answered (for the metrics). */
    private readonly onFetch?: (subgraph: string, seconds: number, outcome: 'ok' | 'error') => void,
    /** Records each fetch as a span when tracing is on. */
    private readonly tracing?: Tracing,
  ) {
    this.target = new URL(url);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // An operation's call (the kind with an incoming request) carries its caller; the gateway's own health checks and schema loads carry none.
    const context = 'incomingRequestContext' in options ? options.context : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const scope = context?.requestScope;
    if (scope) headers[REQUEST_ID_HEADER] = scope.id;
    const span = this.tracing && scope?.span ? this.startSpan(scope.span, headers) : undefined;
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'error';
    try {
      const body = await this.fetch(options, context, headers, span);
      outcome = 'ok';
      return body;
    } catch (error) {
      if (error instanceof SubgraphCallError) return { errors: this.failedFields(options, error) };
      throw error;
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

  private async fetch(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    caller: CallerContext | undefined,
    headers: Record<string, string>,
    span?: Span,
  ): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('subgraph request without a query');
    // The bytes signed are the bytes sent.
    const body = Buffer.from(JSON.stringify({ query, variables, operationName, extensions }));
    const path = this.target.pathname + this.target.search;
    if (this.signToken) {
      // Only operations that came through authentication reach a subgraph, with their caller.
      if (!caller?.principal) throw new Error(`no authenticated caller for a request to subgraph "${this.subgraphName}"`);
      headers[GATEWAY_TOKEN_HEADER] = this.signToken(caller, this.subgraphName, { method: 'POST', path, body });
    }
    const deadline = AbortSignal.timeout(this.limits.timeoutMs);
    const timedOut = (cause: unknown) =>
      new SubgraphCallError(
        SubgraphFailure.TIMEOUT,
        `Subgraph "${this.subgraphName}" did not answer within ${this.limits.timeoutMs} ms`,
        cause,
      );
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: this.target.origin,
        path,
        method: 'POST',
        headers,
        body,
        headersTimeout: this.limits.timeoutMs,
        bodyTimeout: this.limits.timeoutMs,
        signal: deadline,
      });
    } catch (cause) {
      throw deadline.aborted ? timedOut(cause) : this.failure(SubgraphFailure.UNREACHABLE, cause);
    }
    span?.setAttribute('http.response.status_code', response.statusCode);
    const contentType = String(response.headers['content-type'] ?? '');
    if (!contentType.startsWith('application/json') && !contentType.startsWith('application/graphql-response+json')) {
      discard(response);
      throw this.failure(SubgraphFailure.BAD_RESPONSE, new Error(`HTTP ${response.statusCode} with content type "${contentType}"`));
    }
    let answer: GatewayGraphQLResponse;
    try {
      answer = JSON.parse(await this.readAnswer(response)) as GatewayGraphQLResponse;
    } catch (cause) {
      if (cause instanceof SubgraphCallError) throw cause;
      throw deadline.aborted ? timedOut(cause) : this.failure(SubgraphFailure.BAD_RESPONSE, cause);
    }
    if (response.statusCode >= 400 && !answer.errors && !answer.data) {
      throw this.failure(SubgraphFailure.BAD_RESPONSE, new Error(`HTTP ${response.statusCode}`));
    }
    return answer;
  }

  /** The answer's text, read up to the largest answer allowed: past it, the connection is dropped. */
  private async readAnswer(response: Dispatcher.ResponseData): Promise<string> {
    const max = this.limits.maxResponseBytes;
    const tooLarge = () => {
      discard(response);
      return new SubgraphCallError(
        SubgraphFailure.RESPONSE_TOO_LARGE,
        `Subgraph "${this.subgraphName}" answered more than ${max} bytes`,
        undefined,
      );
    };
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) throw tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  }

  private failure(reason: SubgraphFailure, cause: unknown): SubgraphCallError {
    return new SubgraphCallError(reason, `Subgraph "${this.subgraphName}" is unavailable`, cause);
  }

  /**
   * The errors of a failed call, one at each field the call was to fill: each entity's
   * (`_entities` index, which the gateway maps to the entity's place in the answer), or each
   * root field's. Those fields are null; what other subgraphs answered stays.
   */
  private failedFields(options: GraphQLDataSourceProcessOptions<GatewayContext>, failure: SubgraphCallError): GraphQLError[] {
    const error = (path: (string | number)[] | undefined) =>
      clientError(ErrorCode.SUBGRAPH_UNAVAILABLE, failure.clientMessage, {
        path,
        extensions: { serviceName: this.subgraphName, reason: failure.reason },
        originalError: failure,
      });
    // Parsed only when a call failed: the operation the query planner wrote for this subgraph.
    const document = 'document' in options && options.document ? options.document : parseOperation(options.request.query);
    const representations = options.request.variables?.representations;
    if (Array.isArray(representations)) {
      const fields = entityResponseKeys(document);
      return representations.flatMap((_, index) =>
        fields.length > 0 ? fields.map((key) => error(['_entities', index, key])) : [error(['_entities', index])],
      );
    }
    const roots = responseKeys(rootSelections(document));
    return roots.length > 0 ? roots.map((key) => error([key])) : [error(undefined)];
  }
}

/** Drops an answer unread: its connection is closed rather than drained (a hostile subgraph may send without end). */
function discard(response: Dispatcher.ResponseData): void {
  // Destroying the body aborts the request, which the body reports as an error no one else listens for.
  response.body.on('error', () => undefined);
  response.body.destroy();
}

function parseOperation(query: string | undefined): DocumentNode | undefined {
  try {
    return query ? parse(query) : undefined;
  } catch {
    return undefined;
  }
}

/** The root selections of a subgraph operation, as the query planner writes it. */
function rootSelections(document: DocumentNode | undefined): readonly SelectionNode[] {
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections : [];
}

/** The response keys (aliases first) of the fields among these selections, inline fragments' included, `__typename` left out. */
function responseKeys(selections: readonly SelectionNode[]): string[] {
  const keys = new Set<string>();
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) for (const key of responseKeys(selection.selectionSet.selections)) keys.add(key);
  }
  return [...keys];
}

/** The fields an entity fetch asks of each entity: those under its `_entities` root field. */
function entityResponseKeys(document: DocumentNode | undefined): string[] {
  const entities = rootSelections(document).find(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD && selection.name.value === '_entities',
  );
  return entities?.selectionSet ? responseKeys(entities.selectionSet.selections) : [];
}
