import type { AuditChainRecord, AuditRecord, HitRecord } from './auditRecord';
import type { AuditModels } from './createAuditModels';
import { hitsOfRecord } from './hitsOfRecord';
import { writeHits } from './writeHits';

/** Hits written per write while repairing. */
const REPAIR_BATCH = 1_000;

/** The records of a chain whose hits a repair wrote. */
export interface HitRepair {
  /** The first and last sequence numbers read (none when the chain has no record in the range). */
  from?: number;
  through?: number;
  /** The newest record read, which the chain's head may name once its hits are written. */
  newest?: { seq: number; hash: string };
  records: number;
  hits: number;
}

/**
 * Writes the hits of a chain's records from `afterSeq` on (exclusive; by default the chain's
 * checkpointed head) through `throughSeq` (by default its newest record), derived from the
 * stored records (hitsOfRecord), idempotently (writeHits). The gateway writes a record's hits
 * after its answer, and its checkpoint never passes a record whose hits are not written, so
 * hits a crash or a failed write left unwritten are all above the checkpoint: a repair needs
 * to read only those records, and a hit missing at or below the checkpoint stays reported as
 * deleted. Records are read with a cursor, a batch of hits written at a time.
 */
export async function repairHits(
  models: Pick<AuditModels, 'AuditRecord' | 'AuditChain' | 'Hit'>,
  chainId: string,
  range: { afterSeq?: number; throughSeq?: number } = {},
): Promise<HitRepair> {
  const afterSeq = range.afterSeq ?? (await models.AuditChain.findById(chainId).lean<AuditChainRecord>())?.head?.seq ?? -1;
  const seq = range.throughSeq === undefined ? { $gt: afterSeq } : { $gt: afterSeq, $lte: range.throughSeq };
  const repair: HitRepair = { records: 0, hits: 0 };
  let batch: HitRecord[] = [];
  const cursor = models.AuditRecord.find({ chainId, seq }).sort({ seq: 1 }).lean<AuditRecord>().cursor();
  for await (const record of cursor) {
    repair.from ??= record.seq;
    repair.through = record.seq;
    repair.newest = { seq: record.seq, hash: record.hash };
    repair.records++;
    batch.push(...hitsOfRecord(record));
    if (batch.length >= REPAIR_BATCH) {
      await writeHits(models.Hit, batch);
      repair.hits += batch.length;
      batch = [];
    }
  }
  await writeHits(models.Hit, batch);
  repair.hits += batch.length;
  return repair;
}
