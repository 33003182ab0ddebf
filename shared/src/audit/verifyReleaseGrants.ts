import { setTimeout as sleep } from 'node:timers/promises';
import type { ReleaseGrantRecord } from '../policy/releaseGrants';
import type { AuditRecord } from './auditRecord';
import { type AuditProblem, RELEASE_GRANT_PROBLEM } from './auditVerification';
import type { AuditModels } from './createAuditModels';
import { comparableSealedGrant, comparableStoredGrant } from './sealedReleaseGrant';

/** The release grants sealed in the audit records verified: by grant id, each sealed form (canonical JSON). */
export type SealedGrants = Map<string, Set<string>>;

/** Adds the grants a verified record sealed (`AuditEntry.releaseGrants`); call only for a record whose hash and signature hold. */
export function noteSealedGrants(sealed: SealedGrants, record: Pick<AuditRecord, 'releaseGrants'>): void {
  for (const grant of record.releaseGrants ?? []) {
    let forms = sealed.get(grant._id);
    if (!forms) sealed.set(grant._id, (forms = new Set()));
    forms.add(comparableSealedGrant(grant));
  }
}

export interface ReleaseGrantCheck {
  /** Whether a record's hash and signature hold (a record that fails seals nothing). */
  isSealed: (record: AuditRecord) => boolean;
  /**
   * How long to wait before the records sealing grants not matched yet are looked for
   * again (ms): an approval's grant is stored before its operation's audit record, which
   * may land after the trail was read.
   */
  sealWaitMs: number;
  /** Whether to say which agencies each problem concerns (AuditProblem.concerns). */
  concerns: boolean;
}

const describe = (grant: ReleaseGrantRecord) =>
  `release grant ${grant._id} (${grant.owner}'s ${grant.recordType} ${grant.recordId}, to ${grant.agency} for ${grant.purpose})`;

/**
 * Checks every stored release grant against the approvals sealed in the trail (`sealed`,
 * from the records already verified): a grant must be exactly one its owner's approval
 * sealed, so a grant inserted, or widened (another agency, purpose or record, a later end,
 * other conditions, a field added), is reported, and so is a sealed grant no longer
 * stored. Grants not matched after the first pass are looked for once more, after
 * `sealWaitMs`, among the records that name them (by index), each checked with `isSealed`.
 */
export async function verifyReleaseGrants(
  models: Pick<AuditModels, 'AuditRecord' | 'ReleaseGrant'>,
  sealed: SealedGrants,
  check: ReleaseGrantCheck,
): Promise<{ grants: number; problems: AuditProblem[] }> {
  const unmatched: ReleaseGrantRecord[] = [];
  const stored = new Set<string>();
  let grants = 0;
  for await (const grant of models.ReleaseGrant.find().lean<ReleaseGrantRecord>().cursor()) {
    grants++;
    stored.add(grant._id);
    if (!sealed.get(grant._id)?.has(comparableStoredGrant(grant))) unmatched.push(grant);
  }
  if (unmatched.length > 0) {
    await sleep(check.sealWaitMs);
    const late = await models.AuditRecord.find({ 'releaseGrants._id': { $in: unmatched.map((grant) => grant._id) } }).lean<AuditRecord[]>();
    for (const record of late) if (check.isSealed(record)) noteSealedGrants(sealed, record);
  }
  const problems: AuditProblem[] = [];
  const about = (grant: Pick<ReleaseGrantRecord, 'owner' | 'agency'>) => (check.concerns ? { concerns: [grant.owner, grant.agency] } : {});
  for (const grant of unmatched) {
    const forms = sealed.get(grant._id);
    if (forms?.has(comparableStoredGrant(grant))) continue;
    problems.push({
      chainId: RELEASE_GRANT_PROBLEM,
      ...about(grant),
      problem: forms
        ? `${describe(grant)} differs from the approval sealed in the audit trail (altered)`
        : `${describe(grant)} has no approval sealed in the audit trail: it was written outside the release flow (inserted)`,
    });
  }
  for (const [id, forms] of sealed) {
    if (stored.has(id)) continue;
    const grant = JSON.parse([...forms][0]!) as ReleaseGrantRecord;
    problems.push({
      chainId: RELEASE_GRANT_PROBLEM,
      ...about(grant),
      problem: `${describe(grant)}, approved in the audit trail, is missing from the grant store (deleted)`,
    });
  }
  return { grants, problems };
}
