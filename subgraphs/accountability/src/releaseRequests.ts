import { type KeyObject, randomUUID } from 'node:crypto';
import {
  type AuditModels,
  type AuditRecord,
  comparableRequestTerms,
  DURABLE_WRITE,
  isSealedRecord,
  noteSealedGrants,
  type ReleaseRequestRecord,
  sealedAsStored,
  type SealedGrants,
  type SealedReleaseDecision,
  type SealedReleaseRequest,
  sealedReleaseRequest,
} from '@intel-gateway/shared/audit';
import { findPage } from '@intel-gateway/shared/database';
import { BadUserInputError } from '@intel-gateway/shared/errors';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { Page, PageRequest } from '@intel-gateway/shared/pagination';
import type { ReleaseGrantRecord } from '@intel-gateway/shared/policy';

/**
 * How the release flow's writes are sealed in the gateway's audit: each request made, each
 * decision and each grant written is handed over (`onRequestWritten`, `onDecisionWritten`,
 * `onGrantWritten`) and goes back to the gateway with the answer, which seals it in the
 * operation's audit record; `keys` are the gateway's public keys, with which a record's
 * seal is checked before its terms count.
 */
export interface ReleaseSealing {
  keys: readonly KeyObject[];
  onRequestWritten: (request: ReleaseRequestRecord) => void;
  onDecisionWritten: (decision: SealedReleaseDecision) => void;
  onGrantWritten: (grant: ReleaseGrantRecord) => void;
}

/** At most this many audit records are read for one reference, request or grant id (each is sealed once; see the lookups below). */
const RECORDS_NAMING_ONE_ID = 4;
/** At most this many open requests of one agency for one reference and purpose are looked at before a new one is made. */
const OPEN_REQUESTS_LOOKED_AT = 4;

/** The record a hit reference names, as the agency was given it: its API type, id and owner. */
interface HitRecord {
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
  // A reference is given once; more records naming it than this are copies an insider made, and none of them is needed.
  const matched = await models.AuditRecord.find({ 'matches.reference': reference, agency })
    .limit(RECORDS_NAMING_ONE_ID)
    .lean<AuditRecord[]>();
  const match = matched
    .filter((record) => isSealedRecord(record, keys))
    .flatMap((record) => record.matches.find((m) => m.reference === reference) ?? [])[0];
  return match ? { type: match.type, id: match.id, owner: match.owner } : null;
}

/** The audit records that name `id` under `path` (indexed) and whose hash and signature hold; at most RECORDS_NAMING_ONE_ID are read. */
async function sealedRecordsNaming(
  models: AuditModels,
  keys: readonly KeyObject[],
  path: 'releaseRequests._id' | 'releaseDecisions._id' | 'releaseGrants._id',
  id: string,
): Promise<AuditRecord[]> {
  const records = await models.AuditRecord.find({ [path]: id })
    .limit(RECORDS_NAMING_ONE_ID)
    .lean<AuditRecord[]>();
  return records.filter((record) => isSealedRecord(record, keys));
}

/**
 * The terms the request `id` was made with, from the audit record that sealed them (its
 * hash and signature checked); null when no sealed record names them, or two name
 * different terms.
 */
async function sealedTermsOf(models: AuditModels, keys: readonly KeyObject[], id: string): Promise<SealedReleaseRequest | null> {
  const terms = (await sealedRecordsNaming(models, keys, 'releaseRequests._id', id)).flatMap((record) =>
    (record.releaseRequests ?? []).filter((request) => request._id === id),
  );
  const distinct = new Set(terms.map(comparableRequestTerms));
  return distinct.size === 1 ? terms[0]! : null;
}

/** Whether a decision on request `id` is sealed in a record whose hash and signature hold: then it is never decided again. */
async function decisionSealed(models: AuditModels, keys: readonly KeyObject[], id: string): Promise<boolean> {
  return (await sealedRecordsNaming(models, keys, 'releaseDecisions._id', id)).length > 0;
}

/** Whether the grant stored under `id` is one a record sealed, exactly as stored (see honourSealedGrants in the gateway), and still in force at `now`. */
async function grantInForceAsSealed(models: AuditModels, keys: readonly KeyObject[], id: string, now: Date): Promise<boolean> {
  const stored = await models.ReleaseGrant.findById(id).lean<ReleaseGrantRecord>();
  if (!stored || (stored.until !== null && !(stored.until instanceof Date && stored.until > now))) return false;
  const sealed: SealedGrants = new Map();
  for (const record of await sealedRecordsNaming(models, keys, 'releaseGrants._id', id)) noteSealedGrants(sealed, record, new Set([id]));
  return sealedAsStored(sealed.get(id), stored);
}

/** A release request as the API shows it: the stored request, with the terms the audit sealed when it was made (null when none, or two that differ). */
export type ReleaseRequestView = ReleaseRequestRecord & { sealedTerms: SealedReleaseRequest | null };

/** The fields of a stored request that sealed terms name as they are (the justification is sealed as a hash). */
const asStored = ({ justificationHash: _, ...terms }: SealedReleaseRequest) => terms;

/** Whether a request is as it was made: its stored terms equal to the sealed ones. */
export const isAsMade = (request: ReleaseRequestView): boolean =>
  request.sealedTerms !== null && comparableRequestTerms(request.sealedTerms) === comparableRequestTerms(sealedReleaseRequest(request));

