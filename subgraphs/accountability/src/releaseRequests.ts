import { type KeyObject, randomUUID } from 'node:crypto';
import {
  type AuditModels,
  type AuditRecord,
  comparableRequestTerms,
  comparableSealedGrant,
  comparableStoredGrant,
  DURABLE_WRITE,
  isSealedRecord,
  type ReleaseRequestRecord,
  type SealedReleaseRequest,
  sealedReleaseRequest,
} from '@intel-gateway/shared/audit';
import { findPage } from '@intel-gateway/shared/database';
import { BadUserInputError } from '@intel-gateway/shared/errors';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { PageRequest } from '@intel-gateway/shared/pagination';
import type { ReleaseGrantRecord } from '@intel-gateway/shared/policy';

/**
 * How the release flow's writes are sealed in the gateway's audit: each request made and
 * each grant written is handed over (`onRequestWritten`, `onGrantWritten`) and goes back to
 * the gateway with the answer, which seals it in the operation's audit record; `keys` are
 * the gateway's public keys, with which a record's seal is checked before its terms count.
 */
export interface ReleaseSealing {
  keys: readonly KeyObject[];
  onRequestWritten: (request: ReleaseRequestRecord) => void;
  onGrantWritten: (grant: ReleaseGrantRecord) => void;
}

/** The record a hit reference names, as the agency was given it: its API type, id and owner. */
export interface HitRecord {
  type: string;
  id: string;
  owner: string;
}

/**
 * The record behind a reference that a hit/no-hit answer gave `agency`, read from the
 * matches of an audit record of that agency whose hash and signature hold (an edited
 * record names nothing); null when the agency was never given it. The one place a
 * reference is resolved, so its format can change here alone.
 */
async function resolveHitReference(
  models: AuditModels,
  keys: readonly KeyObject[],
  reference: string,
  agency: string,
): Promise<HitRecord | null> {
  // The handle is opaque (see newHitReference): resolved here, server-side, and only for the agency it was given to.
  const matched = await models.AuditRecord.find({ 'matches.reference': reference, agency }).lean<AuditRecord[]>();
  const match = matched
    .filter((record) => isSealedRecord(record, keys))
    .flatMap((record) => record.matches.find((m) => m.reference === reference) ?? [])[0];
  return match ? { type: match.type, id: match.id, owner: match.owner } : null;
}

/**
 * The terms the request `id` was made with, from the audit record that sealed them (its
 * hash and signature checked); null when no sealed record names them, or two name
 * different terms.
 */
async function sealedTermsOf(models: AuditModels, keys: readonly KeyObject[], id: string): Promise<SealedReleaseRequest | null> {
  const records = await models.AuditRecord.find({ 'releaseRequests._id': id }).lean<AuditRecord[]>();
  const terms = records
    .filter((record) => isSealedRecord(record, keys))
    .flatMap((record) => (record.releaseRequests ?? []).filter((request) => request._id === id));
  const distinct = new Set(terms.map(comparableRequestTerms));
  return distinct.size === 1 ? terms[0]! : null;
}

/** Whether the grant stored under `id` is one a record sealed, exactly as stored (see honourSealedGrants in the gateway). */
async function grantSealedAsStored(models: AuditModels, keys: readonly KeyObject[], id: string): Promise<boolean> {
  const stored = await models.ReleaseGrant.findById(id).lean<ReleaseGrantRecord>();
  if (!stored) return false;
  const records = await models.AuditRecord.find({ 'releaseGrants._id': id }).lean<AuditRecord[]>();
  const forms = new Set(
    records
      .filter((record) => isSealedRecord(record, keys))
      .flatMap((record) => (record.releaseGrants ?? []).filter((grant) => grant._id === id).map(comparableSealedGrant)),
  );
  return forms.size === 1 && forms.has(comparableStoredGrant(stored));
}

