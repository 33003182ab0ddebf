import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Principal } from '../principal';

/**
 * The header that names a request: taken from the caller when well formed, returned on
 * every answer, sent on by the gateway with each subgraph call, and written on every log
 * line and audit record of the request.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may send as a request id: short, and nothing that could break a log line or a header. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** One HTTP request as the service's code sees it: its id, its logger, and who called once that is known. */
export interface RequestScope {
  /** The caller's `x-request-id` when well formed, otherwise a new UUID. */
  readonly id: string;
  /** The service's logger, writing `requestId` on every line. */
  readonly logger: Logger;
  /** The authenticated caller, set by whoever authenticates the request; the access line names its agency and user. */
  caller?: Pick<Principal, 'agency' | 'user'>;
  /** The request's server span while traces are recorded (see createTracing). */
  span?: Span;
}

/** A GraphQL context that knows the HTTP request it serves (absent for operations run outside HTTP). */
export interface RequestScoped {
  requestScope?: RequestScope;
}

/**
 * The scope of one incoming request. A malformed caller id (too long, empty, or with
 * characters outside `A-Z a-z 0-9 . _ : -`) is replaced, not cleaned, so what the logs show
 * is either exactly what the caller sent or ours.
 */
export function createRequestScope(req: IncomingMessage, logger: Logger): RequestScope {
  const sent = req.headers[REQUEST_ID_HEADER];
  const id = typeof sent === 'string' && WELL_FORMED_REQUEST_ID.test(sent) ? sent : randomUUID();
  return { id, logger: logger.child({ requestId: id }) };
}
