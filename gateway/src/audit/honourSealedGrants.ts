import type { KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Model } from 'mongoose';
import { type AuditRecord, comparableSealedGrant, comparableStoredGrant, isSealedRecord } from '@intel-gateway/shared/audit';
import type { Logger } from '@intel-gateway/shared/observability';
import type { HonourGrants } from '@intel-gateway/shared/policy';

/** Sealed approvals remembered, by grant id: as many as the gateway holds grants (HELD_GRANTS). */
const REMEMBERED_APPROVALS = 100_000;
/** Grants refused and logged, so a refused grant read again every few seconds is logged once. */
const REMEMBERED_REFUSALS = 10_000;

/**
 * The release grants the gateway honours: only those an owner's approval sealed in the
 * audit trail, exactly as sealed (see `SealedReleaseGrant`). The grant store is outside the
 * hash chain: an insider with write access to it could insert or widen a grant, and an
 * owning subgraph, which reads the store as it is, would serve the record; the gateway
 * then withholds it as not released. A grant's approval is looked for by the grant's id
 * (indexed), its record's hash and signature checked with `keys` (the gateway's own, and
 * its previous ones after a rotation), and remembered, so each approval is checked once per
 * process. The grant is stored just before its approval's record is written: a grant read
 * in between is honoured once the gateway reads it again (within seconds).
 */
export function honourSealedGrants(records: Model<AuditRecord>, keys: readonly KeyObject[], logger: Logger): HonourGrants {
  const sealed = new LRUCache<string, string>({ max: REMEMBERED_APPROVALS });
  const refused = new LRUCache<string, true>({ max: REMEMBERED_REFUSALS });
  return async (grants) => {
    const unknown = grants.filter((grant) => !sealed.has(grant._id));
    if (unknown.length > 0) {
      const found = await records.find({ 'releaseGrants._id': { $in: unknown.map((grant) => grant._id) } }).lean<AuditRecord[]>();
      for (const record of found) {
        if (!isSealedRecord(record, keys)) continue;
        for (const grant of record.releaseGrants ?? []) sealed.set(grant._id, comparableSealedGrant(grant));
      }
    }
    return grants.filter((grant) => {
      if (sealed.get(grant._id) === comparableStoredGrant(grant)) return true;
      if (!refused.has(grant._id)) {
        refused.set(grant._id, true);
        logger.warn(
          { grantId: grant._id, owner: grant.owner, agency: grant.agency, sealed: sealed.has(grant._id) },
          'a release grant that no approval sealed as it is stored (inserted or altered, or its approval not yet written) is not honoured',
        );
      }
      return false;
    });
  };
}
