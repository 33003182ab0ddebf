import type { OperationContext } from '@apollo/gateway/dist/operationContext';
import type { PlanNode, QueryPlan } from '@apollo/query-planner';
import { GraphQLBoolean, GraphQLError, type GraphQLSchema, valueFromAST } from 'graphql';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { checkSourceKeys } from './checkSourceKeys';
import { executeContextFetch } from './executeContextFetch';
import { type Cursor, executeFetch, type ExecutionState } from './executeFetch';
import { getOwn, needsOwnAccess } from './ownKeys';
import { createTypeTest, prepareFetch } from './prepareFetch';
import { prepareResponseShape, type ResponseShaper } from './shapeResponse';

/** A plan node compiled to a function: it runs the node at a cursor. */
export type RunNode = (state: ExecutionState, cursor: Cursor) => Promise<void>;

/** A query plan prepared for execution, cached with the plan: its nodes as functions and its response's shape. */
export interface PreparedPlan {
  operationContext: OperationContext;
  run: RunNode | null;
  shape: ResponseShaper;
}

const done = Promise.resolve();

/**
 * Prepares a plan once, for every request that runs it: each fetch's representation
 * builder, rewrites and merge, each flatten's path, each condition's variable (with its
 * default) and the response's shape, so that a request walks neither the plan's
 * selections nor the operation's document. `@defer` (a Defer node, which the planner
 * emits only when deferral is enabled, and this gateway does not enable it) is refused,
 * as @apollo/gateway refuses it.
 */
export function preparePlan(plan: QueryPlan, operationContext: OperationContext, supergraphSchema: GraphQLSchema): PreparedPlan {
  const shape = prepareResponseShape(operationContext.schema, operationContext.operation, operationContext.fragments);
  if (plan.node?.kind === 'Subscription') throw new Error('Execution of subscriptions not supported by gateway');
  const isOfType = createTypeTest(supergraphSchema);
  const variableDefinitions = operationContext.operation.variableDefinitions ?? [];

  const compile = (node: PlanNode): RunNode => {
    switch (node.kind) {
      case 'Sequence': {
        const children = node.nodes.map(compile);
        return async (state, cursor) => {
          for (const child of children) await child(state, cursor);
        };
      }
      case 'Parallel': {
        const children = node.nodes.map(compile);
        return async (state, cursor) => {
          await Promise.all(children.map((child) => child(state, cursor)));
        };
      }
      case 'Flatten': {
        const child = compile(node.node);
        const path = node.path;
        return (state, cursor) => {
          const data = flattenAt(cursor.data, path);
          return data ? child(state, { path: cursor.path.concat(path), data }) : done;
        };
      }
      case 'Fetch': {
        const fetch = prepareFetch(node, supergraphSchema, isOfType);
        if (fetch.context) checkSourceKeys(fetch.context, operationContext);
        const execute = fetch.context ? executeContextFetch : executeFetch;
        return async (state, cursor) => {
          try {
            await execute(state, fetch, cursor);
          } catch (error) {
            state.errors.push(error as Error);
          }
        };
      }
      case 'Condition': {
        const variable = node.condition;
        const definition = variableDefinitions.find((d) => d.variable.name.value === variable);
        const fallback = definition?.defaultValue ? valueFromAST(definition.defaultValue, GraphQLBoolean) : undefined;
        const whenTrue = node.ifClause ? compile(node.ifClause) : null;
        const whenFalse = node.elseClause ? compile(node.elseClause) : null;
        return (state, cursor) => {
          const variables = state.requestContext.request.variables;
          let value = variables ? getOwn(variables, variable) : undefined;
          if (value === undefined) value = fallback;
          if (value === undefined) throw new Error(`Missing value for variable $${variable} (and no default found)`);
          if (typeof value !== 'boolean') throw new Error(`Invalid non-boolean value ${String(value)} for Boolean! variable $${variable}`);
          const branch = value ? whenTrue : whenFalse;
          return branch ? branch(state, cursor) : done;
        };
      }
      case 'Defer':
        throw new GraphQLError('@defer is not supported by this gateway: send the operation without it.', {
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        });
    }
  };

  return { operationContext, run: plan.node ? compile(plan.node) : null, shape };
}

/**
 * @apollo/gateway's `flattenResultsAtPath`, one step of the path at a time over a list: the
 * objects at a path, `@` stepping into every element of a list (nulls kept, for the fetch
 * to skip), an array met after the last `@` spread one level as `flatMap` spreads it.
 */
function flattenAt(value: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0 || value === undefined || value === null) return value;
  let spread = false;
  let values: unknown[] = [value];
  for (const step of path) {
    const next: unknown[] = [];
    if (step === '@') {
      spread = true;
      for (const each of values) {
        if (each === null || each === undefined) next.push(each);
        else if (Array.isArray(each)) for (const element of each) next.push(element);
        else throw new TypeError('value.flatMap is not a function');
      }
    } else {
      if (typeof step !== 'string') throw new Error(`Unexpected ${typeof step} found in path`);
      const careful = needsOwnAccess(step);
      for (const each of values) {
        if (each === null || each === undefined) next.push(each);
        else if (Array.isArray(each)) throw new Error(`Unexpected array in result for path element ${step}`);
        else next.push(careful ? getOwn(each, step) : (each as Record<string, unknown>)[step]);
      }
    }
    values = next;
  }
  if (!spread) return values[0];
  const flat: unknown[] = [];
  for (const each of values) {
    if (Array.isArray(each)) for (const element of each) flat.push(element);
    else flat.push(each);
  }
  return flat;
}
