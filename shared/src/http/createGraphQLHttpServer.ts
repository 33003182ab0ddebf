import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { RequestRefusedError } from '../errors';

/** A non-GraphQL endpoint such as `/healthz`. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GraphQLHttpServerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Builds the per-request context (loaders, caller) from the incoming request. */
  context: (req: IncomingMessage) => Promise<C>;
  logger: Logger;
  graphqlPath?: string;
  routes?: Record<string, RouteHandler>;
  /** Request bodies above this size are refused with 413 before parsing. */
  maxBodyBytes?: number;
  /**
   * Rewrites a `/graphql` request once its caller is known, before Apollo reads it (the
   * gateway resolves operation ids to trusted documents here); may throw RequestRefusedError.
   */
  prepareRequest?: (request: GraphQLHttpRequestParts, context: C) => GraphQLHttpRequestParts;
}

/** The parts of a `/graphql` request that carry the operation: the parsed body and the query string. */
export interface GraphQLHttpRequestParts {
  method: string;
  body: unknown;
  search: string;
}

class PayloadTooLargeError extends Error {}

/**
 * A request's body as text, refused past `limit` bytes: the server answers those with 413,
 * for `/graphql` and for any route that reads its body with this.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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
 * Serves an ApolloServer over plain node:http, with extra routes beside it. No web
 * framework sits in the hot path: the request goes straight to
 * `executeHTTPGraphQLRequest`, which keeps Apollo's CSRF prevention and error handling.
 */
export function createGraphQLHttpServer<C extends BaseContext>(options: GraphQLHttpServerOptions<C>): Server {
  const { apollo, context, logger, routes = {}, graphqlPath = '/graphql', maxBodyBytes = 1_000_000, prepareRequest } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const route = routes[url.pathname];
    if (route) return route(req, res);
    if (url.pathname !== graphqlPath) return sendJson(res, 404, { error: 'not found' });

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const text = await readBody(req, maxBodyBytes);
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
    // The context is built before GraphQL runs, so a refused request gets its own status and no data.
    let requestContext: C;
    let request: GraphQLHttpRequestParts = { method: req.method ?? 'GET', body, search: url.search };
    try {
      requestContext = await context(req);
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Routes refuse the same way GraphQL requests do.
      if (error instanceof RequestRefusedError && !res.headersSent) return sendJson(res, error.status, error.toResponseBody());
      if (error instanceof PayloadTooLargeError) {
        res.setHeader('connection', 'close');
        if (!res.headersSent) sendJson(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
  // Keep connections from the gateway open between requests; reconnecting costs more than the request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/** Listens and resolves to the server's base URL (port 0 picks a free port). */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${hostPart}:${address.port}`);
    });
  });
}

/** How long requests in flight may run on after a shutdown began, before their connections are cut. */
const SHUTDOWN_GRACE_MS = 30_000;

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
