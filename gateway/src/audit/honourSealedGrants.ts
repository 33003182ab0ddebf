import type { KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Model } from 'mongoose';
import { type AuditRecord, comparableSealedGrant, isSealedRecord, sealedAsStored } from '@intel-gateway/shared/audit';
import type { Logger } from '@intel-gateway/shared/observability';
import type { HonourGrants } from '@intel-gateway/shared/policy';

/** Sealed approvals remembered, by grant id: as many as the gateway holds grants (HELD_GRANTS). */
const REMEMBERED_APPROVALS = 100_000;
/** How long a grant found without its approval is refused before its approval is looked for again (ms). */
const REFUSAL_MEMORY_MS = 2_000;
/** Grants refused remembered at once, and grants whose refusal was logged. */
const REMEMBERED_REFUSALS = 10_000;
/** Grant ids per read of the records that seal them. */
const LOOKUP_BATCH = 1_000;

/**
 * The release grants the gateway honours: only those an owner's approval sealed in the
 * audit trail, exactly as sealed (see `SealedReleaseGrant`). The grant store is outside the
 * hash chain: an insider with write access to it could insert or widen a grant, and an
 * owning subgraph, which reads the store as it is, would serve the record; the gateway
 * then withholds it as not released. A grant's approval is looked for by the grant's id
 * (indexed, in batches), its record's hash and signature checked with `keys` (the
 * gateway's own, and its previous ones after a rotation), and remembered, so each approval
 * is checked once while remembered; an id sealed twice with different terms is honoured
 * under neither. A grant found without its approval is refused for REFUSAL_MEMORY_MS before
 * it is looked for again (its refusal logged once): the grant is stored just before its
 * approval's record is written, so one read in between counts once that time has passed.
 */
export function honourSealedGrants(records: Model<AuditRecord>, keys: readonly KeyObject[], logger: Logger): HonourGrants {
  /** By grant id, the terms sealed for it (more than one: honoured under none, see sealedAsStored). */
  const sealed = new LRUCache<string, Set<string>>({ max: REMEMBERED_APPROVALS });
  const refused = new LRUCache<string, true>({ max: REMEMBERED_REFUSALS, ttl: REFUSAL_MEMORY_MS });
  const logged = new LRUCache<string, true>({ max: REMEMBERED_REFUSALS });
  const note = (id: string, form: string) => {
    const forms = sealed.get(id);
    if (forms) forms.add(form);
    else sealed.set(id, new Set([form]));
  };
  return async (grants) => {
    let unknown = [...new Set(grants.filter((grant) => !sealed.has(grant._id) && !refused.has(grant._id)).map((grant) => grant._id))];
    const read = new Set<string>();
    while (unknown.length > 0) {
      const batch = unknown.slice(0, LOOKUP_BATCH);
      // A record seals every grant it names: one read for a batch's ids may answer the next batches' too.
      const found = await records.find({ 'releaseGrants._id': { $in: batch } }).lean<AuditRecord[]>();
      for (const record of found) {
        if (read.has(record._id)) continue;
        read.add(record._id);
        if (!isSealedRecord(record, keys)) continue;
        for (const grant of record.releaseGrants ?? []) note(grant._id, comparableSealedGrant(grant));
      }
      unknown = unknown.slice(LOOKUP_BATCH).filter((id) => !sealed.has(id));
    }
    return grants.filter((grant) => {
      const forms = sealed.get(grant._id);
      if (sealedAsStored(forms, grant)) return true;
      if (!forms) refused.set(grant._id, true);
      if (!logged.has(grant._id)) {
        logged.set(grant._id, true);
        logger.warn(
          { grantId: grant._id, owner: grant.owner, agency: grant.agency, sealed: forms !== undefined },
          'a release grant that no approval sealed as it is stored (inserted or altered, or its approval not yet written) is not honoured',
        );
      }
      return false;
    });
  };
}
