import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { parse } from 'graphql';
import type { Principal } from '@intel-gateway/shared/identity';

/** The caller of the executor layers' unit tests: an NCB-FR analyst, cleared to RESTRICTED, on criminal investigations. */
export const TEST_PRINCIPAL: Principal = {
  user: 'u1',
  agency: 'NCB-FR',
  agencyKind: 'NCB',
  agencyGroups: ['EU'],
  country: 'FR',
  roles: ['ANALYST'],
  clearance: 'RESTRICTED',
  purposes: ['CRIMINAL_INVESTIGATION'],
  projects: [],
};

/**
 * A request context as the executor layers get it, from TEST_PRINCIPAL for a criminal
 * investigation: for `query` (parsed, its text as its hash) or, without one, an empty
 * request; with a response of its own, whose status a test reads after the layer ran.
 * Unit tests only: not part of the built package.
 */
export function layerRequestContext(query?: string): GatewayGraphQLRequestContext {
  return {
    request: query === undefined ? {} : { query, variables: {} },
    ...(query === undefined ? {} : { document: parse(query), queryHash: query }),
    operationName: null,
    response: { http: { status: undefined } },
    context: { principal: TEST_PRINCIPAL, purpose: 'CRIMINAL_INVESTIGATION' },
  } as unknown as GatewayGraphQLRequestContext;
}
