import { importJWK, SignJWT } from 'jose';
import type { Principal } from '@intel-gateway/shared/identity';
import type { DevIdentity } from './devKeys';

export interface MintOptions {
  identity: DevIdentity;
  agency: string;
  user?: string;
  roles: Principal['roles'];
  purposes?: Principal['purposes'];
  clearance?: Principal['clearance'];
  projects?: string[];
  audience?: string;
  /** Lifetime in seconds (default one hour). */
  ttlSeconds?: number;
  /** Seconds from now before the token becomes valid (default: valid now). */
  notBeforeSeconds?: number;
}

/**
 * Signs a token as a development agency would: with that agency's own private key and
 * issuer, for the gateway's audience. Used by `npm run token`, the tests and the bench.
 */
export async function mintAgencyToken(options: MintOptions): Promise<string> {
  const agency = options.identity.registry.agencies.find((a) => a.code === options.agency);
  const key = options.identity.privateKeys[options.agency];
  if (!agency || !key)
    throw new Error(
      `unknown development agency "${options.agency}"; known: ${options.identity.registry.agencies.map((a) => a.code).join(', ')}`,
    );
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    agency: agency.code,
    country: agency.country,
    roles: options.roles,
    clearance: options.clearance ?? 'RESTRICTED',
    purposes: options.purposes ?? ['CRIMINAL_INVESTIGATION'],
    projects: options.projects ?? [],
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(agency.issuer)
    .setAudience(options.audience ?? 'intel-gateway')
    .setSubject(options.user ?? `${agency.code.toLowerCase()}-user`)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 3600));
  if (options.notBeforeSeconds) jwt.setNotBefore(now + options.notBeforeSeconds);
  return jwt.sign(await importJWK(key, 'EdDSA'));
}
