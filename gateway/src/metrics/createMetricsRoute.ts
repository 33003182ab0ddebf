import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { routedPath } from '@intel-gateway/shared/http';
import type { Logger } from '@intel-gateway/shared/observability';

/** Whether an Authorization header carries `Bearer <token>`, compared in constant time. */
function createBearerCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = createHash('sha256').update(token).digest();
  return (authorization) => {
    const presented = authorization?.match(/^Bearer (\S+)$/)?.[1];
    return presented !== undefined && timingSafeEqual(createHash('sha256').update(presented).digest(), expected);
  };
}

/**
 * `/metrics`: counts and latencies only, no record, agency or user, for the operator's
 * Prometheus. With `token`, only requests with `Authorization: Bearer <token>` get them (401 otherwise).
 */
export function createMetricsRoute(
  registry: Registry,
  token: string | undefined,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const access = token === undefined ? undefined : createBearerCheck(token);
  return async (req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (access && !access(req.headers.authorization)) {
      res
        .writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain; charset=utf-8' })
        .end('metrics: operator token required\n');
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
  };
}

/** A server of its own for `/metrics` alone (404 for anything else), to listen on an operator-only address. */
export function createMetricsServer(route: (req: IncomingMessage, res: ServerResponse) => Promise<void>, logger: Logger): Server {
  return createServer((req, res) => {
    if (routedPath(req) !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'metrics scrape failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
}
