import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';
import { RequestRefusedError } from '../errors';
import { applyListenerLimits, type ListenerLimits, listenerServerOptions, PUBLIC_LISTENER_LIMITS } from './listenerLimits';
import { createRequestScope, REQUEST_ID_HEADER, type RequestScope } from './requestScope';

/** A non-GraphQL endpoint such as `/healthz`; `scope` is the request's id and logger (and caller, once it authenticates). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, scope: RequestScope) => void | Promise<void>;

export interface GraphQLHttpServerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /**
   * Builds the per-request context (loaders, caller) from the incoming request's headers,
   * before its body is read: a caller refused here (RequestRefusedError) costs no body
   * read, and its connection is closed. It should set `scope.caller` once the caller is
   * authenticated, so the access line names them.
   */
  context: (req: IncomingMessage, scope: RequestScope) => Promise<C>;
  /**
   * Checks a `/graphql` request's exact body bytes (empty without a body) once read, before
   * it is parsed; may throw RequestRefusedError (a subgraph checks here that the gateway's
   * token was signed for this very body).
   */
  acceptBody?: (body: Buffer, context: C) => void;
  /** Serve HTTPS with this certificate and key; with `clientCa`, only clients with a certificate it signed are served. */
  tls?: ServerTlsSettings;
  /** The service's logger; each request logs through a child of it that carries the request id. */
  logger: Logger;
  graphqlPath?: string;
  routes?: Record<string, RouteHandler>;
  /** Request bodies above this size are refused with 413 before parsing. */
  maxBodyBytes?: number;
  /** Keep the caller's `x-request-id` as the request's id: only for a service whose one caller is the gateway. */
  trustRequestId?: boolean;
  /**
   * Rewrites a `/graphql` request once its caller is known, before Apollo reads it (the
   * gateway resolves operation ids to trusted documents here); may throw RequestRefusedError.
   */
  prepareRequest?: (request: GraphQLHttpRequestParts, context: C) => GraphQLHttpRequestParts;
  /** How long connections are held, and how many at once; PUBLIC_LISTENER_LIMITS unless given (a subgraph gives its own). */
  listenerLimits?: ListenerLimits;
}

/** The parts of a `/graphql` request that carry the operation: the parsed body and the query string. */
export interface GraphQLHttpRequestParts {
  method: string;
  body: unknown;
  search: string;
}

/** A server's TLS material, PEM: its certificate (chain) and key, and the CA its clients' certificates must chain to (mutual TLS). */
export interface ServerTlsSettings {
  cert: Buffer;
  key: Buffer;
  clientCa?: Buffer;
}

class PayloadTooLargeError extends Error {}

/**
 * A request's body as text, refused past `limit` bytes: the server answers those with 413,
 * for `/graphql` and for any route that reads its body with this.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return (await readBodyBytes(req, limit)).toString('utf8');
}

/** A request's body as the exact bytes received, refused past `limit` bytes (see readBody). */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping the body but drain it, so the 413 can still be sent.
        reject(new PayloadTooLargeError());
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers with `body` as JSON; `headers` may add to or replace the content type. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * The path a request is routed by: the URL parser's, so `/./graphql` or `/a/../graphql`
 * is `/graphql` for routing, metrics and traces alike.
 */
export function routedPath(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://local').pathname;
}

/** Longest path an access line repeats; the rest of a longer one is cut. */
const MAX_LOGGED_PATH = 256;

/**
 * Serves an ApolloServer over plain node:http, with extra routes beside it. No web
 * framework sits in the hot path: the request goes straight to
 * `executeHTTPGraphQLRequest`, which keeps Apollo's CSRF prevention and error handling.
 *
 * Every request gets a scope (see createRequestScope): its id is returned in `x-request-id`,
 * and once the response closes one JSON access line is logged at `info`: method, path
 * (never the query string, which may hold an operation's variables), status, duration,
 * request id, and the caller's agency and user when it authenticated. No header is logged.
 *
 * Connections are held within `listenerLimits` (idle keep-alive, slow requests, answers
 * not being read, connections at once; see ListenerLimits).
 */