/** Release requests: made by an agency that matched a record, decided by the record's owner, each step sealed (`sealing`). */
export function createReleaseRequests(models: AuditModels, caller: CallerContext, sealing: ReleaseSealing) {
  const { agency, user } = caller.principal;
  /**
   * Whether an open request still stands: its terms as sealed when it was made and, once
   * approved, its grant as sealed. One that does not (made before requests were sealed,
   * edited, or approved with a grant whose seal was never written) cannot be decided, or
   * releases nothing: the agency may ask again.
   */
  const inForceAsSealed = async (request: ReleaseRequestRecord): Promise<boolean> => {
    const terms = await sealedTermsOf(models, sealing.keys, request._id);
    if (!terms || comparableRequestTerms(terms) !== comparableRequestTerms(sealedReleaseRequest(request))) return false;
    return request.status !== 'APPROVED' || grantSealedAsStored(models, sealing.keys, request._id);
  };
  return {
    listToOwner: (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) =>
      findPage(models.ReleaseRequest, { owner: agency, ...(status ? { status } : {}) }, page),
    listByRequester: (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) =>
      findPage(models.ReleaseRequest, { requesterAgency: agency, ...(status ? { status } : {}) }, page),
    /**
     * A new request for the purpose the caller declared, or the open or approved (and not
     * ended) one this agency already has for the reference and that purpose, if it still
     * stands as sealed (`inForceAsSealed`). The record and
     * its owner come from the audit: only a reference this agency was given as a match, in a
     * record the gateway sealed, counts, and the reference itself names no record. A new
     * request's terms go to `onRequestWritten`, to be sealed.
     */
    request: async (reference: string, justification: string): Promise<ReleaseRequestRecord> => {
      const { purpose } = caller;
      if (purpose === null) throw new BadUserInputError('purpose', 'declare the purpose the record is needed for');
      const now = new Date();
      const open = await models.ReleaseRequest.find({
        requesterAgency: agency,
        reference,
        purpose,
        $or: [{ status: 'PENDING' }, { status: 'APPROVED', until: null }, { status: 'APPROVED', until: { $gt: now } }],
      }).lean<ReleaseRequestRecord[]>();
      for (const existing of open) if (await inForceAsSealed(existing)) return existing;
      const record = await resolveHitReference(models, sealing.keys, reference, agency);
      if (!record) throw new BadUserInputError('reference', 'your agency has no hit/no-hit answer with this reference');
      const created: ReleaseRequestRecord = {
        _id: randomUUID(),
        reference,
        recordType: record.type,
        recordId: record.id,
        owner: record.owner,
        requesterAgency: agency,
        requesterUser: user,
        purpose,
        justification,
        status: 'PENDING',
        requestedAt: now,
        decidedAt: null,
        decidedBy: null,
        until: null,
        conditions: null,
      };
      await models.ReleaseRequest.create(created);
      sealing.onRequestWritten(created);
      return created;
    },
    /**
     * The owner's decision on one of its pending requests; anything else is refused without
     * saying whether it exists. The request must be as it was made: its terms as stored
     * equal to those the audit sealed when it was made, or it cannot be decided (a request
     * edited in the database, to another record, agency or purpose, would otherwise ride on
     * the owner's approval). An approval writes the grant the owning subgraphs serve the
     * record by, on the sealed terms: the request's record, agency and purpose, until
     * `until` when set; once stored, the grant goes to `onGrantWritten`.
     */
    decide: async (id: string, approve: boolean, conditions: string | null, until: Date | null): Promise<ReleaseRequestRecord> => {
      if (until && until <= new Date()) throw new BadUserInputError('until', 'must be in the future');
      const unknown = () => new BadUserInputError('id', 'no pending release request of your agency with this id');
      const pending = await models.ReleaseRequest.findOne({ _id: id, owner: agency, status: 'PENDING' }).lean<ReleaseRequestRecord>();
      if (!pending) throw unknown();
      const terms = await sealedTermsOf(models, sealing.keys, id);
      if (!terms || terms.owner !== agency || comparableRequestTerms(terms) !== comparableRequestTerms(sealedReleaseRequest(pending)))
        throw new BadUserInputError(
          'id',
          'this release request is not as it was made (its terms differ from those the audit sealed when it was made): it cannot be decided; report it to the operator',
        );
      const decidedAt = new Date();
      let decided: ReleaseRequestRecord | null = null;
      let granted: ReleaseGrantRecord | null = null;
      // One transaction: the decision and the grant it makes are written together or not at all.
      const session = await models.ReleaseRequest.db.startSession();
      try {
        await session.withTransaction(
          async () => {
            decided = null;
            granted = null;
            // Conditional on still pending: of two decisions at once, one wins and the other is refused.
            const { modifiedCount } = await models.ReleaseRequest.updateOne(
              { _id: id, owner: agency, status: 'PENDING' },
              { $set: { status: approve ? 'APPROVED' : 'REFUSED', decidedAt, decidedBy: user, conditions, until: approve ? until : null } },
              { session },
            );
            if (modifiedCount !== 1) return;
            const request = await models.ReleaseRequest.findById(id).session(session).lean<ReleaseRequestRecord>();
            if (request && approve) {
              const grant: ReleaseGrantRecord = {
                _id: terms._id,
                agency: terms.requesterAgency,
                purpose: terms.purpose as ReleaseGrantRecord['purpose'],
                recordType: terms.recordType,
                owner: terms.owner,
                recordId: terms.recordId,
                until,
                conditions,
                grantedAt: decidedAt,
              };
              await models.ReleaseGrant.create([grant], { session });
              granted = grant;
            }
            decided = request;
          },
          { writeConcern: DURABLE_WRITE },
        );
      } finally {
        await session.endSession();
      }
      if (!decided) throw unknown();
      if (granted) sealing.onGrantWritten(granted);
      return decided;
    },
  };
}
