import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { AuditEntry } from '@intel-gateway/shared/audit';
import { type EnforcedDisclosure, NO_RECORDS, type RecordVerdict } from '../policy/recordChecks';

/**
 * What one operation produced as it passes up the executor layers: the result the caller
 * will get, the records it disclosed (with their handling, for the record rules and the
 * audit), the record checks' verdict on them (for the record rules) and the hit/no-hit
 * matches it answered (for the audit and the owners' hits).
 */
export interface OperationAnswer {
  result: GatewayExecutionResult;
  disclosures: readonly EnforcedDisclosure[];
  verdict: RecordVerdict;
  matches: AuditEntry['matches'];
}

/**
 * An executor layer below the audit: it runs the operation and hands up the answer with
 * what it disclosed. The innermost executor is a plain `GatewayExecutor` (the query
 * planner's), which `withFieldPolicy` turns into this.
 */
export type AnswerExecutor = (requestContext: GatewayGraphQLRequestContext) => Promise<OperationAnswer>;

/** An answer that disclosed and matched nothing: a refusal, an introspection result, or a result the policy had nothing to walk in. */
export function answerOf(result: GatewayExecutionResult): OperationAnswer {
  return { result, disclosures: [], verdict: NO_RECORDS, matches: [] };
}
