/** The disclosure audit: record models, the hash chain and its verification, shipped chain heads. */
export {
  type Disclosure,
  type AuditDenial,
  type AuditEntry,
  type AuditRecord,
  type HitRecord,
  type AuditChainRecord,
  type AuditRegistryRecord,
} from './auditRecord';
export { GENESIS_HASH, auditHash, isSealedRecord, registryHash, sealedBytes, registrySealedBytes } from './auditHash';
export { hitsOfRecord } from './hitsOfRecord';
export {
  RELEASE_GRANTS_WRITTEN_EXTENSION,
  type SealedReleaseGrant,
  comparableSealedGrant,
  comparableStoredGrant,
  reportedReleaseGrants,
  sealedReleaseGrant,
} from './sealedReleaseGrant';
export {
  RELEASE_DECISIONS_WRITTEN_EXTENSION,
  RELEASE_REQUESTS_WRITTEN_EXTENSION,
  type SealedReleaseDecision,
  type SealedReleaseRequest,
  comparableRequestTerms,
  reportedReleaseDecisions,
  reportedReleaseRequests,
  sealedReleaseRequest,
} from './sealedReleaseRequest';
export { writeHits } from './writeHits';
export { type HitRepair, repairHits } from './repairHits';
export { type ChainHitRepair, repairHitsOfOtherChains } from './repairHitsOfOtherChains';
export { type ReleaseRequestRecord } from './releaseRequestRecord';
export { DURABLE_WRITE, type AuditModels, createAuditModels } from './createAuditModels';
export { type ShippedHead, signedHeadLine, type ShippedHeads, readShippedHeads } from './shippedHead';
export {
  REGISTRY_PROBLEM,
  RELEASE_GRANT_PROBLEM,
  DEFAULT_GRANT_SEAL_WAIT_MS,
  SINK_PROBLEM,
  UNWRITTEN_HIT_GRACE_MS,
  type AuditProblem,
  type AuditVerification,
  type AuditVerificationOptions,
  type UnwrittenHit,
} from './auditVerification';
export { publicKeysOf, verifyAuditTrail } from './verifyAuditTrail';
export { type SealedGrants, type ReleaseGrantCheck, noteSealedGrants, sealedAsStored, verifyReleaseGrants } from './verifyReleaseGrants';
