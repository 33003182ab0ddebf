import { performance } from 'node:perf_hooks';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import type { AnswerExecutor } from '../execution/operationAnswer';
import { gatewayContextOf } from '../gatewayContext';
import { auditEntryFor } from './auditEntry';
import type { AuditTrail } from './auditTrail';

/**
 * The outermost executor layer: every operation that reaches the executor is recorded in
 * the disclosure audit (who, for what purpose, which records of which owner and which of
 * their fields, what was matched, what was denied) and acknowledged durably before its
 * answer leaves; if that fails, the caller gets 503 AUDIT_UNAVAILABLE and no data.
 * `onWrite` is told how long each answer waited for its record, and whether it was written
 * (for the metrics: the audit's share of every answer's latency).
 */
export function withDisclosureAudit(
  inner: AnswerExecutor,
  audit: Pick<AuditTrail, 'record'>,
  onWrite?: (seconds: number, outcome: 'ok' | 'error') => void,
): GatewayExecutor {
  return async (requestContext) => {
    const answer = await inner(requestContext);
    const entry = auditEntryFor(requestContext, gatewayContextOf(requestContext), answer);
    const started = performance.now();
    const tell = (outcome: 'ok' | 'error') => {
      try {
        onWrite?.((performance.now() - started) / 1000, outcome);
      } catch {
        // A metric that fails never decides an answer.
      }
    };
    try {
      // Written and acknowledged before anything is sent: no audit record, no data.
      await audit.record(entry);
    } catch {
      tell('error');
      if (requestContext.response?.http) requestContext.response.http.status = 503;
      return {
        data: null,
        errors: [
          clientError(ErrorCode.AUDIT_UNAVAILABLE, 'The disclosure audit could not be written, so no data is returned. Try again later.'),
        ],
      };
    }
    tell('ok');
    return answer.result;
  };
}
