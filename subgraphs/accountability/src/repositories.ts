import { randomUUID } from 'node:crypto';
import { BadUserInputError, createAuditModels, DURABLE_WRITE, findPage, type AuditModels, type AuditRecord, type CallerContext, type PageRequest, type RecordFilter, type ReleaseRequestRecord } from '@intel-gateway/shared';
import type { Connection } from 'mongoose';

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
 * Every query the accountability subgraph issues, for one caller, each served by an index
 * declared with the audit models (checked by the explain test). An owner sees only hits on
 * its own agency's records; an auditor never sees entries of its own.
 */
export function createAccountabilityRepositories(models: AuditModels, caller: CallerContext) {
  const { agency, user } = caller.principal;
  return {
    hits: {
      listForOwner: (recordId: string | undefined, since: Date | undefined, page: PageRequest, reference?: string) =>
        findPage(models.Hit, { owner: agency, ...(recordId ? { recordId } : {}), ...(reference ? { reference } : {}), ...between(since, undefined) }, page),
    },
    releaseRequests: releaseRequests(models, caller),
    auditTrail: {
      list: (filter: AuditFilter, page: PageRequest) =>
        findPage(
          models.AuditRecord,
          {
            ...(filter.agency ? { agency: filter.agency } : {}),
            ...(filter.user ? { user: filter.user } : {}),
            ...(filter.recordId ? { 'disclosures.id': filter.recordId } : {}),
            ...between(filter.from, filter.to),
            $nor: [{ user, agency }],
          },
          page,
        ),
    },
  };
}

/** Release requests: made by an agency that matched a record, decided by the record's owner. */
function releaseRequests(models: AuditModels, caller: CallerContext) {
  const { agency, user } = caller.principal;
  return {
    listToOwner: (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) => findPage(models.ReleaseRequest, { owner: agency, ...(status ? { status } : {}) }, page),
    listByRequester: (status: ReleaseRequestRecord['status'] | undefined, page: PageRequest) =>
      findPage(models.ReleaseRequest, { requesterAgency: agency, ...(status ? { status } : {}) }, page),
    /**
     * A new request, or the open or approved one this agency already has for the reference.
     * The record and its owner come from the audit: only a reference this agency was given
     * as a match counts, and the reference itself names no record.
     */
    request: async (reference: string, justification: string): Promise<ReleaseRequestRecord> => {
      const existing = await models.ReleaseRequest.findOne({ requesterAgency: agency, reference, status: { $in: ['PENDING', 'APPROVED'] } }).lean<ReleaseRequestRecord>();
      if (existing) return existing;
      // The handle is resolved here, server-side, and only for the agency it was given to.
      const matched = await models.AuditRecord.findOne({ 'matches.reference': reference, agency }, { matches: 1 }).lean<Pick<AuditRecord, 'matches'>>();
      const match = matched?.matches.find((m) => m.reference === reference);
      if (!match) throw new BadUserInputError('reference', 'your agency has no hit/no-hit answer with this reference');
      const { id } = match;
      const created: ReleaseRequestRecord = {
        _id: randomUUID(),
        reference,
        recordId: id,
        owner: match.owner,
        requesterAgency: agency,
        requesterUser: user,
        justification,
        status: 'PENDING',
        requestedAt: new Date(),
        decidedAt: null,
        decidedBy: null,
        conditions: null,
      };
      await models.ReleaseRequest.create(created);
      return created;
    },
    /** The owner's decision on one of its pending requests; anything else is refused without saying whether it exists. */
    decide: async (id: string, approve: boolean, conditions: string | null): Promise<ReleaseRequestRecord> => {
      // Conditional on still pending: of two decisions at once, one wins and the other is refused.
      const { modifiedCount } = await models.ReleaseRequest.updateOne(
        { _id: id, owner: agency, status: 'PENDING' },
        { $set: { status: approve ? 'APPROVED' : 'REFUSED', decidedAt: new Date(), decidedBy: user, conditions } },
        { writeConcern: DURABLE_WRITE },
      );
      const decided = modifiedCount === 1 ? await models.ReleaseRequest.findById(id).lean<ReleaseRequestRecord>() : null;
      if (!decided) throw new BadUserInputError('id', 'no pending release request of your agency with this id');
      return decided;
    },
  };
}

export type AccountabilityRepositories = ReturnType<typeof createAccountabilityRepositories>;

/** The models on a connection to the gateway's store. */
export const createAccountabilityModels = (connection: Connection): AuditModels => createAuditModels(connection);
