import { DenialReason, type PolicySubject } from '@intel-gateway/shared/policy';
import { createFieldDecisions } from '../policy/createFieldDecisions';
import type { CompiledPolicy } from '../policy/fieldPolicy';

/** Why the caller may not read a field a context value is read from (then it is not passed on), or null when it may. */
export type ContextGate = (typeName: string, fieldName: string) => Promise<DenialReason | null>;

/**
 * The field policy's gate on `@fromContext` values for one subject: a value is passed on
 * only when the subject may read the field it comes from whatever the record. A field its
 * rules deny gives their reason; one they decide per record gives DENIED, since a value
 * passed on to another subgraph is not checked per record. Decided once per field and request.
 */
export function createContextGate(policy: CompiledPolicy, subject: PolicySubject): ContextGate {
  let decisions: ReturnType<typeof createFieldDecisions> | undefined;
  return async (typeName, fieldName) => {
    decisions ??= createFieldDecisions(policy, subject);
    const decision = await decisions.decide(typeName, fieldName);
    return decision === 'record' ? DenialReason.DENIED : decision;
  };
}
