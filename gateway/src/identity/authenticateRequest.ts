import type { IncomingMessage } from 'node:http';
import { ErrorCode, type RefusalReasonSet, RequestRefusedError } from '@intel-gateway/shared/errors';
import type { RequestScope } from '@intel-gateway/shared/http';
import type { CallerContext, Principal } from '@intel-gateway/shared/identity';
import { type Purpose, PURPOSES } from '@intel-gateway/shared/records';
import { TokenRefusal } from './createAgencyTokenVerifier';

/** Why a request was refused over its declared purpose (`extensions.reason`). */
export const PurposeRefusal = {
  MISSING: 'PURPOSE_MISSING',
  NOT_ALLOWED: 'PURPOSE_NOT_ALLOWED',
} as const satisfies RefusalReasonSet;

/** The header that declares an operation's purpose. */
export const PURPOSE_HEADER = 'x-purpose';

/** Who is calling: the principal behind a request's bearer token (401 when there is none valid). */
export function createPrincipalAuthenticator(
  verify: (token: string | undefined) => Promise<Principal>,
): (req: IncomingMessage) => Promise<Principal> {
  return async (req) => {
    const authorization = req.headers.authorization;
    const bearer = authorization?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/)?.[1];
    if (authorization !== undefined && bearer === undefined) {
      throw new RequestRefusedError(
        401,
        ErrorCode.UNAUTHENTICATED,
        TokenRefusal.MALFORMED,
        'The Authorization header must be "Bearer <token>".',
      );
    }
    return verify(bearer);
  };
}

/**
 * Reads the bearer token and the declared purpose of a request. The purpose must be one
 * of the principal's allowed purposes; otherwise the request is refused (403) before any
 * GraphQL runs.
 */
export function createRequestAuthenticator(
  authenticatePrincipal: (req: IncomingMessage) => Promise<Principal>,
): (req: IncomingMessage) => Promise<CallerContext> {
  return async (req) => {
    const principal = await authenticatePrincipal(req);
    const declared = req.headers[PURPOSE_HEADER];
    if (typeof declared !== 'string' || declared.length === 0) {
      throw new RequestRefusedError(
        403,
        ErrorCode.FORBIDDEN,
        PurposeRefusal.MISSING,
        `Declare the operation's purpose in the "${PURPOSE_HEADER}" header (${PURPOSES.join(', ')}).`,
      );
    }
    if (!principal.purposes.includes(declared as Purpose)) {
      throw new RequestRefusedError(
        403,
        ErrorCode.FORBIDDEN,
        PurposeRefusal.NOT_ALLOWED,
        `Purpose "${declared.slice(0, 64)}" is not one of your allowed purposes.`,
      );
    }
    return { principal, purpose: declared as Purpose };
  };
}

/** How the gateway authenticates a request: for an operation (token and purpose), or for its own schema (token only). */
export interface GatewayAuthenticator {
  /** The caller of an operation: principal and declared purpose (401/403 otherwise). */
  caller(req: IncomingMessage, scope: RequestScope): Promise<CallerContext>;
  /** The principal alone, where no operation runs (the schema download). */
  principal(req: IncomingMessage, scope: RequestScope): Promise<Principal>;
}

/**
 * The gateway's authentication of a request, which is also the one place the request's
 * scope learns its caller (so the access line and the logs name it), once authenticated.
 */
export function createGatewayAuthenticator(verify: (token: string | undefined) => Promise<Principal>): GatewayAuthenticator {
  const authenticatePrincipal = createPrincipalAuthenticator(verify);
  const authenticateCaller = createRequestAuthenticator(authenticatePrincipal);
  const identified = <T>(scope: RequestScope, principal: Principal, value: T): T => {
    scope.caller = principal;
    return value;
  };
  return {
    caller: async (req, scope) => {
      const caller = await authenticateCaller(req);
      return identified(scope, caller.principal, caller);
    },
    principal: async (req, scope) => {
      const principal = await authenticatePrincipal(req);
      return identified(scope, principal, principal);
    },
  };
}
