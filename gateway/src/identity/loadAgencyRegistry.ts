import { readFileSync } from 'node:fs';
import { agencyRegistrySchema, type AgencyRegistry } from '@intel-gateway/shared';

/** Reads and validates the agency registry file; a bad file stops the gateway at start, naming the problem. */
export function loadAgencyRegistry(path: string): AgencyRegistry {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`agency registry ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = agencyRegistrySchema.safeParse(raw);
  if (!result.success) {
    const problem = result.error.issues[0]!;
    throw new Error(`agency registry ${path} is invalid at ${problem.path.join('.')}: ${problem.message}`);
  }
  const issuers = new Set<string>();
  for (const agency of result.data.agencies) {
    if (issuers.has(agency.issuer)) throw new Error(`agency registry ${path}: issuer "${agency.issuer}" is registered twice`);
    issuers.add(agency.issuer);
  }
  return result.data;
}
