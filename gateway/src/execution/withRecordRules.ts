import type { Disclosure } from '@intel-gateway/shared/audit';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { Logger } from '@intel-gateway/shared/observability';
import { isReleasedTo, ReleasedRecords } from '@intel-gateway/shared/policy';
import type { RecordKeys } from '../audit/releasedRecords';
import { gatewayContextOf } from '../gatewayContext';
import { handlingExtension } from './handlingExtension';
import { type AnswerExecutor, answerOf } from './operationAnswer';
import type { PolicySchemas } from './policySchemas';
import type { ServesOwner } from './subgraphServes';

/** What the record rules check an answer against. */
export interface RecordRulesInputs {
  /** The served schema's policy state: which subgraphs can resolve each record type's provenance. */
  schemas: PolicySchemas;
  /** Which owners each subgraph serves (the registry). */
  serves: ServesOwner;
  /** Which of these records their owners released to the caller on request (with their conditions); the subgraphs read the same grants themselves. */
  releasedTo: (caller: CallerContext, records: RecordKeys) => Promise<ReleasedRecords>;
  logger: Logger;
}

const withheld = (message: string) => answerOf({ data: null, errors: [clientError(ErrorCode.ANSWER_WITHHELD, message)] });

/**
 * The record rules, checked again at the gateway on every record a subgraph returned
 * (defence in depth; each subgraph filters in its own queries first):
 *
 * - every subgraph that can resolve a record type's provenance must serve the record's
 *   owner, so no subgraph can pass a record off as another owner's;
 * - every record must pass the release rules, releases on request included (read once per
 *   answer for the other owners' records in it, which also carries the owners' conditions),
 *   and a person-like record must be one the caller may identify.
 *
 * An answer that fails either is withheld whole (ANSWER_WITHHELD, logged); one whose grants
 * cannot be read gets 503 AUDIT_UNAVAILABLE and no data. An answer that passes carries each
 * record's handling in `extensions.handling`.
 */
export function withRecordRules(inner: AnswerExecutor, inputs: RecordRulesInputs): AnswerExecutor {
  return async (requestContext) => {
    // The state the operation is decided under, taken before it runs (a supergraph may be adopted meanwhile).
    const state = inputs.schemas.served();
    const answer = await inner(requestContext);
    const { disclosures } = answer;
    if (!state || disclosures.length === 0) return answer;
    const caller = gatewayContextOf(requestContext);
    const { principal } = caller;
    const logger = caller.requestScope?.logger ?? inputs.logger;
    const foreign = disclosures.filter((d: Disclosure) => {
      const sources = state.provenanceSources.get(d.type) ?? [];
      return sources.length === 0 || !sources.every((subgraph) => inputs.serves(subgraph, d.owner));
    });
    if (foreign.length > 0) {
      logger.error(
        {
          records: foreign.map(({ type, id, owner }) => ({ type, id, owner, subgraphs: state.provenanceSources.get(type) ?? [] })),
          agency: principal.agency,
        },
        'a subgraph returned records of an owner it does not serve; the answer is withheld',
      );
      return withheld('The answer is withheld: a source returned a record it does not hold for its owner. The incident is logged.');
    }
    const othersRecords = disclosures.filter((d) => d.owner !== principal.agency);
    let released = ReleasedRecords.NONE;
    try {
      if (othersRecords.length > 0) released = await inputs.releasedTo(caller, othersRecords);
    } catch (error) {
      logger.error({ err: error }, 'the release grants could not be read; no data is returned');
      if (requestContext.response?.http) requestContext.response.http.status = 503;
      return answerOf({
        data: null,
        errors: [
          clientError(ErrorCode.AUDIT_UNAVAILABLE, 'The release records could not be read, so no data is returned. Try again later.'),
        ],
      });
    }
    const unreleased = disclosures.filter(
      (d) =>
        !d.handling.facts ||
        !isReleasedTo(
          { id: d.id, provenance: d.handling.facts, releasedOnRequest: released.has(d.type, d.handling.facts.owner, d.id) },
          caller,
        ) ||
        d.subjectDenial,
    );
    if (unreleased.length > 0) {
      logger.error(
        { records: unreleased.map(({ type, id, owner }) => ({ type, id, owner })), agency: principal.agency },
        'a subgraph returned records not released to the caller; the answer is withheld',
      );
      return withheld('The answer is withheld: it held a record not released to you. The incident is logged.');
    }
    return {
      ...answer,
      result: { ...answer.result, extensions: { ...answer.result.extensions, handling: handlingExtension(disclosures, released) } },
    };
  };
}
