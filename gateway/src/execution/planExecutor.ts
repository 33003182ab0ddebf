import { createHash } from 'node:crypto';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import { ApolloGateway, buildOperationContext, type GraphQLDataSource } from '@apollo/gateway';
import type { QueryPlan, QueryPlanner } from '@apollo/query-planner';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { coercedVariablesOf } from '../limits/useVariableCoercion';
import type { ExecutionState } from './executeFetch';
import { type PreparedPlan, preparePlan } from './preparePlan';
import { visitingExecutor } from './visitingExecutor';

/** What the executor reads of an ApolloGateway beyond its public API: the same state its own executor reads. */
interface GatewayInternals {
  schema?: GraphQLSchema;
  apiSchema?: Schema;
  supergraphSchema?: GraphQLSchema;
  serviceMap: Record<string, { dataSource: GraphQLDataSource } | undefined>;
  queryPlanStore: { get(key: string): Promise<QueryPlan | undefined>; set(key: string, plan: QueryPlan): Promise<void> };
  queryPlanner?: QueryPlanner;
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
  logger: { warn(message: string): void };
}

/** The gateway's internals, checked: a later @apollo/gateway that renamed them stops the gateway at start, not at the first request. */
function internalsOf(gateway: ApolloGateway): GatewayInternals {
  const internals = gateway as unknown as GatewayInternals;
  if (typeof internals.queryPlanStore?.get !== 'function' || typeof internals.serviceMap !== 'object' || internals.serviceMap === null) {
    throw new Error(
      'this @apollo/gateway does not expose the plan store and data sources the own executor (GATEWAY_EXECUTOR=own) reads; use GATEWAY_EXECUTOR=apollo',
    );
  }
  return internals;
}

type Prepared = PreparedPlan | { error: GraphQLError };

/**
 * An executor with the signature of @apollo/gateway's own (`GatewayExecutor`) that plans
 * through the gateway (its query planner and its plan cache, keyed as it keys them) and
 * executes with this module: each plan is prepared once (see `preparePlan`) and kept
 * beside the plan, so a request only sends its fetches, merges their answers and shapes
 * the response in one pass, calling the visitor it is given (the policy's record rules) at
 * each object. Subgraph calls go through the gateway's data sources.
 */
export function createPlanExecutor(gateway: ApolloGateway): GatewayExecutor {
  const internals = internalsOf(gateway);
  const prepared = new WeakMap<QueryPlan, Prepared>();
  const dataSourceOf = (name: string) => (Object.hasOwn(internals.serviceMap, name) ? internals.serviceMap[name]?.dataSource : undefined);
  return visitingExecutor(async (requestContext, visitor, contextGate) => {
    const { request, document, queryHash } = requestContext;
    const { schema, apiSchema, supergraphSchema, queryPlanner } = internals;
    if (!schema || !apiSchema || !supergraphSchema || !queryPlanner) throw new Error('the gateway has no schema loaded');
    const key = request.operationName ? createHash('sha256').update(queryHash).update(request.operationName).digest('hex') : queryHash;
    let plan = await internals.queryPlanStore.get(key);
    let ready = plan ? prepared.get(plan) : undefined;
    if (ready && 'error' in ready) return { errors: [ready.error] };
    const operationContext =
      ready?.operationContext ?? buildOperationContext({ schema, operationDocument: document, operationName: request.operationName });
    const definitions = operationContext.operation.variableDefinitions;
    if (definitions && definitions.length > 0) {
      // Coerced once, by the variables check in front (useVariableCoercion); here only when it did not run for this operation.
      const coerced =
        coercedVariablesOf(requestContext.context, requestContext.operation, request.variables) ??
        getVariableValues(schema, definitions, request.variables ?? {});
      if (coerced.errors) return { errors: coerced.errors };
    }
    if (!plan) {
      const operation = operationFromDocument(apiSchema, document, { operationName: request.operationName });
      plan = queryPlanner.buildQueryPlan(operation, {
        recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
        nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
      });
      try {
        await internals.queryPlanStore.set(key, plan);
      } catch (error) {
        internals.logger.warn(`Could not store queryPlan${(error as Error)?.message ?? String(error)}`);
      }
    }
    if (!ready) {
      try {
        ready = preparePlan(plan, operationContext, supergraphSchema);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        ready = { error };
      }
      prepared.set(plan, ready);
      if ('error' in ready) return { errors: [ready.error] };
    }
    const data: Record<string, unknown> = {};
    const state: ExecutionState = { requestContext, dataSourceOf, data, errors: [], ...(contextGate ? { contextGate } : {}) };
    if (ready.run) await ready.run(state, { path: [], data });
    try {
      const shaped = ready.shape(data, request.variables, visitor);
      if (state.errors.length === 0 && shaped.errors.length > 0)
        return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
      return state.errors.length === 0 ? { data: shaped.data } : { errors: state.errors as GraphQLError[], data: shaped.data };
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      if (error instanceof Error) return { errors: [new GraphQLError(error.message, { originalError: error })] };
      return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
    }
  });
}

/** Which executor runs the gateway's query plans (GATEWAY_EXECUTOR). */
export type GatewayExecutorKind = 'apollo' | 'own';

/**
 * The executor to serve: @apollo/gateway's own, or this module's over the same gateway.
 * `own` needs the inner gateway to be an ApolloGateway (it plans through it).
 */
export function selectGatewayExecutor(kind: GatewayExecutorKind, inner: GatewayInterface, stock: GatewayExecutor): GatewayExecutor {
  if (kind === 'apollo') return stock;
  if (!(inner instanceof ApolloGateway)) throw new Error('GATEWAY_EXECUTOR=own needs an @apollo/gateway ApolloGateway to plan with');
  return createPlanExecutor(inner);
}
