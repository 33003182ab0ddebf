import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { Logger } from '@intel-gateway/shared/observability';
import { ReleasedRecords } from '@intel-gateway/shared/policy';
import type { RecordKeys } from '../audit/releasedRecords';
import { gatewayContextOf } from '../gatewayContext';
import type { EnforcedDisclosure } from '../policy/recordChecks';
import { type AnswerExecutor, answerOf } from './operationAnswer';

/** What the record rules layer needs besides the verdict the result enforcement handed up. */
export interface RecordRulesInputs {
  /** The grants in force for these records, read by record: for records the held grants did not release. */
  grantsByRecord: (caller: CallerContext, records: RecordKeys) => Promise<ReleasedRecords>;
  logger: Logger;
}

const withheld = (message: string) => answerOf({ data: null, errors: [clientError(ErrorCode.ANSWER_WITHHELD, message)] });
const logged = (records: readonly EnforcedDisclosure[]) => records.map(({ type, id, owner }) => ({ type, id, owner }));

/**
 * Acts on the record checks' verdict (`checkRecords`, done in the result enforcement's pass)
 * with what cannot be done in that pass:
 *
 * - an answer holding a record of an owner its subgraph does not serve, or a record not
 *   released to the caller, is withheld whole (ANSWER_WITHHELD, logged as an incident);
 * - records that only a release on request lets through and that the held grants do not
 *   release are read by record (one read per answer, with those whose grants could not be
 *   held), so an approval made since the grants were read is served; a record still
 *   unreleased then withholds the answer, and so does a record for which that read found
 *   a grant the gateway refuses (not sealed as stored): its subgraph may have served it on
 *   that grant. When that read fails: 503 AUDIT_UNAVAILABLE, no data;
 * - an answer that passes carries each record's handling in `extensions.handling`, with the
 *   owners' conditions on its releases on request.
 */
export function withRecordRules(inner: AnswerExecutor, inputs: RecordRulesInputs): AnswerExecutor {
  return async (requestContext) => {
    const answer = await inner(requestContext);
    const { disclosures, verdict } = answer;
    if (disclosures.length === 0) return answer;
    const caller = gatewayContextOf(requestContext);
    const { agency } = caller.principal;
    const logger = caller.requestScope?.logger ?? inputs.logger;
    if (verdict.foreign.length > 0) {
      logger.error(
        { records: verdict.foreign.map(({ record: { type, id, owner }, subgraphs }) => ({ type, id, owner, subgraphs })), agency },
        'a subgraph returned records of an owner it does not serve; the answer is withheld',
      );
      return withheld('The answer is withheld: a source returned a record it does not hold for its owner. The incident is logged.');
    }
    const unreleased = [...verdict.unreleased];
    let handling = verdict.handling;
    if (unreleased.length === 0 && verdict.unconfirmed.length > 0) {
      if (verdict.heldFailure !== null)
        logger.warn({ err: verdict.heldFailure }, 'the held release grants could not be read; reading them by record');
      let released = ReleasedRecords.NONE;
      try {
        released = await inputs.grantsByRecord(
          caller,
          verdict.unconfirmed.map(({ record }) => record),
        );
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
      const entries = [...handling];
      for (const { record, entry, required } of verdict.unconfirmed) {
        const conditions = released.conditionsOf(record.type, record.owner, record.id);
        if (conditions !== undefined) entries[entry] = { ...entries[entry]!, releaseConditions: conditions };
        else if (required || released.refused(record.type, record.owner, record.id)) unreleased.push(record);
      }
      handling = entries;
    }
    if (unreleased.length > 0) {
      logger.error(
        { records: logged(unreleased), agency },
        'a subgraph returned records not released to the caller; the answer is withheld',
      );
      return withheld('The answer is withheld: it held a record not released to you. The incident is logged.');
    }
    return { ...answer, result: { ...answer.result, extensions: { ...answer.result.extensions, handling } } };
  };
}
