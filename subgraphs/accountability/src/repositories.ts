import { createAuditModels, findPage, type AuditModels, type CallerContext, type PageRequest, type RecordFilter } from '@intel-gateway/shared';
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
      listForOwner: (recordId: string | undefined, since: Date | undefined, page: PageRequest) =>
        findPage(models.Hit, { owner: agency, ...(recordId ? { recordId } : {}), ...between(since, undefined) }, page),
    },
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

export type AccountabilityRepositories = ReturnType<typeof createAccountabilityRepositories>;

/** The models on a connection to the gateway's store. */
export const createAccountabilityModels = (connection: Connection): AuditModels => createAuditModels(connection);