/** Release requests: made by an agency that matched a record, decided by the record's owner, each step sealed (`sealing`). */
export function createReleaseRequests(models: AuditModels, caller: CallerContext, sealing: ReleaseSealing) {
  const { agency, user } = caller.principal;
  /**
   * The sealed terms of an open request that still stands: as sealed when it was made, not
   * decided already if pending, and once approved with its grant as sealed and in force
   * (the request's own end, as stored, is not trusted). One that does not (made before
   * requests were sealed, edited, reset to pending, approved with a grant whose seal was
   * never written, or ended) cannot be decided, or releases nothing: the agency may ask
   * again (null).
   */
  const inForceAsSealed = async (request: ReleaseRequestRecord, now: Date): Promise<SealedReleaseRequest | null> => {
    const sealedTerms = await sealedTermsOf(models, sealing.keys, request._id);
    if (!isAsMade({ ...request, sealedTerms })) return null;
    if (request.status === 'PENDING' && (await decisionSealed(models, sealing.keys, request._id))) return null;
    if (request.status === 'APPROVED' && !(await grantInForceAsSealed(models, sealing.keys, request._id, now))) return null;
    return sealedTerms;
  };
  /** A page of requests, each with its sealed terms (one indexed read each). */
  const withSealedTerms = async (page: Page<ReleaseRequestRecord>): Promise<Page<ReleaseRequestView>> => ({
    ...page,
    nodes: await Promise.all(
      page.nodes.map(async (request) => ({ ...request, sealedTerms: await sealedTermsOf(models, sealing.keys, request._id) })),
    ),
  });
  return {
    listToOwner: async (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) =>
      withSealedTerms(await findPage(models.ReleaseRequest, { owner: agency, ...(status ? { status } : {}) }, page)),
    listByRequester: async (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) =>
      withSealedTerms(await findPage(models.ReleaseRequest, { requesterAgency: agency, ...(status ? { status } : {}) }, page)),
    /**
     * A new request for the purpose the caller declared, or the open or approved (and not
     * ended) one this agency already has for the reference and that purpose, if it still
     * stands as sealed (`inForceAsSealed`). The record and its owner come from the audit:
     * only a reference this agency was given as a match, in a record the gateway sealed,
     * counts, and the reference itself names no record. A new request's terms go to
     * `onRequestWritten`, to be sealed.
     */
    request: async (reference: string, justification: string): Promise<ReleaseRequestView> => {
      const { purpose } = caller;
      if (purpose === null) throw new BadUserInputError('purpose', 'declare the purpose the record is needed for');
      const now = new Date();
      const open = await models.ReleaseRequest.find({
        requesterAgency: agency,
        reference,
        purpose,
        $or: [{ status: 'PENDING' }, { status: 'APPROVED', until: null }, { status: 'APPROVED', until: { $gt: now } }],
      })
        .limit(OPEN_REQUESTS_LOOKED_AT)
        .lean<ReleaseRequestRecord[]>();
      for (const existing of open) {
        const sealedTerms = await inForceAsSealed(existing, now);
        if (sealedTerms) return { ...existing, sealedTerms };
      }
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
      // Sealed by the gateway with this operation's record, before the answer leaves.
      return { ...created, sealedTerms: sealedReleaseRequest(created) };
    },
    /**
     * The owner's decision on one of its pending requests; anything else is refused without
     * saying whether it exists. The request must be as it was made: its terms as stored
     * equal to those the audit sealed when it was made, or it cannot be decided (a request
     * edited in the database, to another record, agency or purpose, would otherwise ride on
     * the owner's approval), and a request whose decision the audit sealed already (a
     * refusal reset to pending) is never decided again; each decision goes to
     * `onDecisionWritten`. An approval writes the grant the owning subgraphs serve the
     * record by, on the sealed terms: the request's record, agency and purpose, until
     * `until` when set; once stored, the grant goes to `onGrantWritten`.
     */
    decide: async (id: string, approve: boolean, conditions: string | null, until: Date | null): Promise<ReleaseRequestView> => {
      if (until && until <= new Date()) throw new BadUserInputError('until', 'must be in the future');
      const unknown = () => new BadUserInputError('id', 'no pending release request of your agency with this id');
      const pending = await models.ReleaseRequest.findOne({ _id: id, owner: agency, status: 'PENDING' }).lean<ReleaseRequestRecord>();
      if (!pending) throw unknown();
      const terms = await sealedTermsOf(models, sealing.keys, id);
      if (await decisionSealed(models, sealing.keys, id))
        throw new BadUserInputError(
          'id',
          'this release request was decided already (the audit sealed that decision), though it is stored as pending: it cannot be decided again; report it to the operator',
        );
      if (!terms || terms.owner !== agency || !isAsMade({ ...pending, sealedTerms: terms }))
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
              // And still as checked above: a row edited since is not decided.
              { ...asStored(terms), justification: pending.justification, status: 'PENDING' },
              { $set: { status: approve ? 'APPROVED' : 'REFUSED', decidedAt, decidedBy: user, conditions, until: approve ? until : null } },
              { session },
            );
            if (modifiedCount !== 1) return;
            const request = await models.ReleaseRequest.findById(id).session(session).lean<ReleaseRequestRecord>();
            if (request && approve) {
              const grant: ReleaseGrantRecord = {
                _id: terms._id,
                agency: terms.requesterAgency,
                purpose: terms.purpose,
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
      sealing.onDecisionWritten({ _id: id, owner: agency, approve });
      if (granted) sealing.onGrantWritten(granted);
      return { ...(decided as ReleaseRequestRecord), sealedTerms: terms };
    },
  };
}
