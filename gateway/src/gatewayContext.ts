import type { CallerContext } from '@intel-gateway/shared/identity';
import type { RequestScoped } from '@intel-gateway/shared/http';

/**
 * The GraphQL context of a gateway operation: the authenticated caller and, for an
 * operation that came over HTTP, the request's scope (id, logger, span), which the
 * subgraph calls, the audit record and the logs take the request id from.
 */
export type GatewayContext = CallerContext & RequestScoped;
