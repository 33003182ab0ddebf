import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { agencyRegistrySchema, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type AgencyKind, type AgencyRegistry, type Principal, type Role } from '@intel-gateway/shared';

/** The roles a development agency may give its users: every agency role, not the operator's oversight role. */
const AGENCY_ROLES = ['FRONTLINE', 'NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER', 'AUDITOR'] as const satisfies readonly Role[];

/**
 * The agencies a development setup knows, with the groups used in owner restrictions, the
 * roles each may grant and the highest clearance its tokens count for. OPERATOR is the
 * gateway operator itself: its only role is data-protection supervision of the audit.
 */
export const DEV_AGENCIES = [
  { code: 'IPSG', kind: 'GENERAL_SECRETARIAT', country: 'XX', groups: [], contactPoint: 'IPSG Command and Coordination Centre (I-24/7)', roles: AGENCY_ROLES, maxClearance: 'SECRET' },
  { code: 'EUROPOL', kind: 'REGIONAL_AGENCY', country: 'NL', groups: ['EU'], contactPoint: 'Europol Operational Centre (SIENA)', roles: AGENCY_ROLES, maxClearance: 'SECRET' },
  { code: 'NCB-GB', kind: 'NCB', country: 'GB', groups: ['SAG'], contactPoint: 'NCB London duty desk (I-24/7)', roles: AGENCY_ROLES, maxClearance: 'SECRET' },
  { code: 'NCB-FR', kind: 'NCB', country: 'FR', groups: ['EU'], contactPoint: 'BCN Paris permanence (I-24/7)', roles: AGENCY_ROLES, maxClearance: 'SECRET' },
  { code: 'NCB-DE', kind: 'NCB', country: 'DE', groups: ['EU'], contactPoint: 'NZB Wiesbaden Lagedienst (I-24/7)', roles: AGENCY_ROLES, maxClearance: 'SECRET' },
  { code: 'NCB-ES', kind: 'NCB', country: 'ES', groups: ['EU'], contactPoint: 'OCN Madrid guardia (I-24/7)', roles: AGENCY_ROLES, maxClearance: 'CONFIDENTIAL' },
  { code: 'NCB-US', kind: 'NCB', country: 'US', groups: ['SAG'], contactPoint: 'NCB Washington command center (I-24/7)', roles: AGENCY_ROLES, maxClearance: 'CONFIDENTIAL' },
  { code: 'OPERATOR', kind: 'OPERATOR', country: 'XX', groups: [], contactPoint: 'Gateway operator data-protection office', roles: ['DATA_PROTECTION_SUPERVISOR'], maxClearance: 'UNCLASSIFIED' },
] as const satisfies readonly { code: string; kind: AgencyKind; country: string; groups: readonly string[]; contactPoint: string; roles: readonly Role[]; maxClearance: Principal['clearance'] }[];

/** The issuer a development agency signs its tokens as. */
export const devIssuer = (agency: string) => `https://idp.${agency.toLowerCase()}.dev.invalid`;

/** A registry of agencies plus each agency's private signing key, and the gateway's own key pair. */
export interface DevIdentity {
  registry: AgencyRegistry;
  privateKeys: Record<string, JWK>;
  /** The key the gateway signs subgraph tokens with, and the JWKS subgraphs verify them with. */
  gateway: { privateKey: JWK; jwks: { keys: JWK[] } };
}

async function keyPair(kid: string): Promise<{ privateKey: JWK; publicKey: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  return { privateKey: { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }, publicKey: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

/** Generates an EdDSA key pair for every development agency, in memory (tests use this directly). */
export async function createDevIdentity(): Promise<DevIdentity> {
  const privateKeys: Record<string, JWK> = {};
  const agencies: AgencyRegistry['agencies'] = [];
  for (const agency of DEV_AGENCIES) {
    const { privateKey, publicKey } = await keyPair(`${agency.code.toLowerCase()}-dev-1`);
    privateKeys[agency.code] = privateKey;
    agencies.push({ code: agency.code, kind: agency.kind, contactPoint: agency.contactPoint, country: agency.country, issuer: devIssuer(agency.code), groups: [...agency.groups], jwks: { keys: [publicKey] }, roles: [...agency.roles], maxClearance: agency.maxClearance, maxTokenLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS });
  }
  const gateway = await keyPair('gateway-dev-1');
  return { registry: { agencies }, privateKeys, gateway: { privateKey: gateway.privateKey, jwks: { keys: [gateway.publicKey] } } };
}

export const registryFile = (dir: string) => join(dir, 'agency-registry.json');
export const gatewaySigningKeyFile = (dir: string) => join(dir, 'gateway-signing-key.json');
export const gatewayJwksFile = (dir: string) => join(dir, 'gateway-jwks.json');
const privateKeysFile = (dir: string) => join(dir, 'agency-private-keys.json');

function writePrivate(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * Development keys kept in `dir` (git-ignored `.dev-keys/` by default): made on first use,
 * reused after. The public registry is what the gateway reads and the gateway's JWKS what
 * subgraphs read; the private key files are readable by their owner only.
 */
export async function ensureDevIdentity(dir: string): Promise<DevIdentity> {
  const files = [registryFile(dir), privateKeysFile(dir), gatewaySigningKeyFile(dir), gatewayJwksFile(dir)];
  if (files.every((file) => existsSync(file))) {
    const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const registry = agencyRegistrySchema.safeParse(read(registryFile(dir)));
    // A registry written by an older version is replaced: these are throwaway dev keys.
    if (registry.success) {
      return {
        registry: registry.data,
        privateKeys: read(privateKeysFile(dir)) as Record<string, JWK>,
        gateway: { privateKey: read(gatewaySigningKeyFile(dir)) as JWK, jwks: read(gatewayJwksFile(dir)) as { keys: JWK[] } },
      };
    }
  }
  const identity = await createDevIdentity();
  mkdirSync(dir, { recursive: true });
  writePrivate(privateKeysFile(dir), identity.privateKeys);
  writePrivate(gatewaySigningKeyFile(dir), identity.gateway.privateKey);
  writeFileSync(registryFile(dir), JSON.stringify(identity.registry, null, 2));
  writeFileSync(gatewayJwksFile(dir), JSON.stringify(identity.gateway.jwks, null, 2));
  return identity;
}
