import { z } from 'zod';
import { CLASSIFICATIONS, PURPOSES } from '../records/provenance';
import { agencyCode, countryCode, projectCode } from '../records/validation';

/**
 * Roles an agency may grant its users (docs/policy-and-permissions.md), and the operator's own oversight role:
 * DATA_PROTECTION_SUPERVISOR reads the audit across agencies (see `OVERSIGHT_ROLE`). Which
 * of them a given agency may grant is the registry's `roles`.
 */
export const ROLES = [
  'FRONTLINE',
  'NCB_OPERATOR',
  'ANALYST',
  'AP_ANALYST',
  'OWNER_ADMIN',
  'SOURCE_HANDLER',
  'AUDITOR',
  'DATA_PROTECTION_SUPERVISOR',
] as const;
export type Role = (typeof ROLES)[number];

/** Data-protection supervision: the only role that reads audit entries of every agency. Only an OPERATOR agency may be granted it. */
export const OVERSIGHT_ROLE = 'DATA_PROTECTION_SUPERVISOR' satisfies Role;

/** Clearance levels, lowest first: the same scale as record classifications. */
export const CLEARANCES = CLASSIFICATIONS;

/**
 * What kind of body an agency is. The field policy grants some channels by kind: the
 * INTERPOL channel (diffusions, requests for assistance) to the General Secretariat and
 * the NCBs, national case files to NCBs and the regional analysis agency. OPERATOR is the
 * gateway operator itself, whose data-protection supervisors oversee the audit.
 */
export const AGENCY_KINDS = ['GENERAL_SECRETARIAT', 'REGIONAL_AGENCY', 'NCB', 'OPERATOR'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Token algorithms the gateway accepts: asymmetric only, so no secret is ever shared between agencies. */
export const AGENCY_TOKEN_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'] as const;

/** The claims an agency's token must carry, checked after the signature is verified. */
export const agencyClaimsSchema = z.object({
  sub: z.string().min(1).max(128),
  agency: agencyCode,
  country: countryCode,
  roles: z.array(z.enum(ROLES)).min(1),
  clearance: z.enum(CLEARANCES),
  purposes: z.array(z.enum(PURPOSES)).min(1),
  projects: z.array(projectCode).default([]),
});

/** Who is asking: the verified identity behind a request. */
export interface Principal {
  user: string;
  agency: string;
  /** From the agency registry, not from the token: an agency cannot declare its own kind. */
  agencyKind: AgencyKind;
  /** The agency's groups (e.g. EU, SAG), from the registry: owner restrictions may name them. */
  agencyGroups: string[];
  country: string;
  roles: Role[];
  clearance: (typeof CLEARANCES)[number];
  purposes: (typeof PURPOSES)[number][];
  /** Analysis projects the user is a member of. */
  projects: string[];
}

/**
 * Whether the caller oversees the audit across agencies: the operator's own agency (kind
 * OPERATOR, from the registry) with the oversight role. An agency's AUDITOR sees its own.
 */
export const oversees = (principal: Pick<Principal, 'agencyKind' | 'roles'>): boolean =>
  principal.agencyKind === 'OPERATOR' && principal.roles.includes(OVERSIGHT_ROLE);

/** How long an agency's token may live (`exp − iat`) when its registry entry does not say: one hour. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * One agency in the registry: who it is, which issuer speaks for it, its public keys, and
 * what the operator lets its tokens claim (roles, clearance, token lifetime). An agency's
 * administrator can mint any claim; these caps are what it cannot change.
 */
export const registeredAgencySchema = z.object({
  code: agencyCode,
  kind: z.enum(AGENCY_KINDS),
  /** XX for international bodies. */
  country: countryCode,
  issuer: z.string().min(1),
  /** Who other agencies call about its records (given with every hit/no-hit answer). */
  contactPoint: z.string().min(1).max(200),
  /** Agency groups it belongs to (e.g. EU, SAG), for owner restrictions. */
  groups: z.array(z.string()).default([]),
  /** Public keys as a JWKS; rotate by adding a key, then removing the old one. */
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }),
  /** The roles this agency may give its users; a token claiming any other is refused. */
  roles: z.array(z.enum(ROLES)).min(1),
  /** The highest clearance this agency's tokens count for; a higher claim is lowered to it. */
  maxClearance: z.enum(CLEARANCES),
  /** The longest a token may live from issue to expiry (`exp − iat`), in seconds; a longer one is refused. */
  maxTokenLifetimeSeconds: z.number().int().min(1).max(86_400).default(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
});

/** The agency registry file: every agency whose tokens the gateway accepts. */
export const agencyRegistrySchema = z.object({
  agencies: z.array(registeredAgencySchema).min(1),
});

export type RegisteredAgency = z.infer<typeof registeredAgencySchema>;
export type AgencyRegistry = z.infer<typeof agencyRegistrySchema>;
