import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import {
  type AgencyKind,
  type AgencyRegistry,
  agencyRegistrySchema,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  OVERSIGHT_ROLE,
  type Principal,
  type Role,
  ROLES,
  subgraphTokenKey,
  type SubgraphTokenKeys,
} from '@intel-gateway/shared/identity';
import { subgraphRegistry } from '@intel-gateway/shared/registry';

/** The roles a development agency may give its users: every agency role, not the operator's oversight role. */
const AGENCY_ROLES: readonly Role[] = ROLES.filter((role) => role !== OVERSIGHT_ROLE);

/**
 * The agencies a development setup knows, with the groups used in owner restrictions, the
 * roles each may grant and the highest clearance its tokens count for. OPERATOR is the
 * gateway operator itself: its only role is data-protection supervision of the audit.
 */
export const DEV_AGENCIES = [
  {
    code: 'IPSG',
    kind: 'GENERAL_SECRETARIAT',
    country: 'XX',
    groups: [],
    contactPoint: 'IPSG Command and Coordination Centre (I-24/7)',
    roles: AGENCY_ROLES,
    maxClearance: 'SECRET',
  },
  {
    code: 'EUROPOL',
    kind: 'REGIONAL_AGENCY',
    country: 'NL',
    groups: ['EU'],
    contactPoint: 'Europol Operational Centre (SIENA)',
    roles: AGENCY_ROLES,
    maxClearance: 'SECRET',
  },
  {
    code: 'NCB-GB',
    kind: 'NCB',
    country: 'GB',
    groups: ['SAG'],
    contactPoint: 'NCB London duty desk (I-24/7)',
    roles: AGENCY_ROLES,
    maxClearance: 'SECRET',
  },
  {
    code: 'NCB-FR',
    kind: 'NCB',
    country: 'FR',
    groups: ['EU'],
    contactPoint: 'BCN Paris permanence (I-24/7)',
    roles: AGENCY_ROLES,
    maxClearance: 'SECRET',
  },
  {
    code: 'NCB-DE',
    kind: 'NCB',
    country: 'DE',
    groups: ['EU'],
    contactPoint: 'NZB Wiesbaden Lagedienst (I-24/7)',
    roles: AGENCY_ROLES,
    maxClearance: 'SECRET',
  },
  {
    code: 'NCB-ES',
    kind: 'NCB',
    country: 'ES',
    groups: ['EU'],
    contactPoint: 'OCN Madrid guardia (I-24/7)',
    roles: AGENCY_ROLES,
    maxClearance: 'CONFIDENTIAL',
  },
  {
    code: 'NCB-US',
    kind: 'NCB',
    country: 'US',
    groups: ['SAG'],
    contactPoint: 'NCB Washington command center (I-24/7)',
    roles: AGENCY_ROLES,
    maxClearance: 'CONFIDENTIAL',
  },
  {
    code: 'OPERATOR',
    kind: 'OPERATOR',
    country: 'XX',
    groups: [],
    contactPoint: 'Gateway operator data-protection office',
    roles: ['DATA_PROTECTION_SUPERVISOR'],
    maxClearance: 'UNCLASSIFIED',
  },
] as const satisfies readonly {
  code: string;
  kind: AgencyKind;
  country: string;
  groups: readonly string[];
  contactPoint: string;
  roles: readonly Role[];
  maxClearance: Principal['clearance'];
}[];

/** The issuer a development agency signs its tokens as. */
export const devIssuer = (agency: string) => `https://idp.${agency.toLowerCase()}.dev.invalid`;

/**
 * A registry of agencies plus each agency's private signing key, the gateway's own key pair,
 * and each subgraph's gateway-token key.
 */
export interface DevIdentity {
  registry: AgencyRegistry;
  privateKeys: Record<string, JWK>;
  /** The gateway's Ed25519 key, which signs the audit records and chain registrations, and its public JWKS. */
  gateway: { privateKey: JWK; jwks: { keys: JWK[] } };
  /** Each subgraph's HMAC-SHA256 gateway-token keys, base64url, the current one first: the gateway holds all, each subgraph its own. */
  subgraphTokenKeys: Record<string, string[]>;
}

/** A random 256-bit gateway-token key, base64url. */
export const newSubgraphTokenKey = (): string => randomBytes(32).toString('base64url');

/** The names of the registered subgraphs (shared/subgraphRegistry.json, contributed ones included). */
const registeredSubgraphs = () => subgraphRegistry.map((subgraph) => subgraph.name);

/** `keys` plus a new key for each of `subgraphs` that has none; existing keys are kept as they are. */
function withKeysFor(subgraphs: readonly string[], keys: Record<string, string[]>): Record<string, string[]> {
  const all = { ...keys };
  for (const name of subgraphs) if (!Object.hasOwn(all, name) || all[name]!.length === 0) all[name] = [newSubgraphTokenKey()];
  return all;
}

/** The identity's gateway-token keys, decoded for createGatewayTokenSigner and createGatewayTokenVerifier. */
export function subgraphTokenKeysOf(identity: Pick<DevIdentity, 'subgraphTokenKeys'>): SubgraphTokenKeys {
  return Object.fromEntries(
    Object.entries(identity.subgraphTokenKeys).map(([name, keys]) => [
      name,
      keys.map((key) => subgraphTokenKey(name, key, 'development identity')),
    ]),
  );
}

