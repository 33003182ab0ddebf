import { randomUUID } from 'node:crypto';
import { BadUserInputError, createAuditModels, DURABLE_WRITE, findPage, oversees, type AuditModels, type AuditRecord, type CallerContext, type PageRequest, type RecordFilter, type ReleaseRequestRecord } from '@intel-gateway/shared';
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
 * The audit entries a caller may read. The operator's data-protection supervisors see every
 * agency's; an agency's auditor sees the entries of its own agency's users, and the entries
 * of other agencies' users only where they disclosed or matched its agency's records (its
 * hits). Nobody sees their own entries.
 */
function auditScope(caller: CallerContext): RecordFilter {
  const { agency, user } = caller.principal;
  const notOwn = { $nor: [{ user, agency }] };
  if (oversees(caller.principal)) return notOwn;
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
      listForOwner: (recordId: string | undefined, since: Date | undefined, page: PageRequest) =>
        findPage(models.Hit, { owner: agency, ...(recordId ? { recordId } : {}), ...between(since, undefined) }, page),
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
            ...(filter.recordId ? { 'disclosures.id': filter.recordId } : {}),
            ...between(filter.from, filter.to),
            ...auditScope(caller),
          },
          page,
        );
        return { ...found, nodes: found.nodes.map((record) => scopedEntry(record, caller)) };
      },
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
     * The owner comes from the audit: only a reference this agency was given as a match counts.
     */
    request: async (reference: string, justification: string): Promise<ReleaseRequestRecord> => {
      const existing = await models.ReleaseRequest.findOne({ requesterAgency: agency, reference, status: { $in: ['PENDING', 'APPROVED'] } }).lean<ReleaseRequestRecord>();
      if (existing) return existing;
      const [type, id] = reference.split('/') as [string, string];
      const matched = await models.AuditRecord.findOne({ agency, matches: { $elemMatch: { type, id } } }, { matches: 1 }).lean<Pick<AuditRecord, 'matches'>>();
      const match = matched?.matches.find((m) => m.type === type && m.id === id);
      if (!match) throw new BadUserInputError('reference', 'your agency has no hit/no-hit answer with this reference');
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
