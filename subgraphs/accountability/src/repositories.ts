import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import {
  type AuditModels,
  type AuditRecord,
  createAuditModels,
  DURABLE_WRITE,
  type ReleaseRequestRecord,
} from '@intel-gateway/shared/audit';
import { findPage } from '@intel-gateway/shared/database';
import { BadUserInputError } from '@intel-gateway/shared/errors';
import { type CallerContext, oversees } from '@intel-gateway/shared/identity';
import type { PageRequest } from '@intel-gateway/shared/pagination';
import type { RecordFilter, ReleaseGrantRecord } from '@intel-gateway/shared/policy';

export interface AuditFilter {
  agency?: string;
  user?: string;
  recordId?: string;
  from?: Date;
  to?: Date;
}

/** A time range on `at`, when one is given. */
function between(from: Date | undefined, to: Date | undefined): RecordFilter {
  if (!from && !to) return {};
  return { at: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } };
}

/**
 * The audit entries a caller may read, and of those the ones that disclosed `recordId` when
 * given. The operator's data-protection supervisors see every agency's; an agency's auditor
 * sees the entries of its own agency's users, and the entries of other agencies' users only
 * where they disclosed or matched its agency's records (its hits). Nobody sees their own
 * entries. For an agency's auditor the record is looked for inside that scope: in its own
 * users' entries among every record disclosed, in other agencies' entries only among its
 * own agency's records (one disclosure with both the id and its agency as owner). Otherwise
 * another agency's entry that disclosed a record of its agency would also answer whether it
 * disclosed another owner's record with that id, which the auditor may not learn.
 */
function auditScope(caller: CallerContext, recordId: string | undefined): RecordFilter {
  const { agency, user } = caller.principal;
  const notOwn = { $nor: [{ user, agency }] };
  if (oversees(caller.principal)) return { ...notOwn, ...(recordId ? { 'disclosures.id': recordId } : {}) };
  if (recordId)
    return { ...notOwn, $or: [{ agency, 'disclosures.id': recordId }, { disclosures: { $elemMatch: { id: recordId, owner: agency } } }] };
  return { ...notOwn, $or: [{ agency }, { 'disclosures.owner': agency }, { 'matches.owner': agency }] };
}

/**
 * An entry as an agency auditor may read it: of its own agency's users, whole; of another
 * agency's user, only what concerns its own records (the disclosures of its records; not the
 * other records disclosed, nor the fields denied, nor the operation's name).
 */
function scopedEntry(record: AuditRecord, caller: CallerContext): AuditRecord {
  const { agency } = caller.principal;
  if (oversees(caller.principal) || record.agency === agency) return record;
  return {
    ...record,
    operationName: null,
    disclosures: record.disclosures.filter((d) => d.owner === agency),
    matches: record.matches.filter((m) => m.owner === agency),
    denials: [],
  };
}

/**
 * Every query the accountability subgraph issues, for one caller, each served by an index
 * declared with the audit models (checked by the explain test). An owner sees only hits on
 * its own agency's records; an auditor sees only its scope (`auditScope`) and never its own entries.
 */
export function createAccountabilityRepositories(models: AuditModels, caller: CallerContext) {
  const { agency } = caller.principal;
  return {
    hits: {
      listForOwner: (recordId: string | undefined, since: Date | undefined, page: PageRequest, reference?: string) =>
        findPage(
          models.Hit,
          { owner: agency, ...(recordId ? { recordId } : {}), ...(reference ? { reference } : {}), ...between(since, undefined) },
          page,
        ),
      /** How many hits the caller's agency's records have had. */
      countForOwner: () => models.Hit.countDocuments({ owner: agency }),
    },
    releaseRequests: releaseRequests(models, caller),
    auditTrail: {
      list: async (filter: AuditFilter, page: PageRequest) => {
        const found = await findPage(
          models.AuditRecord,
          {
            ...(filter.agency ? { agency: filter.agency } : {}),
            ...(filter.user ? { user: filter.user } : {}),
            ...between(filter.from, filter.to),
            ...auditScope(caller, filter.recordId),
          },
          page,
        );
        return { ...found, nodes: found.nodes.map((record) => scopedEntry(record, caller)) };
      },
    },
  };
}

