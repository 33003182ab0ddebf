import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { RequestScoped } from '@intel-gateway/shared/http';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { EnforcedDisclosure } from './policy/recordChecks';

/**
 * The GraphQL context of a gateway operation, built once per request (server.ts) and read
 * only after that: the authenticated caller and, for an operation that came over HTTP, the
 * request's scope (id, logger, span), which the subgraph calls, the audit record and the
 * logs take the request id from. `onDisclosed`, when set (the STIX export), is told every
 * record the answer disclosed, with the release facts it was checked on.
 */
export type GatewayContext = Readonly<
  CallerContext & RequestScoped & { onDisclosed?: (disclosures: readonly EnforcedDisclosure[]) => void }
>;

/**
 * The gateway context of an operation, as the executor layers receive it (Apollo types a
 * gateway's context as any record). Every operation that reaches them came through the
 * gateway's context builder; one without a caller is a wiring fault and fails, never runs
 * as nobody.
 */
export function gatewayContextOf(requestContext: Pick<GatewayGraphQLRequestContext, 'context'>): GatewayContext {
  const context = requestContext.context as Partial<GatewayContext>;
  if (!context.principal) throw new Error('an operation reached the executor without an authenticated caller');
  return context as GatewayContext;
}
