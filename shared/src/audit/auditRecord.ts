import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { type Connection, type Model, Schema } from 'mongoose';
import { registerModel } from '../database/connectDatabase';
import { createReleaseGrantModel, type ReleaseGrantRecord } from '../policy/releaseGrants';
import type { Purpose } from '../records/provenance';

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
  /** The newest record, updated in the same transaction: records deleted after it show as missing. */
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

export const GENESIS_HASH = '0'.repeat(64);

/** The write concern every write to the gateway's store waits for: a majority of the replica set, on disk. */
export const DURABLE_WRITE = { w: 'majority' as const, j: true };

/**
 * The hash that seals a record: sha256 over the RFC 8785 canonical JSON of every field but
 * the hash itself (dates as ISO strings), so any edit, and any record inserted or removed
 * before it, changes what the next record must name as its predecessor.
 */
export function auditHash(record: Omit<AuditRecord, 'hash' | 'signature'>): string {
  const { at, ...rest } = record;
  const hashable = { ...rest, at: at.toISOString() };
  return createHash('sha256')
    .update(canonicalize(hashable) as string)
    .digest('hex');
}

/** The hash that seals a registration: sha256 over its canonical JSON (dates as ISO strings), without hash and signature. */
export function registryHash(record: Omit<AuditRegistryRecord, 'hash' | 'signature'>): string {
  const { startedAt, registeredAt, ...rest } = record;
  const hashable = { ...rest, startedAt: startedAt.toISOString(), registeredAt: registeredAt.toISOString() };
  return createHash('sha256')
    .update(canonicalize(hashable) as string)
    .digest('hex');
}

/**
 * The hits an audit record must have: one per disclosure and per match of a record owned by
 * another agency than the caller's, numbered in that order. The gateway writes exactly these
 * with the record, and verification requires each of them, so deleting or editing a hit
 * (which hides an access from the owner) shows.
 */
export function hitsOfRecord(
  record: Pick<AuditRecord, '_id' | 'agency' | 'user' | 'purpose' | 'at' | 'disclosures' | 'matches'>,
): HitRecord[] {
  return [
    ...record.disclosures.map((d) => ({ ...d, kind: 'disclosure' as const })),
    ...record.matches.map((m) => ({ ...m, kind: 'match' as const })),
  ]
    .filter((d) => d.owner !== '' && d.owner !== record.agency)
    .map((d, index) => ({
      _id: `${record._id}:${index}`,
      kind: d.kind,
      owner: d.owner,
      recordType: d.type,
      recordId: d.id,
      agency: record.agency,
      user: record.user,
      purpose: record.purpose,
      at: record.at,
      auditId: record._id,
      ...('reference' in d && d.reference ? { reference: d.reference } : {}),
    }));
}

const required = true;
const disclosureSchema = new Schema<Disclosure>(
  {
    type: { type: String, required },
    id: { type: String, required },
    owner: { type: String, required: false, default: '' },
    fields: [String],
  },
  { _id: false },
);
const denialSchema = new Schema<AuditDenial>(
  { path: { type: String, required }, field: { type: String, required }, reason: { type: String, required } },
  { _id: false },
);

const auditRecordSchema = new Schema<AuditRecord>(
  {
    _id: { type: String, required },
    chainId: { type: String, required },
    seq: { type: Number, required },
    prevHash: { type: String, required },
    hash: { type: String, required },
    signature: { type: String, required },
    requestId: { type: String, required },
    at: { type: Date, required },
    user: { type: String, required },
    agency: { type: String, required },
    purpose: { type: String, default: null },
    operationName: { type: String, default: null },
    operationHash: { type: String, required },
    variablesHash: { type: String, required },
    disclosures: [disclosureSchema],
    matches: [
      new Schema(
        {
          type: { type: String, required },
          id: { type: String, required },
          owner: { type: String, required },
          reference: { type: String, required: false },
        },
        { _id: false },
      ),
    ],
    denials: [denialSchema],
    outcome: { type: String, required },
  },
  { versionKey: false },
);
auditRecordSchema.index({ chainId: 1, seq: 1 }, { unique: true });
// The auditor's filters, each followed by _id for paging.
auditRecordSchema.index({ agency: 1, _id: 1 });
auditRecordSchema.index({ user: 1, _id: 1 });
auditRecordSchema.index({ 'disclosures.id': 1, _id: 1 });
// An agency auditor's scope: entries that disclosed, or matched, its agency's records.
auditRecordSchema.index({ 'disclosures.owner': 1, _id: 1 });
auditRecordSchema.index({ 'matches.owner': 1, _id: 1 });
// A hit's opaque reference, resolved for the agency that was given it (release requests).
auditRecordSchema.index({ 'matches.reference': 1 });

