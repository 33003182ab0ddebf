import { createLocalJWKSet, errors, importJWK, jwtVerify, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ErrorCode, RequestRefusedError } from './errors';
import { AGENCY_KINDS, agencyClaimsSchema, type Principal } from './principal';
import { PURPOSES, type Purpose } from './provenance';

/** Who is asking, and for what: every operation runs with both, at the gateway and in each subgraph. */
export interface CallerContext {
  principal: Principal;
  /** Null only for the gateway's own readiness probe. */
  purpose: Purpose | null;
}

/** The header that carries the gateway's token to a subgraph. */
export const GATEWAY_TOKEN_HEADER = 'x-gateway-token';

/** Issuer the gateway signs subgraph tokens as. */
export const GATEWAY_TOKEN_ISSUER = 'intel-gateway';

const gatewayClaimsSchema = agencyClaimsSchema.extend({
  roles: agencyClaimsSchema.shape.roles.element.array(),
  purposes: z.array(z.enum(PURPOSES)),
  purpose: z.enum(PURPOSES).nullable(),
  agencyKind: z.enum(AGENCY_KINDS),
  agencyGroups: z.array(z.string().max(32)).max(32),
});

/**
 * Signs the caller into a short-lived token for one subgraph (the audience), so a subgraph
 * can trust who is asking without trusting the network. Tokens are reused per (caller,
 * purpose, subgraph) for half their life, so signing costs nothing on repeated requests.
 */
export function createGatewayTokenSigner(options: { privateKey: JWK; ttlSeconds: number }): (caller: CallerContext, subgraph: string) => Promise<string> {
  const key = importJWK(options.privateKey, 'EdDSA');
  const issued = new LRUCache<string, string>({ max: 10_000, ttl: (options.ttlSeconds * 1000) / 2 });
  return async (caller, subgraph) => {
    const cacheKey = JSON.stringify([caller.principal, caller.purpose, subgraph]);
    const cached = issued.get(cacheKey);
    if (cached) return cached;
    const { principal } = caller;
    const token = await new SignJWT({
      agency: principal.agency,
      agencyKind: principal.agencyKind,
      agencyGroups: principal.agencyGroups,
      country: principal.country,
      roles: principal.roles,
      clearance: principal.clearance,
      purposes: principal.purposes,
      projects: principal.projects,
      purpose: caller.purpose,
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: options.privateKey.kid })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setAudience(subgraph)
      .setSubject(principal.user)
      .setIssuedAt()
      .setExpirationTime(`${options.ttlSeconds}s`)
      .sign(await key);
    issued.set(cacheKey, token);
    return token;
  };
}

const refuse = (reason: string, message: string) => new RequestRefusedError(401, ErrorCode.UNAUTHENTICATED, reason, message);

/**
 * A subgraph's check of the gateway's token: signed by the gateway's key, for this
 * subgraph, in date. Anything else is refused with 401, so a subgraph reached around the
 * gateway (with an agency token, an old gateway token, another subgraph's token or none)
 * gives nothing.
 */
export function createGatewayTokenVerifier(options: { jwks: JSONWebKeySet; subgraph: string; clockToleranceSeconds?: number }): (token: string | undefined) => Promise<CallerContext> {
  const keys = createLocalJWKSet(options.jwks);
  return async (token) => {
    if (!token) throw refuse('GATEWAY_TOKEN_MISSING', 'This service answers only the gateway.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: GATEWAY_TOKEN_ISSUER,
        audience: options.subgraph,
        algorithms: ['EdDSA'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw refuse('GATEWAY_TOKEN_EXPIRED', 'The gateway token has expired.');
      throw refuse('GATEWAY_TOKEN_INVALID', 'The gateway token is not valid for this service.');
    }
    const claims = gatewayClaimsSchema.safeParse(payload);
    if (!claims.success) throw refuse('GATEWAY_TOKEN_INVALID', 'The gateway token is not valid for this service.');
    const { sub, purpose, ...rest } = claims.data;
    return { principal: { user: sub, ...rest }, purpose };
  };
}
