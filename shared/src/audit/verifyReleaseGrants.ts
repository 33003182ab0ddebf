import { setTimeout as sleep } from 'node:timers/promises';
import type { ReleaseGrantRecord } from '../policy/releaseGrants';
import type { AuditRecord } from './auditRecord';
import { type AuditProblem, RELEASE_GRANT_PROBLEM } from './auditVerification';
import type { AuditModels } from './createAuditModels';
import { comparableSealedGrant, comparableStoredGrant } from './sealedReleaseGrant';

/** The release grants sealed in the audit records verified: by grant id, each sealed form (canonical JSON). */
export type SealedGrants = Map<string, Set<string>>;

/** Adds the grants a verified record sealed (`AuditEntry.releaseGrants`), or only those of `only`; call only for a record whose hash and signature hold. */
export function noteSealedGrants(sealed: SealedGrants, record: Pick<AuditRecord, 'releaseGrants'>, only?: ReadonlySet<string>): void {
  for (const grant of record.releaseGrants ?? []) {
    if (only && !only.has(grant._id)) continue;
    let forms = sealed.get(grant._id);
    if (!forms) sealed.set(grant._id, (forms = new Set()));
    forms.add(comparableSealedGrant(grant));
  }
}

/** Whether a stored grant is the one its approval sealed: sealed with one set of terms only, and stored exactly so. */
export const sealedAsStored = (forms: ReadonlySet<string> | undefined, grant: ReleaseGrantRecord): boolean =>
  forms?.size === 1 && forms.has(comparableStoredGrant(grant));

export interface ReleaseGrantCheck {
  /** Whether a record's hash and signature hold (a record that fails seals nothing). */
  isSealed: (record: AuditRecord) => boolean;
  /**
   * How long after a grant was stored its approval's record may still be on its way (ms):
   * the grant is stored just before that record is written, which may land after the trail
   * was read. A grant not matched and stored less than this long ago is looked for again
   * once this long has passed since it was stored.
   */
  sealWaitMs: number;
  /** Whether to say which agencies each problem concerns (AuditProblem.concerns). */
  concerns: boolean;
  /** The time verification started (ms since the epoch). */
  now: number;
}

/** Grant ids per read of the records that seal them, on the second look. */
const SECOND_LOOK_BATCH = 1_000;

const describe = (grant: ReleaseGrantRecord) =>
  `release grant ${grant._id} (${grant.owner}'s ${grant.recordType} ${grant.recordId}, to ${grant.agency} for ${grant.purpose})`;

/**
 * When a grant stored at `grantedAt` (as the store says) may have its approval's record
 * still on its way: not a date, or stored longer ago than `sealWaitMs`, never.
 */
const sealDueAt = (grant: ReleaseGrantRecord, check: ReleaseGrantCheck): number | null => {
  const storedAt = grant.grantedAt instanceof Date ? grant.grantedAt.getTime() : NaN;
  if (!(check.now - storedAt < check.sealWaitMs)) return null;
  return Math.min(storedAt, check.now) + check.sealWaitMs;
};

/**
 * Checks every stored release grant against the approvals sealed in the trail (`sealed`,
 * from the records already verified): a grant must be exactly one its owner's approval
 * sealed, so a grant inserted, or widened (another agency, purpose or record, a later end,
 * other conditions, a field added, a date stored as text), is reported, and so is a sealed
 * grant no longer stored, and a grant id sealed twice with different terms. A grant not
 * matched on the first pass whose record may still be on its way (`sealWaitMs`) is looked
 * for once more when that time is up, at most `sealWaitMs` from the start, among the
 * records that name it (by index, in batches), each checked with `isSealed`: the grant's
 * stored time only decides whether to wait, never whether it is reported.
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
  const onTheirWay = unmatched.flatMap((grant) => {
    const dueAt = sealDueAt(grant, check);
    return dueAt === null ? [] : [{ id: grant._id, dueAt }];
  });
  if (onTheirWay.length > 0) {
    await sleep(Math.max(0, Math.max(...onTheirWay.map((grant) => grant.dueAt)) - Date.now()));
    const ids = [...new Set(onTheirWay.map((grant) => grant.id))];
    for (let i = 0; i < ids.length; i += SECOND_LOOK_BATCH) {
      const batch = ids.slice(i, i + SECOND_LOOK_BATCH);
      const late = await models.AuditRecord.find({ 'releaseGrants._id': { $in: batch } }).lean<AuditRecord[]>();
      for (const record of late) if (check.isSealed(record)) noteSealedGrants(sealed, record, new Set(batch));
    }
  }
  const problems: AuditProblem[] = [];
  const about = (grant: Pick<ReleaseGrantRecord, 'owner' | 'agency'>) => (check.concerns ? { concerns: [grant.owner, grant.agency] } : {});
  const report = (grant: ReleaseGrantRecord, problem: string) =>
    problems.push({ chainId: RELEASE_GRANT_PROBLEM, ...about(grant), problem: `${describe(grant)} ${problem}` });
  for (const grant of unmatched) {
    const forms = sealed.get(grant._id);
    if (forms?.has(comparableStoredGrant(grant))) continue;
    report(
      grant,
      forms
        ? 'differs from the approval sealed in the audit trail (altered)'
        : 'has no approval sealed in the audit trail: it was written outside the release flow (inserted)',
    );
  }
  for (const [id, forms] of sealed) {
    const grant = JSON.parse([...forms][0]!) as ReleaseGrantRecord;
    if (forms.size > 1) report(grant, `is sealed ${forms.size} times with different terms: one id, one approval`);
    if (!stored.has(id)) report(grant, 'approved in the audit trail, is missing from the grant store (deleted)');
  }
  return { grants, problems };
}
