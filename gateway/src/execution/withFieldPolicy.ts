import type { GatewayExecutionResult, GatewayExecutor } from '@apollo/server-gateway-interface';
import { execute, GraphQLError } from 'graphql';
import { clientError, ErrorCode, refusalError } from '@intel-gateway/shared/errors';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { ReleasedRecords } from '@intel-gateway/shared/policy';
import { gatewayContextOf } from '../gatewayContext';
import { enforceOnResult } from '../policy/enforceOnResult';
import { createEnforcingVisitor } from '../policy/enforcingVisitor';
import type { OperationDecision } from '../policy/operationPlan';
import type { EnforcementOutcome, RecordCheckInputs } from '../policy/recordChecks';
import { releaseGrantReportsOf } from '../policy/releaseGrantReports';
import { createContextGate } from './contextGate';
import { type AnswerExecutor, answerOf } from './operationAnswer';
import { policyMismatch, type PolicySchemas, subjectOf } from './policySchemas';
import type { ServesOwner } from './subgraphServes';
import { takesVisitor } from './visitingExecutor';

/** What the record checks of the result half read besides the served schema's state. */
export interface RecordCheckSources {
  /** Which owners each subgraph serves (the registry). */
  serves: ServesOwner;
  /** The release grants the gateway holds for a caller's agency and purpose. */
  heldGrants: (caller: CallerContext) => Promise<ReleasedRecords>;
}

/**
 * The field policy around the plan executor: decides the operation for the caller's
 * subject (cached per policy version, subject and operation), hands the planner the
 * operation without its denied fields, and applies the result half of the decision (record
 * rules on fields, the denial errors, the reserved aliases removed) to what came back,
 * listing each record the answer holds and checking it again (its owner's subgraph, its
 * release, its handling; see `checkRecords`). An executor that shapes the response itself (the
 * own) does that work in its shaping pass, through the policy's visitor
 * (`createEnforcingVisitor`); @apollo/gateway's result is walked (`enforceOnResult`), by the
 * same rules; the own executor passes a value from a parent's context (`@fromContext`) on
 * only from a field the caller may read (`createContextGate`). Introspection is answered from
 * the caller's own schema and never reaches the planner.
 */
export function withFieldPolicy(planExecutor: GatewayExecutor, schemas: PolicySchemas, sources: RecordCheckSources): AnswerExecutor {
  return async (requestContext) => {
    const state = schemas.served();
    if (!state) return answerOf({ errors: [policyMismatch()] });
    const caller = gatewayContextOf(requestContext);
    const { principal } = caller;
    const subject = subjectOf(principal);
    const { request } = requestContext;
    let decision: OperationDecision;
    try {
      decision = await schemas.decide(state, subject, requestContext.document, request.operationName, requestContext.queryHash);
    } catch (error) {
      if (error instanceof GraphQLError) return answerOf({ errors: [error] });
      throw error;
    }
    if (decision.introspection === 'mixed') {
      return answerOf({
        errors: [clientError(ErrorCode.BAD_USER_INPUT, 'Introspection (__schema, __type) must be asked in an operation of its own.')],
      });
    }
    if (decision.introspection === 'only') {
      const schema = await schemas.agencySchema(principal);
      if (!schema)
        return answerOf({ errors: [refusalError('NO_VISIBLE_FIELDS', 'Your roles give you no field of this schema to query.')] });
      return answerOf(
        (await execute({
          schema,
          document: requestContext.document,
          variableValues: request.variables,
          operationName: request.operationName,
        })) as GatewayExecutionResult,
      );
    }
    const planned =
      decision.document === requestContext.document
        ? requestContext
        : { ...requestContext, document: decision.document, queryHash: decision.queryHash };
    const enforced = { ...subject.subject, projects: principal.projects };
    const variables = request.variables ?? {};
    const checks: RecordCheckInputs = {
      caller,
      provenanceSources: state.provenanceSources,
      serves: sources.serves,
      heldGrants: () => sources.heldGrants(caller),
      grantReports: releaseGrantReportsOf(requestContext.context),
    };
    let result: GatewayExecutionResult;
    let enforcement: Promise<EnforcementOutcome>;
    const contextGate = createContextGate(state.policy, subject.subject);
    if (decision.plan && takesVisitor(planExecutor)) {
      const folded = createEnforcingVisitor(state.policy.schema, decision.plan, enforced, variables, checks);
      result = await planExecutor(planned, folded.visitor, contextGate);
      if (!result.data) return answerOf(result);
      enforcement = folded.finish(result.data);
    } else {
      result = takesVisitor(planExecutor) ? await planExecutor(planned, undefined, contextGate) : await planExecutor(planned);
      if (!decision.plan || !result.data) return answerOf(result);
      enforcement = enforceOnResult(state.policy.schema, decision.plan, result.data, enforced, variables, checks);
    }
    const { errors, disclosures, verdict } = await enforcement;
    const withErrors = errors.length > 0 ? { ...result, errors: [...(result.errors ?? []), ...errors] } : result;
    return { result: withErrors, disclosures, verdict, matches: [] };
  };
}
