import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { ErrorCode, type RefusalReason, type RefusalReasonSet, RequestRefusedError } from '@intel-gateway/shared/errors';
import {
  AGENCY_TOKEN_ALGORITHMS,
  agencyClaimsSchema,
  type AgencyRegistry,
  CLEARANCES,
  OVERSIGHT_ROLE,
  type Principal,
} from '@intel-gateway/shared/identity';

/** Why a token was refused; stable codes in `extensions.reason`. */
export const TokenRefusal = {
  MISSING: 'TOKEN_MISSING',
  MALFORMED: 'TOKEN_MALFORMED',
  ALGORITHM_NOT_ALLOWED: 'TOKEN_ALGORITHM_NOT_ALLOWED',
  UNKNOWN_ISSUER: 'TOKEN_UNKNOWN_ISSUER',
  BAD_SIGNATURE: 'TOKEN_BAD_SIGNATURE',
  EXPIRED: 'TOKEN_EXPIRED',
  NOT_YET_VALID: 'TOKEN_NOT_YET_VALID',
  WRONG_AUDIENCE: 'TOKEN_WRONG_AUDIENCE',
  AGENCY_MISMATCH: 'TOKEN_AGENCY_MISMATCH',
  CLAIMS_INVALID: 'TOKEN_CLAIMS_INVALID',
  /** `iat` is later than now plus the clock tolerance: a token from the future. */
  ISSUED_IN_FUTURE: 'TOKEN_ISSUED_IN_FUTURE',
  /** `exp − iat` is longer than the agency's `maxTokenLifetimeSeconds` in the registry. */
  LIFETIME_TOO_LONG: 'TOKEN_LIFETIME_TOO_LONG',
  /** A role the registry does not let the token's agency grant. */
  ROLE_NOT_GRANTED: 'TOKEN_ROLE_NOT_GRANTED',
} as const satisfies RefusalReasonSet;

const refuse = (reason: RefusalReason, message: string) => new RequestRefusedError(401, ErrorCode.UNAUTHENTICATED, reason, message);

export interface AgencyTokenVerifierOptions {
  registry: AgencyRegistry;
  /** The gateway's own name; tokens must be issued for it. */
  audience: string;
  /** Allowed clock difference between agency and gateway, in seconds. */
  clockToleranceSeconds: number;
}

/** How long a verified token is remembered at most, and how many are remembered. */
const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Remembers tokens that verified, so a caller's repeated requests skip the signature check
 * (about 0.4 ms each). The key is the whole token, signature included, so only the very
 * same token can hit; an entry lives until the token's own expiry or 60 s, whichever is
 * first. Refusals are never cached.
 */
function withVerifiedTokenCache(
  verify: (token: string | undefined) => Promise<{ principal: Principal; expiresAt: number }>,
): (token: string | undefined) => Promise<Principal> {
  const verified = new LRUCache<string, Principal>({ max: VERIFIED_TOKEN_CACHE_SIZE });
  return async (token) => {
    const cached = token === undefined ? undefined : verified.get(token);
    if (cached) return cached;
    const { principal, expiresAt } = await verify(token);
    const ttl = Math.min(VERIFIED_TOKEN_TTL_MS, expiresAt - Date.now());
    if (ttl > 0) verified.set(token!, principal, { ttl });
    return principal;
  };
}

/** The lower of two clearances. */
const lowerClearance = (a: Principal['clearance'], b: Principal['clearance']) => (CLEARANCES.indexOf(a) <= CLEARANCES.indexOf(b) ? a : b);

/**
 * Verifies agency-issued JWTs against the agency registry. The token's issuer picks the
 * agency; only that agency's public keys can verify it, only asymmetric algorithms are
 * accepted (never `none`, never a shared HMAC secret), and the `agency` claim must be
 * the issuer's own agency, so no agency can speak for another.
 *
 * What an agency's administrator could mint is capped by the registry, which the operator
 * controls: a token may live at most the agency's `maxTokenLifetimeSeconds` and may not be
 * issued in the future; it may claim only roles the registry grants the agency (the
 * oversight role only for the operator's own agency); and its clearance counts for no more
 * than the agency's `maxClearance`.
 */