async function keyPair(kid: string): Promise<{ privateKey: JWK; publicKey: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  return {
    privateKey: { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' },
    publicKey: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' },
  };
}

/**
 * Generates an EdDSA key pair for every development agency and the gateway, and a
 * gateway-token key for every registered subgraph (and any of `extraSubgraphs`), in memory
 * (tests use this directly).
 */
export async function createDevIdentity(extraSubgraphs: readonly string[] = []): Promise<DevIdentity> {
  const privateKeys: Record<string, JWK> = {};
  const agencies: AgencyRegistry['agencies'] = [];
  for (const agency of DEV_AGENCIES) {
    const { privateKey, publicKey } = await keyPair(`${agency.code.toLowerCase()}-dev-1`);
    privateKeys[agency.code] = privateKey;
    agencies.push({
      code: agency.code,
      kind: agency.kind,
      contactPoint: agency.contactPoint,
      country: agency.country,
      issuer: devIssuer(agency.code),
      groups: [...agency.groups],
      jwks: { keys: [publicKey] },
      roles: [...agency.roles],
      maxClearance: agency.maxClearance,
      maxTokenLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    });
  }
  const gateway = await keyPair('gateway-dev-1');
  const subgraphTokenKeys = withKeysFor([...registeredSubgraphs(), ...extraSubgraphs], {});
  return {
    registry: { agencies },
    privateKeys,
    gateway: { privateKey: gateway.privateKey, jwks: { keys: [gateway.publicKey] } },
    subgraphTokenKeys,
  };
}

export const registryFile = (dir: string) => join(dir, 'agency-registry.json');
export const gatewaySigningKeyFile = (dir: string) => join(dir, 'gateway-signing-key.json');
export const gatewayJwksFile = (dir: string) => join(dir, 'gateway-jwks.json');
/** The gateway's file of every subgraph's token keys (its SUBGRAPH_TOKEN_KEYS_PATH). */
export const subgraphTokenKeysFile = (dir: string) => join(dir, 'subgraph-token-keys.json');
/** One subgraph's own token key file (its GATEWAY_TOKEN_KEY_PATH): base64url keys, one a line, current first. */
export const subgraphTokenKeyFile = (dir: string, subgraph: string) => join(dir, 'subgraph-token-keys', `${subgraph}.key`);
const privateKeysFile = (dir: string) => join(dir, 'agency-private-keys.json');

function writePrivateText(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function writePrivate(path: string, value: unknown): void {
  writePrivateText(path, JSON.stringify(value, null, 2));
}

/** The gateway-token keys already in `dir`, or none when the file is absent or unreadable (throwaway dev keys). */
function readSubgraphTokenKeys(dir: string): Record<string, string[]> {
  if (!existsSync(subgraphTokenKeysFile(dir))) return {};
  try {
    const raw = JSON.parse(readFileSync(subgraphTokenKeysFile(dir), 'utf8')) as Record<string, unknown>;
    const keys: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(raw)) {
      const list = Array.isArray(value) ? value : [value];
      if (list.every((key): key is string => typeof key === 'string')) keys[name] = list;
    }
    return keys;
  } catch {
    return {};
  }
}

/** Writes the gateway's keys file and each subgraph's own key file, all readable by their owner only. */
function writeSubgraphTokenKeys(dir: string, keys: Record<string, string[]>): void {
  mkdirSync(join(dir, 'subgraph-token-keys'), { recursive: true, mode: 0o700 });
  writePrivate(subgraphTokenKeysFile(dir), keys);
  for (const [name, list] of Object.entries(keys)) writePrivateText(subgraphTokenKeyFile(dir, name), `${list.join('\n')}\n`);
}

/**
 * Development keys kept in `dir` (git-ignored `.dev-keys/` by default): made on first use,
 * reused after. The public registry is what the gateway reads and the gateway's JWKS what
 * the accountability subgraph's audit check reads; the private key files are readable by
 * their owner only. Every registered subgraph gets a gateway-token key: one added since the
 * last run (a contributed subgraph) gets a new one, and existing keys are kept.
 */
export async function ensureDevIdentity(dir: string): Promise<DevIdentity> {
  const files = [registryFile(dir), privateKeysFile(dir), gatewaySigningKeyFile(dir), gatewayJwksFile(dir)];
  if (files.every((file) => existsSync(file))) {
    const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const registry = agencyRegistrySchema.safeParse(read(registryFile(dir)));
    // A registry written by an older version is replaced: these are throwaway dev keys.
    if (registry.success) {
      const subgraphTokenKeys = withKeysFor(registeredSubgraphs(), readSubgraphTokenKeys(dir));
      writeSubgraphTokenKeys(dir, subgraphTokenKeys);
      return {
        registry: registry.data,
        privateKeys: read(privateKeysFile(dir)) as Record<string, JWK>,
        gateway: { privateKey: read(gatewaySigningKeyFile(dir)) as JWK, jwks: read(gatewayJwksFile(dir)) as { keys: JWK[] } },
        subgraphTokenKeys,
      };
    }
  }
  const identity = await createDevIdentity();
  identity.subgraphTokenKeys = withKeysFor(registeredSubgraphs(), readSubgraphTokenKeys(dir));
  mkdirSync(dir, { recursive: true });
  writeSubgraphTokenKeys(dir, identity.subgraphTokenKeys);
  writePrivate(privateKeysFile(dir), identity.privateKeys);
  writePrivate(gatewaySigningKeyFile(dir), identity.gateway.privateKey);
  writeFileSync(registryFile(dir), JSON.stringify(identity.registry, null, 2));
  writeFileSync(gatewayJwksFile(dir), JSON.stringify(identity.gateway.jwks, null, 2));
  return identity;
}
