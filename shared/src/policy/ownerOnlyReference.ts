import type { CallerContext } from '../identity/gatewayToken';

/**
 * A record's reference to another owner's record, held as a plain id, as a caller reads it:
 * the referencing record's own agency reads it, everyone else reads `null`, exactly as when
 * there is no reference. The id would tell that the referenced record exists, a fact under
 * that record's rules (a notice's publication state, its owner's restrictions), which the
 * referencing subgraph cannot apply. Other callers follow the link the referenced record's
 * owner resolves (`Notice.nationalRecords`, say), where both records' rules apply.
 */
export function ownerOnlyReference(
  record: { provenance: { owner: string } },
  reference: string | null | undefined,
  caller: CallerContext,
): string | null {
  return record.provenance.owner === caller.principal.agency ? (reference ?? null) : null;
}