/** The record a hit reference names, as the agency was given it: its API type, id and owner. */
export interface HitRecord {
  type: string;
  id: string;
  owner: string;
}

/**
 * The record behind a reference that a hit/no-hit answer gave `agency`, read from the
 * matches the audit recorded for that agency; null when the agency was never given it.
 * The one place a reference is resolved, so its format can change here alone.
 */
export async function resolveHitReference(models: AuditModels, reference: string, agency: string): Promise<HitRecord | null> {
  // The handle is opaque (see newHitReference): resolved here, server-side, and only for the agency it was given to.
  const matched = await models.AuditRecord.findOne({ 'matches.reference': reference, agency }, { matches: 1 }).lean<
    Pick<AuditRecord, 'matches'>
  >();
  const match = matched?.matches.find((m) => m.reference === reference);
  return match ? { type: match.type, id: match.id, owner: match.owner } : null;
}

/** Release requests: made by an agency that matched a record, decided by the record's owner. */
function releaseRequests(models: AuditModels, caller: CallerContext) {
  const { agency, user } = caller.principal;
  return {
    listToOwner: (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) =>
      findPage(models.ReleaseRequest, { owner: agency, ...(status ? { status } : {}) }, page),
    listByRequester: (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) =>
      findPage(models.ReleaseRequest, { requesterAgency: agency, ...(status ? { status } : {}) }, page),
    /**
     * A new request for the purpose the caller declared, or the open or approved (and not
     * ended) one this agency already has for the reference and that purpose. The record and
     * its owner come from the audit: only a reference this agency was given as a match
     * counts, and the reference itself names no record.
     */
    request: async (reference: string, justification: string): Promise<ReleaseRequestRecord> => {
      const { purpose } = caller;
      if (purpose === null) throw new BadUserInputError('purpose', 'declare the purpose the record is needed for');
      const now = new Date();
      const existing = await models.ReleaseRequest.findOne({
        requesterAgency: agency,
        reference,
        purpose,
        $or: [{ status: 'PENDING' }, { status: 'APPROVED', until: null }, { status: 'APPROVED', until: { $gt: now } }],
      }).lean<ReleaseRequestRecord>();
      if (existing) return existing;
      const record = await resolveHitReference(models, reference, agency);
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
      return created;
    },
    /**
     * The owner's decision on one of its pending requests; anything else is refused without
     * saying whether it exists. An approval writes the grant the owning subgraphs serve the
     * record by: for the request's record, agency and purpose, until `until` when set.
     */
    decide: async (id: string, approve: boolean, conditions: string | null, until: Date | null): Promise<ReleaseRequestRecord> => {
      if (until && until <= new Date()) throw new BadUserInputError('until', 'must be in the future');
      const decidedAt = new Date();
      let decided: ReleaseRequestRecord | null = null;
      // One transaction: the decision and the grant it makes are written together or not at all.
      const session = await models.ReleaseRequest.db.startSession();
      try {
        await session.withTransaction(
          async () => {
            decided = null;
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
                _id: request._id,
                agency: request.requesterAgency,
                purpose: request.purpose,
                recordType: request.recordType,
                owner: request.owner,
                recordId: request.recordId,
                until: request.until,
                conditions: request.conditions,
                grantedAt: decidedAt,
              };
              await models.ReleaseGrant.create([grant], { session });
            }
            decided = request;
          },
          { writeConcern: DURABLE_WRITE },
        );
      } finally {
        await session.endSession();
      }
      if (!decided) throw new BadUserInputError('id', 'no pending release request of your agency with this id');
      return decided;
    },
  };
}

export type AccountabilityRepositories = ReturnType<typeof createAccountabilityRepositories>;

/** The models on a connection to the gateway's store. */
export const createAccountabilityModels = (connection: Connection): AuditModels => createAuditModels(connection);
