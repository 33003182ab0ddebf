import { type Connection, type Model, Schema } from 'mongoose';
import { registerModel } from '../database/connectDatabase';
import { createReleaseGrantModel, type ReleaseGrantRecord } from '../policy/releaseGrants';
import type { AuditChainRecord, AuditDenial, AuditRecord, AuditRegistryRecord, Disclosure, HitRecord } from './auditRecord';
import type { ReleaseRequestRecord } from './releaseRequestRecord';

/** The write concern every write to the gateway's store waits for: a majority of the replica set, on disk. */
export const DURABLE_WRITE = { w: 'majority' as const, j: true };

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

/**
 * The release requests, decisions and grants an operation wrote, sealed in its record
 * (SealedReleaseRequest, SealedReleaseDecision, SealedReleaseGrant): written by the driver
 * as the gateway built and hashed them, and read back only to be checked against that hash,
 * so the schema holds them as they are.
 */
const sealedReleaseWrites = () => ({ type: [Schema.Types.Mixed], default: undefined });

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
    releaseRequests: sealedReleaseWrites(),
    releaseDecisions: sealedReleaseWrites(),
    releaseGrants: sealedReleaseWrites(),
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
// Verification's second look for the approval of a grant (verifyReleaseGrants); only approvals have any.
auditRecordSchema.index({ 'releaseGrants._id': 1 }, { sparse: true });
// An owner's decision reads the terms its request was made with (accountability subgraph); only requests have any.
auditRecordSchema.index({ 'releaseRequests._id': 1 }, { sparse: true });
// Whether a request was decided already (accountability subgraph); only decisions have any.
auditRecordSchema.index({ 'releaseDecisions._id': 1 }, { sparse: true });

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

/** The gateway's own store, one model per collection. */
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
