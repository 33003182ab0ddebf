import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { routedPath } from '@intel-gateway/shared/http';

/**
 * The gateway's Prometheus metrics, served at `/metrics` (prom-client, one registry per
 * gateway so that two gateways in one process, as in tests, do not mix):
 *
 * - `intel_gateway_http_requests_total{route,status}` and
 *   `intel_gateway_http_request_duration_seconds{route}`: every HTTP request, by route
 *   (known routes only, so a client cannot create label values) and status code;
 * - `intel_gateway_graphql_errors_total{code}`: errors in GraphQL answers, by error code;
 * - `intel_gateway_denials_total{reason}`: fields the policy denied, by reason;
 * - `intel_gateway_subgraph_fetch_duration_seconds{subgraph,outcome}`: every subgraph fetch;
 * - `intel_gateway_audit_write_duration_seconds{outcome}`: how long each answer waited for
 *   its audit record to be acknowledged durably (`ok`), or to fail (`error`, answered 503);
 * - Node's process metrics (CPU, memory, event-loop lag, GC), prefixed `intel_gateway_`.
 *
 * No label carries a record id, an agency or a user: those belong to the audit trail.
 */
export interface GatewayMetrics {
  registry: Registry;
  /** Times every HTTP request the server answers; `routes` are the paths it serves, the only values of the route label. */
  instrument(server: Server, routes: readonly string[]): void;
  /** Counts the errors and denials of each GraphQL answer. */
  plugin(): ApolloServerPlugin<BaseContext>;
  /** Records one subgraph fetch. */
  observeSubgraphFetch(subgraph: string, seconds: number, outcome: 'ok' | 'error'): void;
  /** Records how long one answer waited for its audit record. */
  observeAuditWrite(seconds: number, outcome: 'ok' | 'error'): void;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'intel_gateway_' });
  const requests = new Counter({
    name: 'intel_gateway_http_requests_total',
    help: 'HTTP requests answered, by route and status code.',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'intel_gateway_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by route.',
    labelNames: ['route'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'intel_gateway_graphql_errors_total',
    help: 'Errors in GraphQL answers, by error code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const denials = new Counter({
    name: 'intel_gateway_denials_total',
    help: 'Fields the policy denied, by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const subgraphFetch = new Histogram({
    name: 'intel_gateway_subgraph_fetch_duration_seconds',
    help: 'Time of each fetch from a subgraph, by subgraph and outcome.',
    labelNames: ['subgraph', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const auditWrite = new Histogram({
    name: 'intel_gateway_audit_write_duration_seconds',
    help: 'Time each answer waited for its audit record to be written durably, by outcome.',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    instrument(server, routes) {
      const known = new Set(routes);
      const routeOf = (req: IncomingMessage) => {
        const path = routedPath(req);
        return known.has(path) ? path : 'other';
      };
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const stop = requestDuration.startTimer({ route: routeOf(req) });
        res.once('finish', () => {
          stop();
          requests.inc({ route: routeOf(req), status: String(res.statusCode) });
        });
      });
    },
    plugin: () => ({
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            if (response.body.kind !== 'single') return;
            for (const error of response.body.singleResult.errors ?? []) {
              const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
              errors.inc({ code });
              if (code === 'FORBIDDEN' && typeof error.extensions?.reason === 'string') denials.inc({ reason: error.extensions.reason });
            }
          },
        };
      },
    }),
    observeSubgraphFetch(subgraph, seconds, outcome) {
      subgraphFetch.observe({ subgraph, outcome }, seconds);
    },
    observeAuditWrite(seconds, outcome) {
      auditWrite.observe({ outcome }, seconds);
    },
  };
}
