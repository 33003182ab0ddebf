import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, type GraphQLError } from 'graphql';
import { DenialReason } from '@intel-gateway/shared/policy';
import { executeContextFetch, MAX_VALUE_SETS_PER_CALL } from './executeContextFetch';
import type { ExecutionState } from './executeFetch';
import { createTypeTest, prepareFetch } from './prepareFetch';

/**
 * An entity whose value for a non-null contextual argument is missing cannot be sent: the
 * subgraph would refuse the whole call (and with it the other entities). It is left out of
 * the call and gets an error at its own path; the others are answered.
 */
const schema = buildSchema(`
  type Query { ts: [T!]! }
  type T { id: ID!  name: String  u: U }
  type U { id: ID!  strict: String }
`);
const node: FetchNode = {
  kind: 'Fetch',
  serviceName: 'children',
  operation:
    'query($representations:[_Any!]!$contextualArgument_1_0:String!){_entities(representations:$representations){...on U{strict(b:$contextualArgument_1_0)}}}',
  operationName: undefined,
  operationKind: 'query' as FetchNode['operationKind'],
  variableUsages: ['contextualArgument_1_0'],
  requires: [
    {
      kind: 'InlineFragment',
      typeCondition: 'U',
      selections: [
        { kind: 'Field', name: '__typename' },
        { kind: 'Field', name: 'id' },
      ],
    },
  ],
  contextRewrites: [{ kind: 'KeyRenamer', path: ['..', '... on T', 'name'], renameKeyTo: 'contextualArgument_1_0' }],
};

/** Three parents: a name, a null name and no name at all, each with its child. */
const threeParents = () => ({
  ts: [
    { __typename: 'T', id: 't1', name: 'alpha', u: { __typename: 'U', id: 'u1' } },
    { __typename: 'T', id: 't2', name: null, u: { __typename: 'U', id: 'u2' } },
    { __typename: 'T', id: 't3', u: { __typename: 'U', id: 'u3' } },
  ],
});

describe('executeContextFetch', () => {
  it('leaves out an entity whose value for a non-null argument is missing, with an error at its path', async () => {
    const fetch = prepareFetch(node, schema, createTypeTest(schema));
    const sent: { query: string; variables: Record<string, unknown> }[] = [];
    const source = {
      process: async (options: GraphQLDataSourceProcessOptions) => {
        const { query, variables } = options.request as { query: string; variables: Record<string, unknown> };
        sent.push({ query, variables });
        const representations = variables.representations as { id: string }[];
        return {
          data: { _entities: representations.map((each) => ({ strict: `${each.id}:${String(variables.contextualArgument_1_0)}` })) },
        };
      },
    } as unknown as GraphQLDataSource;
    const data = threeParents();
    const state: ExecutionState = {
      requestContext: {
        request: { variables: { contextualArgument_1_0: 'forged' } },
        context: {},
      } as unknown as GatewayGraphQLRequestContext,
      dataSourceOf: () => source,
      data,
      errors: [],
    };
    await executeContextFetch(state, fetch, { path: ['ts', '@', 'u'], data: data.ts.map((t) => t.u) });
    expect(sent).toEqual([
      { query: node.operation, variables: { representations: [{ __typename: 'U', id: 'u1' }], contextualArgument_1_0: 'alpha' } },
    ]);
    expect(data.ts.map((t) => (t.u as { strict?: string }).strict)).toEqual(['u1:alpha', undefined, undefined]);
    expect((state.errors as GraphQLError[]).map((error) => [error.path, error.extensions.serviceName])).toEqual([
      [['ts', 1, 'u'], 'children'],
      [['ts', 2, 'u'], 'children'],
    ]);
  });

  it('refuses every entity whose parent the denied source applies to, whether the field has a value, is null or is absent', async () => {
    const nullable = { ...node, operation: node.operation.replace('String!', 'String') };
    const fetch = prepareFetch(nullable, schema, createTypeTest(schema));
    const sent: Record<string, unknown>[] = [];
    const source = {
      process: async (options: GraphQLDataSourceProcessOptions) => {
        const { variables } = options.request as { variables: Record<string, unknown> };
        sent.push(variables);
        return { data: { _entities: (variables.representations as unknown[]).map(() => ({ strict: 'answered' })) } };
      },
    } as unknown as GraphQLDataSource;
    const data = threeParents();
    const state: ExecutionState = {
      requestContext: { request: { variables: {} }, context: {} } as unknown as GatewayGraphQLRequestContext,
      dataSourceOf: () => source,
      data,
      errors: [],
      contextGate: async (type, field) => (type === 'T' && field === 'name' ? DenialReason.NO_RULE : null),
    };
    await executeContextFetch(state, fetch, { path: ['ts', '@', 'u'], data: data.ts.map((t) => t.u) });
    expect(sent).toEqual([]);
    expect(data.ts.map((t) => (t.u as { strict?: string }).strict)).toEqual([undefined, undefined, undefined]);
    expect((state.errors as GraphQLError[]).map((error) => [error.path, error.extensions.code, error.extensions.reason])).toEqual([
      [['ts', 0, 'u', 'strict'], 'FORBIDDEN', 'NO_RULE'],
      [['ts', 1, 'u', 'strict'], 'FORBIDDEN', 'NO_RULE'],
      [['ts', 2, 'u', 'strict'], 'FORBIDDEN', 'NO_RULE'],
    ]);
  });

  it('sends at most MAX_VALUE_SETS_PER_CALL sets of values in one call, the others in further calls, each answer to its entity', async () => {
    const fetch = prepareFetch(node, schema, createTypeTest(schema));
    const calls: { query: string; sets: number }[] = [];
    const source = {
      process: async (options: GraphQLDataSourceProcessOptions) => {
        const { query, variables } = options.request as { query: string; variables: Record<string, unknown> };
        const data: Record<string, unknown> = {};
        const answer = (representations: unknown, value: unknown) =>
          (representations as { id: string }[]).map((each) => ({ strict: `${each.id}:${String(value)}` }));
        if (variables.representations) data._entities = answer(variables.representations, variables.contextualArgument_1_0);
        for (let g = 0; variables[`ctxr${g}`]; g++) data[`_${g}`] = answer(variables[`ctxr${g}`], variables[`ctxv0_${g}`]);
        calls.push({ query, sets: (query.match(/_entities\(/g) ?? []).length });
        return { data };
      },
    } as unknown as GraphQLDataSource;
    const count = 2 * MAX_VALUE_SETS_PER_CALL + 1;
    const data = {
      ts: Array.from({ length: count }, (_, at) => ({
        __typename: 'T',
        id: `t${at}`,
        name: `n${at}`,
        u: { __typename: 'U', id: `u${at}` },
      })),
    };
    const state: ExecutionState = {
      requestContext: { request: { variables: {} }, context: {} } as unknown as GatewayGraphQLRequestContext,
      dataSourceOf: () => source,
      data,
      errors: [],
    };
    await executeContextFetch(state, fetch, { path: ['ts', '@', 'u'], data: data.ts.map((t) => t.u) });
    expect(calls.map((call) => call.sets)).toEqual([MAX_VALUE_SETS_PER_CALL, MAX_VALUE_SETS_PER_CALL, 1]);
    expect(data.ts.map((t) => (t.u as { strict?: string }).strict)).toEqual(data.ts.map((_, at) => `u${at}:n${at}`));
    expect(state.errors).toEqual([]);
  });
});
