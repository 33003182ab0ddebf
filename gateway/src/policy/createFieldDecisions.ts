import { DenialReason, type PolicySubject } from '@intel-gateway/shared/policy';
import { type CompiledPolicy, denialForEveryRecord, evaluateRule, isRecordRule } from './fieldPolicy';

/** A field's decision before the data: denied (the reason), allowed (null), or `record` (decided per record on the result). */
export type FieldDecisionOutcome = DenialReason | null | 'record';

/**
 * One subject's decisions on the fields of an operation. Principal-only rules are decided
 * once per coordinate. A record rule that denies this subject whatever the record is
 * decided here too; the others are left for the result.
 */
export function createFieldDecisions(policy: CompiledPolicy, subject: PolicySubject) {
  const shieldCache: Record<string, unknown> = {};
  const decisions = new Map<string, Promise<FieldDecisionOutcome>>();
  const decide = (typeName: string, fieldName: string): Promise<FieldDecisionOutcome> => {
    const coordinate = `${typeName}.${fieldName}`;
    let decision = decisions.get(coordinate);
    if (!decision) {
      const rule = policy.ruleFor(typeName, fieldName);
      decision = !rule
        ? Promise.resolve(DenialReason.NO_RULE)
        : isRecordRule(rule)
          ? denialForEveryRecord(rule, subject, shieldCache).then((reason) => reason ?? 'record')
          : evaluateRule(rule, subject, undefined, shieldCache);
      decisions.set(coordinate, decision);
    }
    return decision;
  };
  /** The reason a field of `typeName` may not be fetched for this subject at all (denied whatever the record), or null. */
  const denialOf = async (typeName: string, fieldName: string): Promise<DenialReason | null> => {
    const decision = await decide(typeName, fieldName);
    return decision === 'record' ? null : decision;
  };
  return { decide, denialOf };
}
