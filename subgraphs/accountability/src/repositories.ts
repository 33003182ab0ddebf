import type { Connection } from 'mongoose';
import { type AuditModels, type AuditRecord, createAuditModels } from '@intel-gateway/shared/audit';
import { findPage } from '@intel-gateway/shared/database';
import { BadUserInputError } from '@intel-gateway/shared/errors';
import { type CallerContext, oversees } from '@intel-gateway/shared/identity';
import { encodeCursor, type Page, type PageRequest } from '@intel-gateway/shared/pagination';
import type { RecordFilter } from '@intel-gateway/shared/policy';
import type { OpaqueIds } from './loadOpaqueIds';
import { createReleaseRequests, type ReleaseSealing } from './releaseRequests';

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
 * An audit entry as a caller reads it. Fields an agency's auditor may not read are null:
 * the place in its chain always (see `OpaqueIds`), and for another agency's entry the
 * hashes of the operation and its variables (whoever guesses the text can confirm the guess
 * with them, such as which ids the operation named) and its outcome (whether fields were
 * denied to that agency).
 */
export type AuditEntryView = Omit<AuditRecord, 'chainId' | 'seq' | 'operationHash' | 'variablesHash' | 'outcome'> & {
  chainId: string | null;
  seq: number | null;
  operationHash: string | null;
  variablesHash: string | null;
  outcome: string | null;
};

/**
 * An entry as an agency auditor may read it: of its own agency's users, whole but for its
 * place in the chain; of another agency's user, only what concerns its own records (the
 * disclosures and matches of its records; not the other records disclosed, the fields
 * denied, the operation's name, hashes or outcome). Its id is an opaque handle.
 */
function scopedEntry(record: AuditRecord, caller: CallerContext, opaque: OpaqueIds): AuditEntryView {
  const { agency } = caller.principal;
  const placeless = { ...record, _id: opaque.idOf(record._id), chainId: null, seq: null };
  if (record.agency === agency) return placeless;
  return {
    ...placeless,
    operationName: null,
    operationHash: null,
    variablesHash: null,
    outcome: null,
    disclosures: record.disclosures.filter((d) => d.owner === agency),
    matches: record.matches.filter((m) => m.owner === agency),
    denials: [],
  };
}

/**
 * A page read with opaque handles (`OpaqueIds`): the `after` cursor must be one this store
 * sealed, the next cursor is sealed again, and each node is shown by `view`.
 */
async function opaquePage<T extends { _id: string }, V>(
  opaque: OpaqueIds,
  page: PageRequest,
  read: (page: PageRequest) => Promise<Page<T>>,
  view: (record: T) => V,
): Promise<Page<V>> {
  const afterId = page.afterId === undefined ? undefined : opaque.open(page.afterId);
  if (page.afterId !== undefined && afterId === undefined) throw new BadUserInputError('after', 'not a cursor returned by this API');
  const found = await read({ first: page.first, ...(afterId === undefined ? {} : { afterId }) });
  const last = found.nodes.at(-1);
  return {
    nodes: found.nodes.map(view),
    pageInfo: { ...found.pageInfo, endCursor: last ? encodeCursor(opaque.seal(last._id)) : null },
  };
}

/**
 * Every query the accountability subgraph issues, for one caller, each served by an index
 * declared with the audit models (checked by the explain test). An owner sees only hits on
 * its own agency's records; an auditor sees only its scope (`auditScope`) and never its own
 * entries. Hits, and entries read by anyone but the operator's supervisors, are shown with
 * opaque handles and cursors (`opaque`), never their place in the store. Release requests
 * and their decisions are sealed through `sealing` (see createReleaseRequests).
 */
export function createAccountabilityRepositories(models: AuditModels, caller: CallerContext, opaque: OpaqueIds, sealing: ReleaseSealing) {
  const { agency } = caller.principal;
  return {
    hits: {
      listForOwner: (recordId: string | undefined, since: Date | undefined, page: PageRequest, reference?: string) =>
        opaquePage(
          opaque,
          page,
          (continued) =>
            findPage(
              models.Hit,
              { owner: agency, ...(recordId ? { recordId } : {}), ...(reference ? { reference } : {}), ...between(since, undefined) },
              continued,
            ),
          ({ auditId: _auditId, ...hit }) => ({ ...hit, _id: opaque.idOf(hit._id) }),
        ),
      /** How many hits the caller's agency's records have had. */
      countForOwner: () => models.Hit.countDocuments({ owner: agency }),
    },
    releaseRequests: createReleaseRequests(models, caller, sealing),
    auditTrail: {
      list: (filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryView>> => {
        const read = (continued: PageRequest) =>
          findPage(
            models.AuditRecord,
            {
              ...(filter.agency ? { agency: filter.agency } : {}),
              ...(filter.user ? { user: filter.user } : {}),
              ...between(filter.from, filter.to),
              ...auditScope(caller, filter.recordId),
            },
            continued,
          );
        // The operator's supervisors read each entry's place in the store, so its id and cursor can show it.
        if (oversees(caller.principal)) return read(page);
        return opaquePage(opaque, page, read, (record) => scopedEntry(record, caller, opaque));
      },
    },
  };
}

export type AccountabilityRepositories = ReturnType<typeof createAccountabilityRepositories>;

/** The models on a connection to the gateway's store. */
export const createAccountabilityModels = (connection: Connection): AuditModels => createAuditModels(connection);
