import type { Model } from 'mongoose';
import { DUPLICATE_KEY } from '../database/duplicateKey';
import type { HitRecord } from './auditRecord';
import { DURABLE_WRITE } from './createAuditModels';

/** A bulk write that failed only because some documents were there already, with no write-concern error. */
function onlyDuplicates(error: unknown): boolean {
  const bulk = error as { name?: unknown; writeErrors?: unknown; result?: { getWriteConcernError?: () => unknown } } | null;
  if (bulk?.name !== 'MongoBulkWriteError') return false;
  const writeErrors = (Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors]) as ({ code?: unknown } | undefined)[];
  return writeErrors.length > 0 && writeErrors.every((e) => e?.code === DUPLICATE_KEY) && !bulk.result?.getWriteConcernError?.();
}

/**
 * Stores hits durably, idempotently: a hit's id is derived from its audit record
 * (hitsOfRecord), so one already stored (a write stored but not acknowledged, tried again, or
 * a repair) is the same hit and is left as it is; the others are still written. A stored
 * document that differs from its record under that id is not overwritten: verification
 * reports it as altered.
 */
export async function writeHits(Hit: Model<HitRecord>, hits: HitRecord[]): Promise<void> {
  if (hits.length === 0) return;
  try {
    // The driver's own write: the hits are built from typed records, and mongoose's casting would cost more than the write.
    await Hit.collection.insertMany(hits as never[], { ordered: false, writeConcern: DURABLE_WRITE });
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}
