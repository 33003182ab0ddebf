import type {
  GatewayExecutor,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import type { Logger } from '@intel-gateway/shared/observability';
import type { AuditTrail } from '../audit/auditTrail';
import { NO_RELEASE_GRANTS, type ReleasedRecordsLookup } from '../audit/releasedRecords';
import { withDisclosureAudit } from '../audit/withDisclosureAudit';
import { gatewayContextOf } from '../gatewayContext';
import type { AnswerExecutor } from './operationAnswer';
import type { PolicySchemas } from './policySchemas';
import type { ServesOwner } from './subgraphServes';
import { withFieldPolicy } from './withFieldPolicy';
import { withHitAnswers } from './withHitAnswers';
import { withRecordRules } from './withRecordRules';

/** What the executor layers need besides the plan executor. */
export interface ExecutorStackInputs {
  /** The field policy as it follows the served supergraph. */
  schemas: PolicySchemas;
  /** Where every operation is recorded before its answer leaves; null only for measuring without it (the benchmark). */
  audit: Pick<AuditTrail, 'record'> | null;
  /** Told how long each answer waited for its audit record, and whether it was written (the metrics). */
  onAuditWrite?: (seconds: number, outcome: 'ok' | 'error') => void;
  /** The contact point of an agency, from the registry, for hit/no-hit answers. */
  contactPointOf: (agency: string) => string | null;
  /** Which records their owners released to the caller on request (held, and read by record); without a grant store, none. */
  releaseGrants?: ReleasedRecordsLookup;
  /** Which owners each subgraph serves (the registry): what it returns for any other owner is dropped. */
  serves: ServesOwner;
  logger: Logger;
}

/** Tells the operation's context, when it asks (the STIX export), which records the answer disclosed. */
const withDisclosuresTold =
  (inner: AnswerExecutor): AnswerExecutor =>
  async (requestContext) => {
    const answer = await inner(requestContext);
    gatewayContextOf(requestContext).onDisclosed?.(answer.disclosures);
    return answer;
  };

/** The result alone, for a gateway run without the audit (the benchmark's measurement of what the audit costs). */
const withoutAudit =
  (inner: AnswerExecutor): GatewayExecutor =>
  async (requestContext) =>
    (await inner(requestContext)).result;

/**
 * The executor every operation runs through, built here and nowhere else, innermost first:
 *
 * 1. the plan executor (the query planner's, a plain `GatewayExecutor`);
 * 2. `withFieldPolicy`: the operation decided for the caller, denied fields never fetched,
 *    the result half done in the own executor's shaping pass or by a walk of
 *    @apollo/gateway's result (policy/decideOperation.ts, policy/enforcingVisitor.ts,
 *    policy/enforceOnResult.ts), every returned record checked again there against its
 *    owner's subgraph, its release and the grants held (policy/recordChecks.ts);
 * 3. `withRecordRules`: the answer withheld on what those checks found, the records the
 *    held grants did not release read by record, and the handling attached;
 * 4. `withHitAnswers`: hit/no-hit answers completed and listed as matches;
 * 5. `withDisclosuresTold`: the records disclosed handed to the context that asks (the STIX export);
 * 6. `withDisclosureAudit`: the audit record written before the answer leaves.
 */
export function executorStack(planExecutor: GatewayExecutor, inputs: ExecutorStackInputs): GatewayExecutor {
  const { schemas, serves, logger } = inputs;
  const grants = inputs.releaseGrants ?? NO_RELEASE_GRANTS;
  const answered = withDisclosuresTold(
    withHitAnswers(
      withRecordRules(withFieldPolicy(planExecutor, schemas, { serves, heldGrants: grants.held }), {
        grantsByRecord: grants.byRecord,
        logger,
      }),
      { contactPointOf: inputs.contactPointOf, serves, logger },
    ),
  );
  return inputs.audit ? withDisclosureAudit(answered, inputs.audit, inputs.onAuditWrite) : withoutAudit(answered);
}

/**
 * `inner` as Apollo Server sees it, with what each load serves decided by `served`; schema
 * listeners and stop go to `inner`. The one wrapper both gateways below are.
 */
function servingFrom(inner: GatewayInterface, served: (loaded: GatewayLoadResult) => Promise<GatewayLoadResult>): GatewayInterface {
  return {
    load: async (options) => served(await inner.load(options)),
    onSchemaLoadOrUpdate: (callback: GatewaySchemaLoadOrUpdateCallback) => inner.onSchemaLoadOrUpdate(callback),
    stop: () => inner.stop(),
  };
}

/**
 * Wraps @apollo/gateway so that every operation runs through the executor stack. Apollo
 * Server sees an ordinary gateway; the policy follows each schema before Apollo Server
 * sees it, and a schema the policy does not match stops the load.
 */
export function layeredGateway(
  inner: GatewayInterface,
  schemas: PolicySchemas,
  stack: (planExecutor: GatewayExecutor) => GatewayExecutor,
): GatewayInterface {
  // Registered first, so the policy follows each schema before Apollo Server sees it.
  inner.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => schemas.adopt(apiSchema, coreSupergraphSdl));
  return servingFrom(inner, async (loaded) => {
    const problem = schemas.loadProblem() ?? (loaded.executor ? null : new Error('the gateway loaded no schema'));
    if (problem || !loaded.executor) {
      await inner.stop();
      throw problem;
    }
    return { executor: stack(loaded.executor) };
  });
}

/** The gateway with its plan executor chosen (`apollo` or `own`) and no layers: only for the benchmark's policy-off runs. */
export function withPlanExecutor(
  inner: GatewayInterface,
  planExecutorOf: (apolloExecutor: GatewayExecutor) => GatewayExecutor,
): GatewayInterface {
  return servingFrom(inner, async (loaded) => (loaded.executor ? { executor: planExecutorOf(loaded.executor) } : loaded));
}
