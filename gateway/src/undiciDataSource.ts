import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type DocumentNode, type FieldNode, type GraphQLError, Kind, parse, type SelectionNode } from 'graphql';
import { Agent, type Dispatcher } from 'undici';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import { type ClientTlsSettings, GATEWAY_POOL_KEEP_ALIVE_MS, REQUEST_ID_HEADER } from '@intel-gateway/shared/http';
import { type CallerContext, GATEWAY_TOKEN_HEADER, type GatewayTokenSigner } from '@intel-gateway/shared/identity';
import { type Span, SPAN_ATTRIBUTES, SpanStatusCode, type Tracing } from '@intel-gateway/shared/observability';
import { noteReleaseWrites } from './audit/releaseWrites';
import type { GatewayContext } from './gatewayContext';
import { releaseGrantReportsOf } from './policy/releaseGrantReports';
import { sendSubgraphRequest, SubgraphCallFailure, SubgraphFailure, type SubgraphReply } from './sendSubgraphRequest';

/**
 * One keep-alive connection pool per gateway, shared by every subgraph. With `tls`, https://
 * subgraphs are checked against its CA (instead of the system's) and, with its certificate
 * and key, the gateway presents its own certificate (mutual TLS).
 */
export function createSubgraphAgent(tls: ClientTlsSettings = {}): Agent {
  return new Agent({
    // Shorter than the subgraphs' listeners keep an idle connection (SUBGRAPH_LISTENER_LIMITS), so the pool never sends on one they closed.
    keepAliveTimeout: GATEWAY_POOL_KEEP_ALIVE_MS,
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

export { SubgraphFailure };

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
 * The parts of a subgraph request's JSON body that are the same on every call of one
 * fetch (`{"query":…,"variables":` and the operation name after them), serialized once
 * when the fetch is prepared; a call then serializes only its variables.
 */
export interface SubgraphBodyParts {
  query: string;
  operationName: string | undefined;
  head: string;
  tail: string;
}

/** The fixed parts of the body `{"query":…,"variables":…,"operationName":…}`, as JSON.stringify writes it. */
export function subgraphBodyParts(query: string, operationName: string | undefined): SubgraphBodyParts {
  return {
    query,
    operationName,
    head: `{"query":${JSON.stringify(query)},"variables":`,
    tail: operationName === undefined ? '}' : `,"operationName":${JSON.stringify(operationName)}}`,
  };
}

/** Where a caller of `process` hands the prepared body parts of its request (the own plan executor does). */
export const SUBGRAPH_BODY_PARTS = Symbol('subgraph body parts');

/**
 * Calls a subgraph over undici's dispatcher on a keep-alive pool. The stock
 * RemoteGraphQLDataSource builds node-fetch `Request` and `Headers` objects and goes
 * through make-fetch-happen on every call; this one sends the body straight to a pooled
 * connection and reads the answer from its chunks (see sendSubgraphRequest). A fetch of
 * the own executor hands the fixed parts of its body prepared (SUBGRAPH_BODY_PARTS). A subgraph that cannot be reached, does not answer in full within the
 * total deadline (however slowly it trickles bytes), or answers more than the largest
 * answer allowed (counted as the bytes arrive, not trusting its content-length) gives
 * SUBGRAPH_UNAVAILABLE errors naming the subgraph and the reason, at the paths of the
 * fields it was asked for, so the rest of the operation still returns. What an answer
 * says of the release grants the subgraph held for the caller is noted for the request's
 * record checks (`releaseGrantReportsOf`), and the release requests, decisions and grants the operator's
 * subgraph says it wrote, for the audit record (`noteReleaseWrites`).
 *
 * Each call carries the operation's request id (`x-request-id`), so the subgraph logs
 * under it; with tracing on, each call is a client span under the request's span and
 * carries its W3C `traceparent`, so the subgraph's span joins the trace.
 */
export class UndiciDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly target: URL;
  private readonly path: string;

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
    this.path = this.target.pathname + this.target.search;
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
      if (context) {
        releaseGrantReportsOf(context).heard(this.subgraphName, body.extensions);
        noteReleaseWrites(context, this.subgraphName, body.extensions);
      }
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
    const parts = (options as { [SUBGRAPH_BODY_PARTS]?: SubgraphBodyParts })[SUBGRAPH_BODY_PARTS];
    // The bytes signed are the bytes sent.
    const body = Buffer.from(
      parts && parts.query === query && parts.operationName === operationName && variables && !extensions
        ? parts.head + JSON.stringify(variables) + parts.tail
        : JSON.stringify({ query, variables, operationName, extensions }),
    );
    const path = this.path;
    if (this.signToken) {
      // Only operations that came through authentication reach a subgraph, with their caller.
      if (!caller?.principal) throw new Error(`no authenticated caller for a request to subgraph "${this.subgraphName}"`);
      headers[GATEWAY_TOKEN_HEADER] = this.signToken(caller, this.subgraphName, { method: 'POST', path, body });
    }
    const { timeoutMs, maxResponseBytes } = this.limits;
    let reply: SubgraphReply;
    try {
      reply = await sendSubgraphRequest(this.dispatcher, { origin: this.target.origin, path, headers, body, timeoutMs, maxResponseBytes });
    } catch (cause) {
      if (cause instanceof SubgraphCallFailure) throw this.failure(cause.reason, cause);
      throw this.failure(SubgraphFailure.UNREACHABLE, cause);
    }
    span?.setAttribute('http.response.status_code', reply.statusCode);
    let answer: GatewayGraphQLResponse;
    try {
      answer = JSON.parse(reply.text) as GatewayGraphQLResponse;
    } catch (cause) {
      throw this.failure(SubgraphFailure.BAD_RESPONSE, cause);
    }
    if (reply.statusCode >= 400 && !answer.errors && !answer.data) {
      throw this.failure(SubgraphFailure.BAD_RESPONSE, new Error(`HTTP ${reply.statusCode}`));
    }
    return answer;
  }

  private failure(reason: SubgraphFailure, cause: unknown): SubgraphCallError {
    const message =
      reason === SubgraphFailure.TIMEOUT
        ? `Subgraph "${this.subgraphName}" did not answer within ${this.limits.timeoutMs} ms`
        : reason === SubgraphFailure.RESPONSE_TOO_LARGE
          ? `Subgraph "${this.subgraphName}" answered more than ${this.limits.maxResponseBytes} bytes`
          : `Subgraph "${this.subgraphName}" is unavailable`;
    return new SubgraphCallError(reason, message, cause);
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
