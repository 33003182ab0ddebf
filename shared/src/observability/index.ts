/** Logs, traces and the per-request scope they share. */
export { type ErrorLoggers, createErrorLoggers } from './createErrorLoggers';
export { SpanStatusCode, type Span, SPAN_ATTRIBUTES, type Tracing, createTracing } from './createTracing';
export { type Logger, createLogger } from './logger';
export { REQUEST_ID_HEADER, type RequestScope, type RequestScoped, createRequestScope } from './requestScope';