const hitSchema = new Schema<HitRecord>(
  {
    _id: { type: String, required },
    kind: { type: String, enum: ['disclosure', 'match'], required },
    owner: { type: String, required },
    recordType: { type: String, required },
    recordId: { type: String, required },
    agency: { type: String, required },
    user: { type: String, required },
    purpose: { type: String, default: null },
    at: { type: Date, required },
    auditId: { type: String, required },
    reference: { type: String, default: null },
  },
  { versionKey: false },
);
hitSchema.index({ owner: 1, _id: 1 });
// The owner's contact point finds the match a caller cites by its reference.
hitSchema.index({ owner: 1, reference: 1, _id: 1 });
hitSchema.index({ owner: 1, recordId: 1, _id: 1 });

const chainSchema = new Schema<AuditChainRecord>(
  {
    _id: { type: String, required },
    startedAt: { type: Date, required },
    host: { type: String, required },
    head: { type: { seq: Number, hash: String }, required: false, _id: false },
  },
  { versionKey: false },
);

const registrySchema = new Schema<AuditRegistryRecord>(
  {
    _id: { type: Number, required },
    seq: { type: Number, required },
    chainId: { type: String, required },
    startedAt: { type: Date, required },
    host: { type: String, required },
    registeredAt: { type: Date, required },
    prevHash: { type: String, required },
    hash: { type: String, required },
    signature: { type: String, required },
  },
  { versionKey: false },
);
registrySchema.index({ chainId: 1 }, { unique: true });

/** What the seal signs: the hash, under a label of its own so the key's other uses cannot be replayed here. */
export const sealedBytes = (hash: string) => Buffer.from(`intel-gateway audit record ${hash}`);

/** What a registration's seal signs, under its own label (a record's signature cannot pass for a registration's). */
export const registrySealedBytes = (hash: string) => Buffer.from(`intel-gateway audit chain registration ${hash}`);

/** A request to an owner to release a record the requester could only match. */
export interface ReleaseRequestRecord {
  _id: string;
  /** The opaque handle the hit/no-hit answer gave (`HIT-…`), resolved through the audit. */
  reference: string;
  /** The record the reference resolved to: its API type, id and owner. */
  recordType: string;
  recordId: string;
  owner: string;
  requesterAgency: string;
  requesterUser: string;
  /** The purpose the requester declared when asking; a release serves only operations declaring it. */
  purpose: Purpose;
  justification: string;
  status: 'PENDING' | 'APPROVED' | 'REFUSED';
  requestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** The end the owner set on an approval: served before it. Null: no end. */
  until: Date | null;
  /** The owner's handling conditions on an approval. */
  conditions: string | null;
}

const releaseRequestSchema = new Schema<ReleaseRequestRecord>(
  {
    _id: { type: String, required },
    reference: { type: String, required },
    recordType: { type: String, required },
    recordId: { type: String, required },
    owner: { type: String, required },
    requesterAgency: { type: String, required },
    requesterUser: { type: String, required },
    purpose: { type: String, required },
    justification: { type: String, required },
    status: { type: String, enum: ['PENDING', 'APPROVED', 'REFUSED'], required },
    requestedAt: { type: Date, required },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: String, default: null },
    until: { type: Date, default: null },
    conditions: { type: String, default: null },
  },
  { versionKey: false },
);
releaseRequestSchema.index({ owner: 1, status: 1, _id: 1 });
releaseRequestSchema.index({ requesterAgency: 1, status: 1, _id: 1 });
releaseRequestSchema.index({ requesterAgency: 1, reference: 1 });

export interface AuditModels {
  AuditRecord: Model<AuditRecord>;
  Hit: Model<HitRecord>;
  AuditChain: Model<AuditChainRecord>;
  AuditRegistry: Model<AuditRegistryRecord>;
  ReleaseRequest: Model<ReleaseRequestRecord>;
  /** What approvals released (see `ReleaseGrantRecord`): the store the owning subgraphs read. */
  ReleaseGrant: Model<ReleaseGrantRecord>;
}

/** The gateway's own store: the audit trail, its chains and their registry, the hits each owner can list, release requests and the grants they made. */
export function createAuditModels(connection: Connection): AuditModels {
  return {
    AuditRecord: registerModel(connection, 'AuditRecord', auditRecordSchema, 'auditRecords'),
    Hit: registerModel(connection, 'Hit', hitSchema, 'hits'),
    AuditChain: registerModel(connection, 'AuditChain', chainSchema, 'auditChains'),
    AuditRegistry: registerModel(connection, 'AuditRegistry', registrySchema, 'auditRegistry'),
    ReleaseRequest: registerModel(connection, 'ReleaseRequest', releaseRequestSchema, 'releaseRequests'),
    ReleaseGrant: createReleaseGrantModel(connection),
  };
}
