import type { ShippedHeads } from './shippedHead';

/** What `verifyAuditTrail` reports, and how it may be asked. */

/**
 * How long after its record a hit missing above its chain's checkpoint is still taken for
 * one not written yet (ms): well past the checkpoint interval and the hit writer's retries.
 * Older, it is a problem: the checkpoint is not signed, so an insider can rewind it below a
 * hit deleted, and a retired chain's checkpoint never moves on.
 */
export const UNWRITTEN_HIT_GRACE_MS = 10 * 60_000;

/** The `chainId` of a problem with the chain registry itself. */
export const REGISTRY_PROBLEM = '(registry)';
/** The `chainId` of a problem with the audit head sink's lines. */
export const SINK_PROBLEM = '(sink)';
/** The `chainId` of a problem with a release grant (see verifyReleaseGrants). */
export const RELEASE_GRANT_PROBLEM = '(release grants)';

/**
 * How long after a grant was stored its approval's record may still be on its way, by
 * default (ms; see verifyReleaseGrants): verification waits at most this long for it, well
 * within the time the gateway gives the accountability subgraph to answer.
 */
export const DEFAULT_GRANT_SEAL_WAIT_MS = 5_000;

/** One thing wrong with the stored trail. */
export interface AuditProblem {
  chainId: string;
  seq?: number;
  problem: string;
  /**
   * With the `concerns` option, the agencies a problem of a record or a hit is about: the
   * caller's and the owners of the records disclosed or matched (as stored), so a reader
   * can be given the problems of its own agency only. Problems of a chain, the registry or
   * the sink concern no agency in particular.
   */
  concerns?: string[];
}

/** A hit not stored whose record is newer than its chain's checkpointed head and than UNWRITTEN_HIT_GRACE_MS: not (yet) written, rather than deleted. */
export interface UnwrittenHit {
  chainId: string;
  seq: number;
  hit: string;
}

export interface AuditVerification {
  chains: { chainId: string; records: number }[];
  hits: number;
  /** How many release grants are stored (each checked against the approvals sealed in the trail). */
  releaseGrants: number;
  problems: AuditProblem[];
  /** Present when some are: hits missing above their chain's checkpoint (see verifyAuditTrail). */
  unwrittenHits?: UnwrittenHit[];
}

export interface AuditVerificationOptions {
  /** The heads the gateway shipped to its external sink (readShippedHeads): the database must not be behind them. */
  shippedHeads?: ShippedHeads;
  /** The time the records' ages are taken at (UNWRITTEN_HIT_GRACE_MS); now by default. */
  now?: Date;
  /** Say which agencies each problem of a record, a hit or a grant concerns (`AuditProblem.concerns`). */
  concerns?: boolean;
  /** How long after a grant was stored its approval's record may still be on its way (ms); DEFAULT_GRANT_SEAL_WAIT_MS. */
  grantSealWaitMs?: number;
}
