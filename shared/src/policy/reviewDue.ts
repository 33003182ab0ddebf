import type { Model } from 'mongoose';
import type { CallerContext } from '../identity/gatewayToken';
import type { Provenance } from '../records/provenance';
import { clearedClassifications } from './releasability';

/** One record its owner must review, as the review queue lists it. */
export interface ReviewItem {
  type: string;
  id: string;
  reviewDueAt: Date;
  retainUntil: Date;
}

/** How many records each collection lists in a review queue, soonest expiry first. */
export const REVIEW_QUEUE_LIMIT = 100;

/**
 * The caller's agency's records whose review is due (from six months before `retainUntil`)
 * and that are still retained, across the given collections (keyed by API type name),
 * soonest first; only those the caller's clearance covers, like every list. Each collection
 * is read through the (`provenance.owner`, `provenance.reviewDueAt`) index every provenance
 * block declares.
 */
export async function findDueForReview(
  collections: Record<string, Model<{ _id: string; provenance: Provenance }>>,
  caller: CallerContext,
  now: Date = new Date(),
): Promise<ReviewItem[]> {
  const owner = caller.principal.agency;
  const classifications = clearedClassifications(caller);
  const perCollection = await Promise.all(
    Object.entries(collections).map(async ([type, model]) => {
      const records = await model
        .find(
          {
            'provenance.owner': owner,
            'provenance.reviewDueAt': { $lte: now },
            'provenance.retainUntil': { $gt: now },
            'provenance.classification': { $in: classifications },
          },
          { 'provenance.reviewDueAt': 1, 'provenance.retainUntil': 1 },
        )
        .sort({ 'provenance.owner': 1, 'provenance.reviewDueAt': 1 })
        .limit(REVIEW_QUEUE_LIMIT)
        .lean<{ _id: string; provenance: Pick<Provenance, 'reviewDueAt' | 'retainUntil'> }[]>();
      return records.map((r) => ({ type, id: r._id, reviewDueAt: r.provenance.reviewDueAt, retainUntil: r.provenance.retainUntil }));
    }),
  );
  return perCollection.flat().sort((a, b) => a.retainUntil.getTime() - b.retainUntil.getTime());
}