export function createAgencyTokenVerifier(options: AgencyTokenVerifierOptions): (token: string | undefined) => Promise<Principal> {
  const byIssuer = new Map(options.registry.agencies.map((agency) => [agency.issuer, { agency, keys: createLocalJWKSet(agency.jwks) }]));
  return withVerifiedTokenCache(async (token) => {
    if (!token) throw refuse(TokenRefusal.MISSING, 'An agency token is required: send "Authorization: Bearer <token>".');
    let issuer: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      if (!AGENCY_TOKEN_ALGORITHMS.includes(header.alg as (typeof AGENCY_TOKEN_ALGORITHMS)[number])) {
        throw refuse(
          TokenRefusal.ALGORITHM_NOT_ALLOWED,
          `Token algorithm "${header.alg}" is not accepted; use ${AGENCY_TOKEN_ALGORITHMS.join(', ')}.`,
        );
      }
      issuer = decodeJwt(token).iss;
    } catch (error) {
      if (error instanceof RequestRefusedError) throw error;
      throw refuse(TokenRefusal.MALFORMED, 'The token is not a well-formed JWT.');
    }
    const entry = issuer === undefined ? undefined : byIssuer.get(issuer);
    if (!entry) throw refuse(TokenRefusal.UNKNOWN_ISSUER, 'The token was not issued by a registered agency.');

    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, entry.keys, {
        issuer: entry.agency.issuer,
        audience: options.audience,
        algorithms: [...AGENCY_TOKEN_ALGORITHMS],
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw refuse(TokenRefusal.EXPIRED, 'The token has expired.');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
        throw refuse(TokenRefusal.NOT_YET_VALID, 'The token is not valid yet.');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
        throw refuse(TokenRefusal.WRONG_AUDIENCE, 'The token was issued for another audience.');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw refuse(TokenRefusal.CLAIMS_INVALID, `The token's "${error.claim}" claim is not valid.`);
      throw refuse(TokenRefusal.BAD_SIGNATURE, "The token's signature does not verify with its agency's keys.");
    }
    const issuedAt = payload.iat as number;
    const expiresAt = payload.exp as number;
    if (issuedAt > Math.floor(Date.now() / 1000) + options.clockToleranceSeconds)
      throw refuse(TokenRefusal.ISSUED_IN_FUTURE, 'The token was issued in the future (its "iat" is later than now).');
    if (expiresAt - issuedAt > entry.agency.maxTokenLifetimeSeconds) {
      throw refuse(
        TokenRefusal.LIFETIME_TOO_LONG,
        `The token lives longer than your agency's maximum of ${entry.agency.maxTokenLifetimeSeconds} s from "iat" to "exp".`,
      );
    }
    const claims = agencyClaimsSchema.safeParse(payload);
    if (!claims.success)
      throw refuse(
        TokenRefusal.CLAIMS_INVALID,
        `The token's claims are not valid: ${claims.error.issues[0]?.path.join('.')} ${claims.error.issues[0]?.message}`,
      );
    if (claims.data.agency !== entry.agency.code || claims.data.country !== entry.agency.country) {
      throw refuse(TokenRefusal.AGENCY_MISMATCH, "The token's agency is not the agency of its issuer.");
    }
    const notGranted = claims.data.roles.filter(
      (role) => !entry.agency.roles.includes(role) || (role === OVERSIGHT_ROLE && entry.agency.kind !== 'OPERATOR'),
    );
    if (notGranted.length > 0)
      throw refuse(
        TokenRefusal.ROLE_NOT_GRANTED,
        `The token claims roles the agency registry does not grant your agency: ${notGranted.join(', ')}.`,
      );
    const principal: Principal = {
      user: claims.data.sub,
      agency: claims.data.agency,
      agencyKind: entry.agency.kind,
      agencyGroups: entry.agency.groups,
      country: claims.data.country,
      roles: claims.data.roles,
      clearance: lowerClearance(claims.data.clearance, entry.agency.maxClearance),
      purposes: claims.data.purposes,
      projects: claims.data.projects,
    };
    return { principal, expiresAt: expiresAt * 1000 };
  });
}
