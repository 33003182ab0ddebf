import { readJsonFile } from '@intel-gateway/shared/config';
import { type AgencyRegistry, agencyRegistrySchema, OVERSIGHT_ROLE } from '@intel-gateway/shared/identity';

/**
 * Reads and validates the agency registry file; a bad file stops the gateway at start, naming
 * the problem. Each agency and each issuer is registered once: an agency code listed twice
 * would let a second issuer's keys speak for that agency. Only the operator's own agency
 * (kind OPERATOR) may grant the oversight role.
 */
export function loadAgencyRegistry(path: string): AgencyRegistry {
  const registry = readJsonFile(path, agencyRegistrySchema, `agency registry ${path}`);
  const issuers = new Set<string>();
  const codes = new Set<string>();
  for (const agency of registry.agencies) {
    if (issuers.has(agency.issuer)) throw new Error(`agency registry ${path}: issuer "${agency.issuer}" is registered twice`);
    if (codes.has(agency.code)) throw new Error(`agency registry ${path}: agency "${agency.code}" is registered twice`);
    issuers.add(agency.issuer);
    codes.add(agency.code);
    if (agency.roles.includes(OVERSIGHT_ROLE) && agency.kind !== 'OPERATOR') {
      throw new Error(
        `agency registry ${path}: agency "${agency.code}" grants ${OVERSIGHT_ROLE}, which only an agency of kind OPERATOR may grant`,
      );
    }
  }
  return registry;
}
