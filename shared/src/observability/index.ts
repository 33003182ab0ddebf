/** Logs, traces and error logging, all keyed by the request scope the HTTP server opens. */
export { type ErrorLoggers, createErrorLoggers } from './createErrorLoggers';
export { SpanStatusCode, type Span, SPAN_ATTRIBUTES, type Tracing, createTracing } from './createTracing';
export { type Logger, createLogger } from './logger';
