import { createHash, createHmac, hash, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { RefusalReason, RefusalReasonSet } from '../errors';
import { ErrorCode, RequestRefusedError } from '../errors';
import { type Purpose, PURPOSES } from '../records/provenance';
import { createHmacSha256 } from './createHmacSha256';
import { createReplayCache, type ReplayCache } from './createReplayCache';
import { AGENCY_KINDS, agencyClaimsSchema, type Principal } from './principal';
import type { SubgraphTokenKey, SubgraphTokenKeys } from './subgraphTokenKeys';

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

/** The SHA-256 of a request body, base64url: what a gateway token binds a request's body by (one-shot: no hash object per request). */
export function bodyDigest(body: Uint8Array): string {
  return hash('sha256', body, 'base64url');
}

/** The only algorithm of gateway tokens: HMAC-SHA256 under the audience subgraph's own key. */
export const GATEWAY_TOKEN_ALGORITHM = 'HS256';

const hmac = (key: SubgraphTokenKey, signingInput: string) => createHmac('sha256', key.secret).update(signingInput).digest();

/**
 * The claims of a gateway token for one request: the caller and its purpose, the audience
 * subgraph, the method, path and body digest of the request, a fresh id, issued now and
 * living `ttlSeconds`.
 */
export function gatewayTokenClaims(caller: CallerContext, subgraph: string, request: SubgraphRequest, ttlSeconds: number) {
  const { principal } = caller;
  const issuedAt = Math.floor(Date.now() / 1000);
  return {
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
    exp: issuedAt + ttlSeconds,
    // 122 random bits from node's pooled generator: no system call per request.
    jti: randomUUID(),
    htm: request.method,
    htu: request.path,
    body_sha256: bodyDigest(request.body),
  };
}

/**
 * The first part of a gateway token's claims for one principal, base64url: its JSON
 * object opened with the principal's claims and the issuer, padded with JSON whitespace to
 * a multiple of three bytes, so that its base64url text ends on a whole group and the
 * request's own claims' base64url text can follow it (the pair decodes to one JSON object).
 */
function principalSegment(principal: Principal): string {
  const opened = JSON.stringify({
    agency: principal.agency,
    agencyKind: principal.agencyKind,
    agencyGroups: principal.agencyGroups,
    country: principal.country,
    roles: principal.roles,
    clearance: principal.clearance,
    purposes: principal.purposes,
    projects: principal.projects,
    iss: GATEWAY_TOKEN_ISSUER,
    sub: principal.user,
  }).slice(0, -1);
  const text = `${opened},`;
  return base64url(text + ' '.repeat((3 - (Buffer.byteLength(text) % 3)) % 3));
}

/**
 * Signs the caller into a token for exactly one subgraph request: the subgraph (the
 * audience), the method, the path and the SHA-256 of the exact body bytes, with a random
 * id (`jti`) and a lifetime of `ttlSeconds`. A token is never reused: captured on the wire,
 * it fits only the request it came with, once, for a few seconds (the subgraph keeps the
 * ids it has seen until they expire). The token is an HS256 JWT under the audience
 * subgraph's current key (`kid` names it): one HMAC and one SHA-256 per request, a few
 * microseconds, where an Ed25519 signature cost the gateway about 8% of its CPU. Each
 * subgraph holds only its own key, so it can mint tokens for no other subgraph.
 * Signing for a subgraph without a key throws.
 *
 * What is the same on every call is prepared once: each subgraph's header and HMAC key
 * blocks (createHmacSha256), and each principal's claims, encoded the first time it is
 * signed for (a principal is not changed once authenticated; the gateway keeps it per
 * agency token). A call encodes only its own claims (purpose, audience, times, id,
 * method, path, body digest), the same claims as gatewayTokenClaims.
 */
export function createGatewayTokenSigner(options: { keys: SubgraphTokenKeys; ttlSeconds: number }): GatewayTokenSigner {
  const signers = new Map<string, { header: string; audience: string; mac: (signingInput: string) => string }>();
  for (const [subgraph, keys] of Object.entries(options.keys)) {
    const key = keys[0];
    if (!key) throw new Error(`no token key for subgraph "${subgraph}"`);
    signers.set(subgraph, {
      header: `${base64url(JSON.stringify({ alg: GATEWAY_TOKEN_ALGORITHM, typ: 'JWT', kid: key.kid }))}.`,
      audience: JSON.stringify(subgraph),
      mac: createHmacSha256(key.secret),
    });
  }
  const principals = new WeakMap<Principal, string>();
  const { ttlSeconds } = options;
  return (caller, subgraph, request) => {
    const signer = signers.get(subgraph);
    if (!signer) throw new Error(`no token key for subgraph "${subgraph}"`);
    let principal = principals.get(caller.principal);
    if (principal === undefined) {
      principal = principalSegment(caller.principal);
      principals.set(caller.principal, principal);
    }
    const issuedAt = Math.floor(Date.now() / 1000);
    // `jti`: 122 random bits from node's pooled generator, no system call per request; `body_sha256`: base64url, as the id, needs no escaping.
    const claims = `"purpose":${JSON.stringify(caller.purpose)},"aud":${signer.audience},"iat":${issuedAt},"exp":${issuedAt + ttlSeconds},"jti":"${randomUUID()}","htm":${JSON.stringify(request.method)},"htu":${JSON.stringify(request.path)},"body_sha256":"${bodyDigest(request.body)}"}`;
    const signingInput = signer.header + principal + base64url(claims);
    return `${signingInput}.${signer.mac(signingInput)}`;
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
} as const satisfies RefusalReasonSet;

const refuse = (reason: RefusalReason, message: string) => new RequestRefusedError(401, ErrorCode.UNAUTHENTICATED, reason, message);

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

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The JSON object a base64url token segment holds, or undefined. */
function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims of an HS256 token whose MAC checks out under one of `keys` (the one its `kid`
 * names), compared in constant time; undefined for any other token: another algorithm
 * (EdDSA, none, …: no algorithm confusion), an unknown `kid`, a `crit` header, a MAC that
 * does not match.
 */
function verifiedClaims(token: string, keys: ReadonlyMap<string, SubgraphTokenKey>): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
  const [encodedHeader, encodedPayload, encodedMac] = parts as [string, string, string];
  const header = decodeSegment(encodedHeader);
  if (!header || header.alg !== GATEWAY_TOKEN_ALGORITHM || 'crit' in header || (header.typ !== undefined && header.typ !== 'JWT'))
    return undefined;
  const key = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
  if (!key) return undefined;
  // Compared as canonical base64url text: one MAC has exactly one accepted spelling.
  const expected = Buffer.from(hmac(key, `${encodedHeader}.${encodedPayload}`).toString('base64url'));
  const received = Buffer.from(encodedMac);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return undefined;
  return decodeSegment(encodedPayload);
}

/**
 * A subgraph's check of the gateway's token: an HS256 MAC under one of this subgraph's
 * own keys (`keys`, the current one first; a previous one stays listed while a rotation
 * rolls out), for this subgraph, in date, with a bounded lifetime, for this request's
 * method and path; then (acceptBody) for its exact body, and never seen before. Anything
 * else is refused with 401 and its own reason, so a subgraph reached around the gateway
 * (with an agency token, a captured gateway token replayed or with another body, another
 * subgraph's token, a token of another algorithm or none) gives nothing. The ids seen are
 * kept until their token expires, in a bounded cache that refuses when full rather than
 * forget a live id.
 */
export function createGatewayTokenVerifier(options: {
  keys: readonly SubgraphTokenKey[];
  subgraph: string;
  clockToleranceSeconds?: number;
  maxLifetimeSeconds?: number;
  replayCache?: ReplayCache;
}): GatewayRequestVerifier {
  if (options.keys.length === 0) throw new Error(`no token key for subgraph "${options.subgraph}"`);
  const keys = new Map(options.keys.map((key) => [key.kid, key]));
  const tolerance = options.clockToleranceSeconds ?? GATEWAY_TOKEN_DEFAULTS.clockToleranceSeconds;
  const maxLifetime = options.maxLifetimeSeconds ?? GATEWAY_TOKEN_DEFAULTS.maxLifetimeSeconds;
  const seen = options.replayCache ?? createReplayCache({ maxEntries: GATEWAY_TOKEN_DEFAULTS.replayCacheSize });
  const invalid = () => refuse(GatewayTokenRefusal.INVALID, 'The gateway token is not valid for this service.');
  return async (token, request) => {
    if (!token) throw refuse(GatewayTokenRefusal.MISSING, 'This service answers only the gateway.');
    const payload = verifiedClaims(token, keys);
    if (!payload || payload.iss !== GATEWAY_TOKEN_ISSUER || payload.aud !== options.subgraph || typeof payload.sub !== 'string')
      throw invalid();
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw invalid();
    // `iat` and `jti` are required by the claims schema below, so an expired token reads as expired first.
    if (payload.exp <= Date.now() / 1000 - tolerance) throw refuse(GatewayTokenRefusal.EXPIRED, 'The gateway token has expired.');
    const claims = gatewayClaimsSchema.safeParse(payload);
    if (!claims.success) throw invalid();
    const { sub, purpose, jti, iat, exp, htm, htu, body_sha256, ...rest } = claims.data;
    const now = Date.now() / 1000;
    if (iat > now + tolerance) throw refuse(GatewayTokenRefusal.ISSUED_IN_FUTURE, 'The gateway token is issued in the future.');
    if (exp - iat > maxLifetime)
      throw refuse(GatewayTokenRefusal.LIFETIME_TOO_LONG, 'The gateway token lives longer than this service accepts.');
    if (htm !== request.method || htu !== request.path)
      throw refuse(GatewayTokenRefusal.REQUEST_MISMATCH, 'The gateway token was signed for another request.');
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
        if (verdict === 'full')
          throw new RequestRefusedError(
            503,
            ErrorCode.UNAUTHENTICATED,
            GatewayTokenRefusal.REPLAY_CACHE_FULL,
            'Too many gateway requests at once; retry shortly.',
          );
      },
    };
  };
}
