import type { Connection } from 'mongoose';
import { LRUCache } from 'lru-cache';
import { createAuditModels } from '@intel-gateway/shared';

/** Records released to an agency: their ids, and the conditions the owner attached to each. */
export type ReleasedRecords = ReadonlyMap<string, string | null>;

/**
 * The records owners have released to an agency on request, read from the gateway's store:
 * their ids go to the subgraphs in the gateway token, where the release rules let them
 * through, and the owners' conditions travel with the data. Cached per agency for `ttlMs`,
 * so an approval takes effect within that time.
 */
export function createReleasedRecordsLookup(connection: Connection, ttlMs = 2_000): (agency: string) => Promise<ReleasedRecords> {
  const models = createAuditModels(connection);
  const cache = new LRUCache<string, Promise<ReleasedRecords>>({ max: 1_000, ttl: ttlMs });
  return (agency) => {
    let released = cache.get(agency);
    if (!released) {
      released = models.ReleaseRequest.find({ requesterAgency: agency, status: 'APPROVED' }, { recordId: 1, conditions: 1 })
        .lean<{ recordId: string; conditions: string | null }[]>()
        .then((requests) => new Map(requests.map((r) => [r.recordId, r.conditions ?? null])));
      cache.set(agency, released);
      released.catch(() => cache.delete(agency));
    }
    return released;
  };
}
