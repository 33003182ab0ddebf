/** The disclosure audit: record models, the hash chain and its verification, shipped chain heads. */
export {
  type Disclosure,
  type AuditDenial,
  type AuditEntry,
  type AuditRecord,
  type HitRecord,
  type AuditChainRecord,
  type AuditRegistryRecord,
  GENESIS_HASH,
  DURABLE_WRITE,
  auditHash,
  registryHash,
  hitsOfRecord,
  sealedBytes,
  registrySealedBytes,
  type ReleaseRequestRecord,
  type AuditModels,
  createAuditModels,
} from './auditRecord';
export { type ShippedHead, signedHeadLine, type ShippedHeads, readShippedHeads } from './shippedHead';
export {
  REGISTRY_PROBLEM,
  SINK_PROBLEM,
  type AuditProblem,
  type AuditVerification,
  type AuditVerificationOptions,
  publicKeysOf,
  verifyAuditTrail,
} from './verifyAuditTrail';
