import type { FetchNode } from '@apollo/query-planner';
import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { prepareContext } from './prepareContext';
import { createTypeTest } from './prepareFetch';

/**
 * How a fetch's context rewrites are prepared: each entity's values read from its own chain
 * of parents (a type condition not met, a path that climbs past the root or a field absent
 * give no value; a null is a value), and the operation written with one aliased `_entities`
 * per set of values, valid against the subgraph's schema.
 */
const supergraph = buildSchema(`
  type Query { t: T }
  union Holder = T | W
  type T { id: ID!  prop: String  tags: [Tag!]  u: U  owner: Named }
  type W { id: ID!  label: String  u: U }
  type Tag { name: String }
  interface Named { name: String }
  type Person implements Named { name: String  alias: String }
  type Unit implements Named { name: String }
  type U { id: ID! }
`);
const subgraph = buildSchema(`
  scalar _Any
  union _Entity = U
  type Query { _entities(representations: [_Any!]!): [_Entity]! }
  type U { id: ID!  echo(a: String, n: Int): String  strict(b: String!): String }
`);
const isOfType = createTypeTest(supergraph);
const OPERATION =
  'query Q__children__1($representations:[_Any!]!$contextualArgument_1_0:String$contextualArgument_1_1:String!){_entities(representations:$representations){...on U{echo(a:$contextualArgument_1_0)strict(b:$contextualArgument_1_1)}}}';
const node = (overrides: Partial<FetchNode> = {}): FetchNode => ({
  kind: 'Fetch',
  serviceName: 'children',
  operation: OPERATION,
  operationName: 'Q__children__1',
  operationKind: 'query' as FetchNode['operationKind'],
  variableUsages: ['contextualArgument_1_0', 'contextualArgument_1_1'],
  requires: [],
  contextRewrites: [
    { kind: 'KeyRenamer', path: ['..', '... on T', 'prop'], renameKeyTo: 'contextualArgument_1_0' },
    { kind: 'KeyRenamer', path: ['..', '... on W', 'label'], renameKeyTo: 'contextualArgument_1_0' },
    { kind: 'KeyRenamer', path: ['..', '..', '... on T', 'id'], renameKeyTo: 'contextualArgument_1_1' },
  ],
  ...overrides,
});
const root = { __typename: 'Query' };
const u = { __typename: 'U', id: 'u1' };

