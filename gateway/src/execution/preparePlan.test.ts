import { buildOperationContext } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { buildSchema, GraphQLError, parse } from 'graphql';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { preparePlan } from './preparePlan';

/**
 * What the own executor refuses when it prepares a plan, clearly and before any subgraph
 * is called: a Defer node (@defer, which this gateway does not stream) and a fetch that
 * needs @fromContext values (contextRewrites) but is not the entity fetch the planner makes
 * for them, so its values could not be sent.
 */
const schema = buildSchema(`type Query { book: Book }  type Book { id: ID!  title: String }`);
const operationContext = buildOperationContext({ schema, operationDocument: parse(`{ book { id title } }`) });
const fetch = {
  kind: 'Fetch',
  serviceName: 'books',
  operation: '{ book { id title } }',
  operationName: undefined,
  operationKind: 'query',
  variableUsages: [],
} as const;

function refusal(plan: QueryPlan): GraphQLError {
  try {
    preparePlan(plan, operationContext, schema);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('the plan was prepared');
}

describe('preparePlan', () => {
  it('prepares a plain fetch', () => {
    const prepared = preparePlan({ kind: 'QueryPlan', node: fetch as never }, operationContext, schema);
    expect(typeof prepared.run).toBe('function');
    expect(prepared.shape({ book: { id: '1', title: 'T', extra: 'not asked' } }, undefined)).toEqual({
      data: { book: { id: '1', title: 'T' } },
      errors: [],
    });
  });

  it('refuses a Defer node with BAD_USER_INPUT', () => {
    const error = refusal({ kind: 'QueryPlan', node: { kind: 'Defer', primary: { node: fetch as never }, deferred: [] } });
    expect(error.message).toMatch(/@defer is not supported/);
    expect(error.extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('refuses a fetch that needs @fromContext values but is no entity fetch', () => {
    const error = refusal({
      kind: 'QueryPlan',
      node: { ...fetch, contextRewrites: [{ kind: 'KeyRenamer', path: ['..', 'id'], renameKeyTo: 'contextualArgument_1_0' }] } as never,
    });
    expect(error.message).toMatch(/@fromContext.*not one `_entities` selection/);
    expect(error.extensions.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
  });
});
