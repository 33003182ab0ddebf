import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  type Attributes,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { TracingSettings } from '../config/parseConfig';
import { routedPath } from '../http/createGraphQLHttpServer';
import { REQUEST_ID_HEADER } from '../http/requestScope';

export { SpanStatusCode, type Span } from '@opentelemetry/api';

/**
 * Span attributes of our own, beside OpenTelemetry's HTTP and GraphQL conventions
 * (`http.request.method`, `url.path`, `http.response.status_code`, `graphql.operation.*`).
 * No span carries a user, a record or an operation's variables: traces leave the service.
 */
export const SPAN_ATTRIBUTES = {
  requestId: 'intel_gateway.request_id',
  agency: 'intel_gateway.agency',
  subgraph: 'intel_gateway.subgraph',
} as const;

/** A service's traces: how its requests and subgraph calls become spans, and how they are flushed. */
export interface Tracing {
  /**
   * Gives each request to one of `paths` a server span, from its arrival until its response
   * closes, with method, path, status and request id. A subgraph (`continueTrace`) continues
   * the trace named by the caller's W3C `traceparent`; the gateway starts its own, since
   * its callers are outside.
   */
  instrument(server: Server, options: { paths: readonly string[]; continueTrace: boolean }): void;
  /** The server span of a request being answered by an instrumented server. */
  requestSpan(req: IncomingMessage): Span | undefined;
  /** Starts a client span under `parent` and writes its `traceparent` into `headers`, for the call it times. */
  startClientSpan(name: string, parent: Span, attributes: Attributes, headers: Record<string, string>): Span;
  /** Ends tracing: spans not yet exported are flushed first. */
  shutdown(): Promise<void>;
}

/**
 * The one place a service sets tracing up. With `OTEL_TRACES_EXPORTER=none` (the default)
 * it returns undefined: no tracer provider is made, nothing is registered, and callers skip
 * every span. Otherwise a tracer provider of the service's own (nothing global, so that
 * services sharing a process keep their names) batches spans to the OTLP/HTTP endpoint or
 * the console. Every request the gateway takes is recorded; a subgraph records what its
 * caller's trace records.
 */
export function createTracing(settings: TracingSettings): Tracing | undefined {
  if (settings.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const exporter =
    settings.OTEL_TRACES_EXPORTER === 'otlp'
      ? new OTLPTraceExporter({ url: settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT })
      : new ConsoleSpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.OTEL_SERVICE_NAME }),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('intel-gateway');
  const propagator = new W3CTraceContextPropagator();
  const spans = new WeakMap<IncomingMessage, Span>();

  return {
    instrument(server, { paths, continueTrace }) {
      const traced = new Set(paths);
      // First in line, so the span exists before the request's own handler runs.
      server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
        const path = routedPath(req);
        if (!traced.has(path)) return;
        const method = req.method ?? 'GET';
        const parent = continueTrace ? propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter) : ROOT_CONTEXT;
        const span = tracer.startSpan(
          `${method} ${path}`,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path } },
          parent,
        );
        spans.set(req, span);
        res.once('close', () => {
          const requestId = res.getHeader(REQUEST_ID_HEADER);
          if (typeof requestId === 'string') span.setAttribute(SPAN_ATTRIBUTES.requestId, requestId);
          span.setAttribute('http.response.status_code', res.statusCode);
          if (!res.writableFinished)
            span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed before the response was sent' });
          else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        });
      });
    },
    requestSpan: (req) => spans.get(req),
    startClientSpan(name, parent, attributes, headers) {
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, trace.setSpan(ROOT_CONTEXT, parent));
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
      return span;
    },
    shutdown: () => provider.shutdown(),
  };
}
