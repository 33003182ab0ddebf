import type { AuditChainRecord } from './auditRecord';
import type { AuditModels } from './createAuditModels';
import { type HitRepair, repairHits } from './repairHits';

/** A chain whose hits a repair of other chains wrote, and what it wrote. */
export interface ChainHitRepair {
  chainId: string;
  repair: HitRepair;
}

/**
 * Writes the hits of every chain but `chainId` above that chain's checkpoint (repairHits),
 * leaving the checkpoints where they are; returns the chains that had records there. A chain
 * id defaults to a new one per process, so a chain whose gateway crashed is never opened
 * again: each trail opening repairs the others. Harmless for a chain whose gateway is alive
 * (the hits are derived from its records and written idempotently). A chain document without
 * a head is skipped: it vouches for nothing, verification reports every hit missing there,
 * and writing them back would hide a deletion.
 */
export async function repairHitsOfOtherChains(
  models: Pick<AuditModels, 'AuditRecord' | 'AuditChain' | 'Hit'>,
  chainId: string,
): Promise<ChainHitRepair[]> {
  const others = await models.AuditChain.find({ _id: { $ne: chainId }, head: { $exists: true } })
    .sort({ _id: 1 })
    .lean<AuditChainRecord[]>();
  const repaired: ChainHitRepair[] = [];
  for (const other of others) {
    const repair = await repairHits(models, other._id, { afterSeq: other.head?.seq ?? -1 });
    if (repair.records > 0) repaired.push({ chainId: other._id, repair });
  }
  return repaired;
}
