import type { Connection } from 'mongoose';
import { LRUCache } from 'lru-cache';
import { createAuditModels } from '@intel-gateway/shared';

/**
 * The records owners have released to an agency on request, read from the gateway's store
 * and passed to the subgraphs in the gateway token, where the release rules let them
 * through. Cached per agency for `ttlMs`, so an approval takes effect within that time.
 */
export function createReleasedRecordsLookup(connection: Connection, ttlMs = 2_000): (agency: string) => Promise<string[]> {
  const models = createAuditModels(connection);
  const cache = new LRUCache<string, Promise<string[]>>({ max: 1_000, ttl: ttlMs });
  return (agency) => {
    let released = cache.get(agency);
    if (!released) {
      released = models.ReleaseRequest.find({ requesterAgency: agency, status: 'APPROVED' }, { recordId: 1 })
        .lean<{ recordId: string }[]>()
        .then((requests) => requests.map((r) => r.recordId));
      cache.set(agency, released);
      released.catch(() => cache.delete(agency));
    }
    return released;
  };
}
