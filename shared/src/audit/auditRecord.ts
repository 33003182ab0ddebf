import type { SealedReleaseGrant } from './sealedReleaseGrant';
import type { SealedReleaseDecision, SealedReleaseRequest } from './sealedReleaseRequest';

/** The disclosure audit's vocabulary: what an entry, a stored record, a hit, a chain and a registration hold. */

/** One record an operation disclosed: what it is, whose, and which of its fields went out. */
export interface Disclosure {
  type: string;
  id: string;
  owner: string;
  fields: string[];
}

/** A field the policy withheld, as the audit keeps it. */
export interface AuditDenial {
  path: string;
  field: string;
  reason: string;
}

/** What one operation did: who asked, for what, and what went out. No record content. */
export interface AuditEntry {
  requestId: string;
  at: Date;
  user: string;
  agency: string;
  purpose: string | null;
  operationName: string | null;
  /** sha256 of the operation text. */
  operationHash: string;
  /** sha256 of the canonical JSON of the variables. */
  variablesHash: string;
  disclosures: Disclosure[];
  /**
   * Records answered with hit/no-hit only: the caller learned that they exist, nothing more.
   * `reference` is the opaque handle the caller was given for the match (see `newHitReference`).
   */
  matches: (Omit<Disclosure, 'fields'> & { reference?: string })[];
  denials: AuditDenial[];
  /** `ok`, or the error code the caller got instead of data. */
  outcome: string;
  /**
   * The release grants the operation wrote (an owner's approval), as the accountability
   * subgraph reported them: sealed with the record, so verification can require every
   * stored grant to be one of these. Absent when it wrote none.
   */
  releaseGrants?: SealedReleaseGrant[];
  /**
   * The release requests the operation made, their terms as the accountability subgraph
   * reported them: an owner's decision takes its grant's terms from here. Absent when it
   * made none.
   */
  releaseRequests?: SealedReleaseRequest[];
  /** The owners' decisions the operation made on release requests: a request decided here is never decided again. Absent when it made none. */
  releaseDecisions?: SealedReleaseDecision[];
}

/** An entry as stored: placed in its chain, and sealed with its hash. */
export interface AuditRecord extends AuditEntry {
  /** `<chainId>:<seq>`. */
  _id: string;
  chainId: string;
  seq: number;
  /** Hash of the previous record in the chain; GENESIS_HASH for the first. */
  prevHash: string;
  hash: string;
  /** The gateway's Ed25519 signature over the hash: without the key, no one can re-seal an edited chain. */
  signature: string;
}

/** A match on an owner's record by another agency, for the owner to query. */
export interface HitRecord {
  _id: string;
  /** `disclosure` (content went out) or `match` (a hit/no-hit answer). */
  kind: 'disclosure' | 'match';
  owner: string;
  recordType: string;
  recordId: string;
  agency: string;
  user: string;
  purpose: string | null;
  at: Date;
  /** The audit record that disclosed it. */
  auditId: string;
  /** For a match: the opaque reference the agency was given, so the owner can tell which record a caller cites. */
  reference?: string | null;
}

/** One gateway instance's chain: it writes only to its own, so replicas never contend. */
export interface AuditChainRecord {
  _id: string;
  startedAt: Date;
  host: string;
  /** A checkpoint of the newest record (seq -1 before the first), written after the answers by the gateway that owns the chain: records deleted back past it show as missing. */
  head?: { seq: number; hash: string };
}

/**
 * One entry of the chain registry: every audit chain is registered here when it starts,
 * and the registry is itself a hash-linked chain signed with the gateway's key, so a chain
 * that existed cannot disappear (records, hits and head) without its registration showing
 * it, and a registration cannot be removed or edited without breaking the registry.
 */
export interface AuditRegistryRecord {
  /** The registry's own sequence number, from 0. */
  _id: number;
  seq: number;
  chainId: string;
  /** When the chain started, and on which host. */
  startedAt: Date;
  host: string;
  registeredAt: Date;
  /** Hash of the previous registration; GENESIS_HASH for the first. */
  prevHash: string;
  hash: string;
  /** The gateway's Ed25519 signature over the hash (see registrySealedBytes). */
  signature: string;
}
