import type { AuditEntry } from '@intel-gateway/shared/audit';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import type { Logger } from '@intel-gateway/shared/observability';
import { type HitAnswer, newHitReference, parseHitReference } from '@intel-gateway/shared/policy';
import { gatewayContextOf } from '../gatewayContext';
import type { AnswerExecutor } from './operationAnswer';
import type { ServesOwner } from './subgraphServes';

/** What hit answers are completed with. */
export interface HitAnswersInputs {
  /** The contact point of an agency, from the registry. */
  contactPointOf: (agency: string) => string | null;
  /** Which owners each subgraph serves (the registry). */
  serves: ServesOwner;
  logger: Logger;
}

/**
 * Completes the hit/no-hit answers the subgraphs gave (errors with code HIT at the path of
 * a record the caller may only know exists) with the owner's contact point, and lists them
 * as matches for the audit, which records a hit for each owner. The subgraph's `Type/id`
 * reference never leaves: the caller gets an opaque handle, kept with the match in the audit.
 *
 * A subgraph speaks only for the owners the registry says it serves: a HIT claiming any
 * other owner (or one the gateway cannot trace to a subgraph, from `serviceName`, which
 * the gateway sets itself) is dropped, logged, and neither answered nor audited.
 */
export function withHitAnswers(inner: AnswerExecutor, inputs: HitAnswersInputs): AnswerExecutor {
  return async (requestContext) => {
    const answer = await inner(requestContext);
    const logger = gatewayContextOf(requestContext).requestScope?.logger ?? inputs.logger;
    const matches: AuditEntry['matches'] = [];
    let dropped = false;
    const errors = answer.result.errors?.flatMap((error) => {
      const hit = error.extensions?.code === ErrorCode.HIT ? (error.extensions.hit as HitAnswer | undefined) : undefined;
      if (!hit) return [error];
      const subgraph = error.extensions?.serviceName;
      if (typeof subgraph !== 'string' || typeof hit.owner !== 'string' || !inputs.serves(subgraph, hit.owner)) {
        dropped = true;
        logger.error(
          { subgraph: subgraph ?? null, owner: hit.owner, path: error.path },
          'a subgraph answered a hit for an owner it does not serve; the hit is dropped',
        );
        return [];
      }
      // The record, exactly: an id may hold `/` (a notice's A-1001/3-2026), and the audit and the owner's hit must name it whole.
      const record = typeof hit.reference === 'string' ? parseHitReference(hit.reference) : undefined;
      if (!record) {
        dropped = true;
        logger.error(
          { subgraph, owner: hit.owner, path: error.path },
          'a subgraph answered a hit without a record reference; the hit is dropped',
        );
        return [];
      }
      const { type, id } = record;
      const reference = newHitReference();
      matches.push({ type, id, owner: hit.owner, reference });
      return [
        clientError(ErrorCode.HIT, error.message, {
          path: error.path,
          extensions: { hit: { ...hit, reference, contactPoint: inputs.contactPointOf(hit.owner) } },
        }),
      ];
    });
    if (matches.length === 0 && !dropped) return { ...answer, matches };
    return { ...answer, matches, result: { ...answer.result, errors: errors && errors.length > 0 ? errors : undefined } };
  };
}
