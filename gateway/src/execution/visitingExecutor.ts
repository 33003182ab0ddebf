import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { ContextGate } from './contextGate';
import type { ShapeVisitor } from './shapeResponse';

/**
 * A plan executor that shapes the response itself and takes, per request, a visitor for that
 * shaping pass (the own executor): a layer above hands it its per-object work instead of
 * walking the result again, and the gate on the values it passes from a parent's context. Any other executor (@apollo/gateway's) is a plain `GatewayExecutor`.
 */
export type VisitingExecutor = ((
  requestContext: GatewayGraphQLRequestContext,
  visitor?: ShapeVisitor,
  contextGate?: ContextGate,
) => Promise<GatewayExecutionResult>) & {
  readonly visitsShaping: true;
};

/** Marks an executor as one that calls the visitor it is given at each object of its shaping pass. */
export function visitingExecutor(
  run: (requestContext: GatewayGraphQLRequestContext, visitor?: ShapeVisitor, contextGate?: ContextGate) => Promise<GatewayExecutionResult>,
): VisitingExecutor {
  return Object.assign(run, { visitsShaping: true as const });
}

/** Whether the executor takes a visitor for its shaping pass (else its result must be walked). */
export function takesVisitor(executor: GatewayExecutor): executor is VisitingExecutor {
  return (executor as Partial<VisitingExecutor>).visitsShaping === true;
}
