import { type IncomingMessage, type Server, ServerResponse } from 'node:http';

/**
 * How long a listener holds a connection, and how many it holds at once. Each bound cuts a
 * connection a caller keeps without using it: idle between requests, sending a request too
 * slowly, or not reading its answer.
 */
export interface ListenerLimits {
  /** How long a connection may sit idle between two requests before it is closed. */
  keepAliveTimeoutMs: number;
  /** How long a request's headers may take to arrive, from its first byte. */
  headersTimeoutMs: number;
  /** How long a whole request, headers and body, may take to arrive (at least `headersTimeoutMs`). */
  requestTimeoutMs: number;
  /**
   * How long an answer being sent may go without progress (the caller not reading it)
   * before its connection is destroyed and the answer dropped. It starts when the answer
   * does, so an operation that runs long before answering is not cut by it.
   */
  responseIdleTimeoutMs: number;
  /** Connections held at once; past it a new connection is closed as soon as it opens. */
  maxConnections: number;
}

/**
 * How long the gateway's subgraph pool keeps an idle connection (createSubgraphAgent's
 * `keepAliveTimeout`): a subgraph must keep its end open longer (see SUBGRAPH_LISTENER_LIMITS).
 */
export const GATEWAY_POOL_KEEP_ALIVE_MS = 60_000;

/**
 * The gateway's public listener (GATEWAY_HTTP_* settings): short, as for any listener open
 * to many clients. Idle keep-alive for 5 s (Node's own default), 10 s for headers, 30 s for
 * a request body of at most 1 MB, 30 s without progress for an answer, and 1000
 * connections, well above the clients a gateway serves at once and enough to keep a
 * client that opens connections without end from running the process out of file handles.
 */
export const PUBLIC_LISTENER_LIMITS: ListenerLimits = {
  keepAliveTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  responseIdleTimeoutMs: 30_000,
  maxConnections: 1_000,
};

/**
 * A subgraph's listener, whose one client is the gateway's keep-alive pool. Its idle
 * keep-alive (65 s) outlasts the pool's (GATEWAY_POOL_KEEP_ALIVE_MS, 60 s), so the gateway
 * always closes an idle connection first and never sends a request on one the subgraph has
 * just closed (undici also reads the subgraph's `Keep-Alive: timeout=65` hint and closes
 * 2 s before it). Headers and requests keep the times they had before (66 s, Node's
 * 300 s): the gateway sends each request at once. No cap on connections: the pool caps its own (128 per subgraph per gateway), and a cap here would
 * have to know how many gateways run.
 */
export const SUBGRAPH_LISTENER_LIMITS: ListenerLimits = {
  keepAliveTimeoutMs: GATEWAY_POOL_KEEP_ALIVE_MS + 5_000,
  headersTimeoutMs: GATEWAY_POOL_KEEP_ALIVE_MS + 6_000,
  requestTimeoutMs: 300_000,
  responseIdleTimeoutMs: 30_000,
  maxConnections: Infinity,
};

/**
 * The `node:http` server options that carry these limits: the header and request
 * timeouts, checked often enough that a bound is not overshot by much (Node checks every
 * 30 s by default), and a response class that arms the response idle timeout.
 */
export function listenerServerOptions(limits: ListenerLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 5))),
    ServerResponse: responseWithIdleTimeout(limits.responseIdleTimeoutMs),
  };
}

/** Sets the limits a server takes as properties: keep-alive and the connection cap. */
export function applyListenerLimits(server: Server, limits: ListenerLimits): void {
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}

/**
 * A response that arms its connection's idle timeout when it starts (every response
 * writes its head, explicitly or on its first write): from then on, a connection on which
 * nothing has been written for `idleMs` is destroyed (Node destroys a timed-out socket
 * nobody listens for), which frees the answer it still held. Node counts the progress of
 * a write under way, so a caller that reads a large answer slowly but steadily is not cut. Once the answer is sent, Node
 * replaces the timeout with the keep-alive one, and a next request on the connection
 * clears it until its own answer starts.
 */
function responseWithIdleTimeout(idleMs: number): typeof ServerResponse {
  return class ResponseWithIdleTimeout<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    override writeHead(statusCode: number, ...rest: unknown[]): this {
      this.socket?.setTimeout(idleMs);
      return (super.writeHead as (statusCode: number, ...rest: unknown[]) => this)(statusCode, ...rest);
    }
  };
}
