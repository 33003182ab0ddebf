import { agencyRegistrySchema, readJsonFile, type AgencyRegistry } from '@intel-gateway/shared';

/** Reads and validates the agency registry file; a bad file stops the gateway at start, naming the problem. */
export function loadAgencyRegistry(path: string): AgencyRegistry {
  const registry = readJsonFile(path, agencyRegistrySchema, `agency registry ${path}`);
  const issuers = new Set<string>();
  for (const agency of registry.agencies) {
    if (issuers.has(agency.issuer)) throw new Error(`agency registry ${path}: issuer "${agency.issuer}" is registered twice`);
    issuers.add(agency.issuer);
  }
  return registry;
}
