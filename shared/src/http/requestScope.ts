import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Principal } from '../identity/principal';

/**
 * The header that names a request: made by the gateway (a caller's own value is only
 * logged beside it), returned on every answer, sent on with each subgraph call (a subgraph
 * takes the gateway's), and written on every log line and audit record of the request.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may send as a request id: short, and nothing that could break a log line or a header. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** One HTTP request as the service's code sees it: its id, its logger, and who called once that is known. */
export interface RequestScope {
  /** A new UUID, or the gateway's id at a subgraph (see createRequestScope). */
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
 * The scope of one incoming request. Its id is a new UUID unless `trustSentId` says the
 * only caller is the gateway (a subgraph), whose well-formed id is then kept. An outside
 * caller never chooses the id an audit record, a span or another service's log is filed
 * under: its own well-formed `x-request-id` is logged beside ours as `clientRequestId`, in
 * this service's log only. A malformed one (too long, empty, or with characters outside
 * `A-Z a-z 0-9 . _ : -`) is dropped.
 */
export function createRequestScope(req: IncomingMessage, logger: Logger, trustSentId = false): RequestScope {
  const sent = req.headers[REQUEST_ID_HEADER];
  const wellFormed = typeof sent === 'string' && WELL_FORMED_REQUEST_ID.test(sent) ? sent : undefined;
  if (trustSentId && wellFormed) return { id: wellFormed, logger: logger.child({ requestId: wellFormed }) };
  const id = randomUUID();
  return { id, logger: logger.child(wellFormed ? { requestId: id, clientRequestId: wellFormed } : { requestId: id }) };
}
