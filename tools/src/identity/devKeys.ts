import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { agencyRegistrySchema, type AgencyRegistry } from '@intel-gateway/shared';

/** The agencies a development setup knows, with the groups used in owner restrictions. */
export const DEV_AGENCIES = [
  { code: 'IPSG', country: 'XX', groups: [] },
  { code: 'EUROPOL', country: 'NL', groups: ['EU'] },
  { code: 'NCB-GB', country: 'GB', groups: ['SAG'] },
  { code: 'NCB-FR', country: 'FR', groups: ['EU'] },
  { code: 'NCB-DE', country: 'DE', groups: ['EU'] },
  { code: 'NCB-ES', country: 'ES', groups: ['EU'] },
  { code: 'NCB-US', country: 'US', groups: ['SAG'] },
] as const;

/** The issuer a development agency signs its tokens as. */
export const devIssuer = (agency: string) => `https://idp.${agency.toLowerCase()}.dev.invalid`;

/** A registry of agencies plus each agency's private signing key. */
export interface DevIdentity {
  registry: AgencyRegistry;
  privateKeys: Record<string, JWK>;
}

/** Generates an EdDSA key pair for every development agency, in memory (tests use this directly). */
export async function createDevIdentity(): Promise<DevIdentity> {
  const privateKeys: Record<string, JWK> = {};
  const agencies: AgencyRegistry['agencies'] = [];
  for (const agency of DEV_AGENCIES) {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const kid = `${agency.code.toLowerCase()}-dev-1`;
    privateKeys[agency.code] = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' };
    agencies.push({ code: agency.code, country: agency.country, issuer: devIssuer(agency.code), groups: [...agency.groups], jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] } });
  }
  return { registry: { agencies }, privateKeys };
}

export const registryFile = (dir: string) => join(dir, 'agency-registry.json');
const privateKeysFile = (dir: string) => join(dir, 'agency-private-keys.json');

/**
 * Development keys kept in `dir` (git-ignored `.dev-keys/` by default): made on first use,
 * reused after. The public registry is what the gateway reads; the private keys file is
 * readable by the owner only and used by `npm run token`.
 */
export async function ensureDevIdentity(dir: string): Promise<DevIdentity> {
  if (existsSync(registryFile(dir)) && existsSync(privateKeysFile(dir))) {
    return {
      registry: agencyRegistrySchema.parse(JSON.parse(readFileSync(registryFile(dir), 'utf8'))),
      privateKeys: JSON.parse(readFileSync(privateKeysFile(dir), 'utf8')) as Record<string, JWK>,
    };
  }
  const identity = await createDevIdentity();
  mkdirSync(dir, { recursive: true });
  writeFileSync(privateKeysFile(dir), JSON.stringify(identity.privateKeys, null, 2), { mode: 0o600 });
  chmodSync(privateKeysFile(dir), 0o600);
  writeFileSync(registryFile(dir), JSON.stringify(identity.registry, null, 2));
  return identity;
}