export function createGraphQLHttpServer<C extends BaseContext>(options: GraphQLHttpServerOptions<C>): Server {
  const {
    apollo,
    context,
    logger,
    routes = {},
    graphqlPath = '/graphql',
    maxBodyBytes = 1_000_000,
    prepareRequest,
    acceptBody,
    trustRequestId = false,
  } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = routedPath(req);
    const route = routes[path];
    if (route) return route(req, res, scope);
    if (path !== graphqlPath) return sendJson(res, 404, { error: 'not found' });

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // Who asks is known from the headers alone, before a byte of the body is read.
    let requestContext: C;
    try {
      requestContext = await context(req, scope);
    } catch (error) {
      if (error instanceof RequestRefusedError) return refuseUnread(req, res, error);
      throw error;
    }
    const bytes = req.method === 'POST' ? await readBodyBytes(req, maxBodyBytes) : Buffer.alloc(0);
    let body: unknown;
    let request: GraphQLHttpRequestParts;
    try {
      acceptBody?.(bytes, requestContext);
      if (req.method === 'POST') {
        const text = bytes.toString('utf8');
        const contentType = headers.get('content-type') ?? '';
        if (text.length > 0 && contentType.startsWith('application/json')) {
          try {
            body = JSON.parse(text);
          } catch {
            return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          }
        } else {
          body = text;
        }
      }
      request = { method: req.method ?? 'GET', body, search: url.search };
      if (prepareRequest) request = prepareRequest(request, requestContext);
    } catch (error) {
      if (error instanceof RequestRefusedError) return sendJson(res, error.status, error.toResponseBody());
      throw error;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method, headers, search: request.search, body: request.body },
      context: async () => requestContext,
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };

  // A logger above `info` (LOG_LEVEL=warn, say) writes no access line, and pays nothing for it.
  const accessLog = logger.isLevelEnabled('info');
  const listener: RequestListener = (req, res) => {
    const started = performance.now();
    const scope = createRequestScope(req, logger, trustRequestId);
    res.setHeader(REQUEST_ID_HEADER, scope.id);
    if (accessLog) {
      res.once('close', () => {
        const path = (req.url ?? '/').split('?')[0]!;
        scope.logger.info(
          {
            method: req.method,
            path: path.length > MAX_LOGGED_PATH ? path.slice(0, MAX_LOGGED_PATH) : path,
            status: res.statusCode,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            agency: scope.caller?.agency,
            user: scope.caller?.user,
            aborted: res.writableFinished ? undefined : true,
          },
          'request',
        );
      });
    }
    handle(req, res, scope).catch((error: unknown) => {
      // Routes refuse the same way GraphQL requests do.
      if (error instanceof RequestRefusedError && !res.headersSent) return refuseUnread(req, res, error);
      if (error instanceof PayloadTooLargeError) {
        res.setHeader('connection', 'close');
        if (!res.headersSent) sendJson(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      scope.logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  };
  const limits = options.listenerLimits ?? PUBLIC_LISTENER_LIMITS;
  const serverOptions = listenerServerOptions(limits);
  const server: Server = options.tls
    ? createHttpsServer(
        {
          ...serverOptions,
          cert: options.tls.cert,
          key: options.tls.key,
          ...(options.tls.clientCa ? { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
        },
        listener,
      )
    : createServer(serverOptions, listener);
  applyListenerLimits(server, limits);
  return server;
}

/**
 * Answers a refusal made before the request's body was read, and closes the connection
 * rather than read (or drain) a body nobody vouched for.
 */
function refuseUnread(req: IncomingMessage, res: ServerResponse, error: RequestRefusedError): void {
  const hasBody =
    req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined;
  sendJson(res, error.status, error.toResponseBody(), hasBody && !req.complete ? { connection: 'close' } : {});
}

/** Listens and resolves to the server's base URL (port 0 picks a free port; an HTTPS server's URL is https://). */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`${server instanceof TlsServer ? 'https' : 'http'}://${hostPart}:${address.port}`);
    });
  });
}

/**
 * How long requests in flight may run on after a shutdown began, before their connections
 * are cut: inside the process's 25 s shutdown deadline (SHUTDOWN_DEADLINE_MS), so a service
 * with a request still open at that point cuts it, stops cleanly and exits 0.
 */
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * Stops accepting connections and lets requests in flight finish: a keep-alive connection
 * is closed as soon as it is idle (Node closes only those idle when `close` is called, so
 * a connection whose request finishes later would otherwise hold shutdown open until its
 * keep-alive timeout). After the grace period, whatever is left is cut.
 */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
