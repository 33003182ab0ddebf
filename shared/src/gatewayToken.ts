import { createHash, createPrivateKey, randomUUID, sign, timingSafeEqual, type JsonWebKey } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWK } from 'jose';
import { z } from 'zod';
import { createReplayCache, type ReplayCache } from './createReplayCache';
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
  jti: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  iat: z.number().int(),
  exp: z.number().int(),
  htm: z.string().min(1).max(16),
  htu: z.string().min(1).max(2_048),
  body_sha256: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** The request a gateway token is signed for: its method, its path (with the query string, as sent) and its exact body. */
export interface SubgraphRequest {
  method: string;
  path: string;
  body: Uint8Array;
}

/** Signs one subgraph request for a caller (see createGatewayTokenSigner). */
export type GatewayTokenSigner = (caller: CallerContext, subgraph: string, request: SubgraphRequest) => string;

const base64url = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');

/** The SHA-256 of a request body, base64url: what a gateway token binds a request's body by. */
export function bodyDigest(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Signs the caller into a token for exactly one subgraph request: the subgraph (the
 * audience), the method, the path and the SHA-256 of the exact body bytes, with a random
 * id (`jti`) and a lifetime of `ttlSeconds`. A token is never reused: captured on the wire,
 * it fits only the request it came with, once, for a few seconds (the subgraph keeps the
 * ids it has seen until they expire). Signing is one Ed25519 signature and one SHA-256
 * per request, with node's crypto directly (tens of microseconds).
 */
export function createGatewayTokenSigner(options: { privateKey: JWK; ttlSeconds: number }): GatewayTokenSigner {
  const key = createPrivateKey({ key: options.privateKey as JsonWebKey, format: 'jwk' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the gateway signing key must be an Ed25519 key (OKP, crv Ed25519)');
  const header = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', ...(options.privateKey.kid ? { kid: options.privateKey.kid } : {}) }));
  return (caller, subgraph, request) => {
    const { principal } = caller;
    const issuedAt = Math.floor(Date.now() / 1000);
    const payload = base64url(
      JSON.stringify({
        agency: principal.agency,
        agencyKind: principal.agencyKind,
        agencyGroups: principal.agencyGroups,
        country: principal.country,
        roles: principal.roles,
        clearance: principal.clearance,
        purposes: principal.purposes,
        projects: principal.projects,
        purpose: caller.purpose,
        iss: GATEWAY_TOKEN_ISSUER,
        aud: subgraph,
        sub: principal.user,
        iat: issuedAt,
        exp: issuedAt + options.ttlSeconds,
        // 122 random bits from node's pooled generator: no system call per request.
        jti: randomUUID(),
        htm: request.method,
        htu: request.path,
        body_sha256: bodyDigest(request.body),
      }),
    );
    const signingInput = `${header}.${payload}`;
    return `${signingInput}.${sign(null, Buffer.from(signingInput), key).toString('base64url')}`;
  };
}

/** Why a subgraph refused the gateway token of a request (`extensions.reason`); each refusal has its own. */
export const GatewayTokenRefusal = {
  MISSING: 'GATEWAY_TOKEN_MISSING',
  INVALID: 'GATEWAY_TOKEN_INVALID',
  EXPIRED: 'GATEWAY_TOKEN_EXPIRED',
  /** Issued later than now (beyond the clock tolerance). */
  ISSUED_IN_FUTURE: 'GATEWAY_TOKEN_ISSUED_IN_FUTURE',
  /** Its lifetime (`exp − iat`) is longer than the subgraph accepts. */
  LIFETIME_TOO_LONG: 'GATEWAY_TOKEN_LIFETIME_TOO_LONG',
  /** Signed for another method or path than the request's. */
  REQUEST_MISMATCH: 'GATEWAY_TOKEN_REQUEST_MISMATCH',
  /** Signed for another body than the one received. */
  BODY_MISMATCH: 'GATEWAY_TOKEN_BODY_MISMATCH',
  /** Its id was already used. */
  REPLAYED: 'GATEWAY_TOKEN_REPLAYED',
  /** The replay cache holds as many live ids as it may; the request is refused rather than an id forgotten. */
  REPLAY_CACHE_FULL: 'GATEWAY_TOKEN_REPLAY_CACHE_FULL',
} as const;

const refuse = (reason: string, message: string) => new RequestRefusedError(401, ErrorCode.UNAUTHENTICATED, reason, message);

/** A request whose gateway token checked out from its headers: its caller, and the last check, of its body. */
export interface GatewayRequestCheck {
  caller: CallerContext;
  /**
   * Refuses (RequestRefusedError) unless `body` is byte for byte the body the token was
   * signed over, and the token's id was not used before; then spends the id.
   */
  acceptBody(body: Uint8Array): void;
}

/** A subgraph's check of a request's gateway token, from its headers (see createGatewayTokenVerifier). */
export type GatewayRequestVerifier = (token: string | undefined, request: { method: string; path: string }) => Promise<GatewayRequestCheck>;

/** Defaults of a subgraph's gateway-token check. */
export const GATEWAY_TOKEN_DEFAULTS = { clockToleranceSeconds: 5, maxLifetimeSeconds: 60, replayCacheSize: 100_000 } as const;

/**
 * A subgraph's check of the gateway's token: signed by the gateway's key, for this
 * subgraph, in date, with a bounded lifetime, for this request's method and path; then
 * (acceptBody) for its exact body, and never seen before. Anything else is refused with
 * 401 and its own reason, so a subgraph reached around the gateway (with an agency token,
 * a captured gateway token replayed or with another body, another subgraph's token or
 * none) gives nothing. The ids seen are kept until their token expires, in a bounded
 * cache that refuses when full rather than forget a live id.
 */
export function createGatewayTokenVerifier(options: {
  jwks: JSONWebKeySet;
  subgraph: string;
  clockToleranceSeconds?: number;
  maxLifetimeSeconds?: number;
  replayCache?: ReplayCache;
}): GatewayRequestVerifier {
  const keys = createLocalJWKSet(options.jwks);
  const tolerance = options.clockToleranceSeconds ?? GATEWAY_TOKEN_DEFAULTS.clockToleranceSeconds;
  const maxLifetime = options.maxLifetimeSeconds ?? GATEWAY_TOKEN_DEFAULTS.maxLifetimeSeconds;
  const seen = options.replayCache ?? createReplayCache({ maxEntries: GATEWAY_TOKEN_DEFAULTS.replayCacheSize });
  return async (token, request) => {
    if (!token) throw refuse(GatewayTokenRefusal.MISSING, 'This service answers only the gateway.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: GATEWAY_TOKEN_ISSUER,
        audience: options.subgraph,
        algorithms: ['EdDSA'],
        clockTolerance: tolerance,
        // `iat` and `jti` are required by the claims schema below, so an expired token reads as expired first.
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw refuse(GatewayTokenRefusal.EXPIRED, 'The gateway token has expired.');
      throw refuse(GatewayTokenRefusal.INVALID, 'The gateway token is not valid for this service.');
    }
    const claims = gatewayClaimsSchema.safeParse(payload);
    if (!claims.success) throw refuse(GatewayTokenRefusal.INVALID, 'The gateway token is not valid for this service.');
    const { sub, purpose, jti, iat, exp, htm, htu, body_sha256, ...rest } = claims.data;
    const now = Date.now() / 1000;
    if (iat > now + tolerance) throw refuse(GatewayTokenRefusal.ISSUED_IN_FUTURE, 'The gateway token is issued in the future.');
    if (exp - iat > maxLifetime) throw refuse(GatewayTokenRefusal.LIFETIME_TOO_LONG, 'The gateway token lives longer than this service accepts.');
    if (htm !== request.method || htu !== request.path) throw refuse(GatewayTokenRefusal.REQUEST_MISMATCH, 'The gateway token was signed for another request.');
    if (seen.has(jti)) throw refuse(GatewayTokenRefusal.REPLAYED, 'The gateway token was already used.');
    const signedDigest = Buffer.from(body_sha256, 'base64url');
    return {
      caller: { principal: { user: sub, ...rest }, purpose },
      acceptBody(body) {
        const digest = createHash('sha256').update(body).digest();
        if (digest.length !== signedDigest.length || !timingSafeEqual(digest, signedDigest)) {
          throw refuse(GatewayTokenRefusal.BODY_MISMATCH, 'The gateway token was signed for another request body.');
        }
        const verdict = seen.spend(jti, (exp + tolerance) * 1000);
        if (verdict === 'replayed') throw refuse(GatewayTokenRefusal.REPLAYED, 'The gateway token was already used.');
        if (verdict === 'full') throw new RequestRefusedError(503, ErrorCode.UNAUTHENTICATED, GatewayTokenRefusal.REPLAY_CACHE_FULL, 'Too many gateway requests at once; retry shortly.');
      },
    };
  };
}