describe('prepareContext', () => {
  it("reads each value from the entity's own chain of parents, trying a variable's rewrites in order", () => {
    const context = prepareContext(node(), supergraph, isOfType);
    expect(context.names).toEqual(['contextualArgument_1_0', 'contextualArgument_1_1']);
    expect(context.required).toEqual([false, true]);
    const outer = { __typename: 'T', id: 't0', prop: 'outer' };
    expect(context.valuesOf([root, outer, { __typename: 'T', id: 't1', prop: 'alpha' }, u])).toEqual(['alpha', 't0']);
    expect(context.valuesOf([root, outer, { __typename: 'W', id: 'w1', label: 'omega' }, u])).toEqual(['omega', 't0']);
  });

  it('gives no value where the context does not reach, and a null where the field is null', () => {
    const context = prepareContext(node(), supergraph, isOfType);
    // A parent of neither type, then no parent two levels up: nothing to send.
    expect(context.valuesOf([{ __typename: 'Tag', prop: 'not a context' }, u])).toEqual([undefined, undefined]);
    // The field absent from the parent, then present as null.
    expect(context.valuesOf([root, { __typename: 'T', id: 't1' }, u])[0]).toBeUndefined();
    expect(context.valuesOf([root, { __typename: 'T', id: 't1', prop: null }, u])[0]).toBeNull();
    // An object without __typename meets no type condition.
    expect(context.valuesOf([root, { id: 't1', prop: 'untyped' }, u])[0]).toBeUndefined();
  });

  it('reads a value through a list field as the list of its values', () => {
    const context = prepareContext(
      node({ contextRewrites: [{ kind: 'KeyRenamer', path: ['..', '... on T', 'tags', 'name'], renameKeyTo: 'contextualArgument_1_0' }] }),
      supergraph,
      isOfType,
    );
    expect(context.valuesOf([root, { __typename: 'T', tags: [{ name: 'a' }, { name: null }, {}] }, u])).toEqual([['a', null, null]]);
  });

  it('writes one aliased `_entities` per set of values, each with its own variables, valid against the subgraph', () => {
    const context = prepareContext(node(), supergraph, isOfType);
    const operation = context.operationFor(3);
    expect(validate(subgraph, parse(operation))).toEqual([]);
    expect(operation).toBe(
      'query Q__children__1($ctxr0:[_Any!]!,$ctxv0_0:String,$ctxv1_0:String!,$ctxr1:[_Any!]!,$ctxv0_1:String,$ctxv1_1:String!,$ctxr2:[_Any!]!,$ctxv0_2:String,$ctxv1_2:String!){' +
        ' _0:_entities(representations:$ctxr0){...on U{echo(a:$ctxv0_0)strict(b:$ctxv1_0)}}' +
        ' _1:_entities(representations:$ctxr1){...on U{echo(a:$ctxv0_1)strict(b:$ctxv1_1)}}' +
        ' _2:_entities(representations:$ctxr2){...on U{echo(a:$ctxv0_2)strict(b:$ctxv1_2)}}}',
    );
    expect([context.representationsOf(2), context.variableOf(1, 2)]).toEqual(['ctxr2', 'ctxv1_2']);
  });

  it("keeps the caller's variables the fetch passes on, and names the sets' variables so none can be one of them", () => {
    const context = prepareContext(
      node({
        operation:
          'query($representations:[_Any!]!$contextualArgument_1_0:String$ctxv0_0:Int){_entities(representations:$representations){...on U{echo(a:$contextualArgument_1_0 n:$ctxv0_0)}}}',
        variableUsages: ['contextualArgument_1_0', 'ctxv0_0'],
        contextRewrites: [{ kind: 'KeyRenamer', path: ['..', '... on T', 'prop'], renameKeyTo: 'contextualArgument_1_0' }],
      }),
      supergraph,
      isOfType,
    );
    const operation = context.operationFor(2);
    expect(validate(subgraph, parse(operation))).toEqual([]);
    expect(operation).toContain('$ctxv0_0:Int,$ctx_r0:[_Any!]!,$ctx_v0_0:String');
    expect(operation).toContain('echo(a:$ctx_v0_1 n:$ctxv0_0)');
  });

  it('refuses, when the plan is prepared, a context variable read inside a fragment of the fetch', () => {
    const refused = () =>
      prepareContext(
        node({
          operation:
            'query($representations:[_Any!]!$contextualArgument_1_0:String$contextualArgument_1_1:String!){_entities(representations:$representations){...F}} fragment F on U{echo(a:$contextualArgument_1_0)strict(b:$contextualArgument_1_1)}',
        }),
        supergraph,
        isOfType,
      );
    expect(refused).toThrow(GraphQLError);
    expect(refused).toThrow(/a fragment of its fetch reads a context value/);
    try {
      refused();
    } catch (error) {
      expect((error as GraphQLError).extensions.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    }
  });

  it('writes the operation without the fields taking values, for entities sent without them, or none when nothing is left', () => {
    expect(prepareContext(node(), supergraph, isOfType).bare).toBeNull();
    const bare = prepareContext(
      node({
        operation:
          'query Q($representations:[_Any!]!$contextualArgument_1_0:String$contextualArgument_1_1:String!){_entities(representations:$representations){...on U{id echo(a:$contextualArgument_1_0)strict(b:$contextualArgument_1_1)}}}',
      }),
      supergraph,
      isOfType,
    ).bare;
    expect(bare).toBe('query Q($representations:[_Any!]!){_entities(representations:$representations){...on U{id}}}');
    expect(validate(subgraph, parse(bare!))).toEqual([]);
  });

  it('names every field a path reads, each on every object type it can be read on', () => {
    const rewrite = (path: string[]) => node({ contextRewrites: [{ kind: 'KeyRenamer', path, renameKeyTo: 'contextualArgument_1_0' }] });
    expect(prepareContext(rewrite(['..', '... on T', 'owner', 'name']), supergraph, isOfType).sources).toEqual([
      [
        { type: 'T', field: 'owner' },
        { type: 'Person', field: 'name' },
        { type: 'Unit', field: 'name' },
      ],
    ]);
    expect(
      prepareContext(rewrite(['..', '... on Holder', '... on T', 'owner', '... on Person', 'alias']), supergraph, isOfType).sources,
    ).toEqual([
      [
        { type: 'T', field: 'owner' },
        { type: 'Person', field: 'alias' },
      ],
    ]);
    expect(prepareContext(node(), supergraph, isOfType).sources).toEqual([
      [{ type: 'T', field: 'prop' }],
      [{ type: 'W', field: 'label' }],
      [{ type: 'T', field: 'id' }],
    ]);
  });

  it('refuses, when the plan is prepared, a path whose types cannot be resolved against the schema', () => {
    const rewrite = (path: string[]) => () =>
      prepareContext(
        node({ contextRewrites: [{ kind: 'KeyRenamer', path, renameKeyTo: 'contextualArgument_1_0' }] }),
        supergraph,
        isOfType,
      );
    expect(rewrite(['..', 'prop'])).toThrow(/the type holding prop in context path \.\.,prop is unknown/);
    expect(rewrite(['..', '... on Nowhere', 'prop'])).toThrow(/the type of context path .* is unknown/);
    expect(rewrite(['..', '... on T', 'owner', 'alias'])).toThrow(/the type holding alias/);
    expect(rewrite(['..', '... on T', 'prop', 'length'])).toThrow(/the type holding length/);
    expect(rewrite(['..', '... on Holder', 'id'])).toThrow(/the type holding id/);
    expect(rewrite(['..', '... on T'])).toThrow(/reads no field/);
    expect(rewrite(['..', '... on T', 'prop'])).not.toThrow();
  });

  it('says which rewrites apply to the parents by their type alone, whatever their fields hold', () => {
    const context = prepareContext(node(), supergraph, isOfType);
    expect(context.applying([root, { __typename: 'T', id: 't1' }, u])).toEqual([true, false, false]);
    expect(context.applying([root, { __typename: 'T' }, { __typename: 'W' }, u])).toEqual([false, true, true]);
    expect(context.applying([{ id: 'untyped' }, u])).toEqual([false, false, false]);
  });
});
