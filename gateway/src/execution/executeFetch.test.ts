import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, type GraphQLError } from 'graphql';
import { executeFetch, type ExecutionState } from './executeFetch';
import { createTypeTest, prepareFetch } from './prepareFetch';

/**
 * Equal representations in one batch are sent once. Each entity must still get its own copy
 * of the answer (a later fetch merges into it) and its own error, as if each had been sent.
 */
const schema = buildSchema(`
  type Query { reviews: [Review!]! }
  type Review { id: ID!  product: Product }
  type Product { id: ID  upc: String!  sku: Int  key: Key  name: String  details: Details }
  type Key { id: ID  a: String }
  type Details { colour: String }
`);
const node: FetchNode = {
  kind: 'Fetch',
  serviceName: 'products',
  operation: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{name details{colour}}}}',
  operationName: undefined,
  operationKind: 'query' as FetchNode['operationKind'],
  variableUsages: [],
  requires: [
    {
      kind: 'InlineFragment',
      typeCondition: 'Product',
      selections: [
        { kind: 'Field', name: '__typename' },
        { kind: 'Field', name: 'upc' },
        { kind: 'Field', name: 'sku' },
        { kind: 'Field', name: 'key', selections: [{ kind: 'Field', name: 'a' }] },
      ],
    },
  ],
};

type Representation = Record<string, unknown>;
type Answer = { data?: unknown; errors?: unknown[] };

function run(products: Representation[], answer: (representations: Representation[]) => Answer, fetchNode: FetchNode = node) {
  const fetch = prepareFetch(fetchNode, schema, createTypeTest(schema));
  const sent: Representation[][] = [];
  const source = {
    process: async (options: GraphQLDataSourceProcessOptions) => {
      const representations = (options.request.variables as { representations: Representation[] }).representations;
      sent.push(JSON.parse(JSON.stringify(representations)) as Representation[]);
      return answer(representations);
    },
  } as unknown as GraphQLDataSource;
  const data = { reviews: products.map((product, index) => ({ id: `r${index}`, product })) };
  const state: ExecutionState = {
    requestContext: { request: {}, context: {} } as unknown as GatewayGraphQLRequestContext,
    dataSourceOf: () => source,
    data,
    errors: [],
  };
  const done = executeFetch(state, fetch, { path: ['reviews', '@', 'product'], data: data.reviews.map((review) => review.product) });
  return { done, sent, data, state };
}

const named = (representations: Representation[]): Answer => ({
  data: { _entities: representations.map((each) => ({ name: `name of ${String(each.upc)}`, details: { colour: 'red' } })) },
});

describe('executeFetch, equal representations', () => {
  it('sends an equal representation once and gives every entity its own copy of the answer', async () => {
    const product = () => ({ __typename: 'Product', upc: '1', sku: 7, key: null });
    const { done, sent, data } = run([product(), { __typename: 'Product', upc: '2', sku: 7, key: null }, product(), product()], named);
    await done;
    expect(sent).toEqual([
      [
        { __typename: 'Product', upc: '1', sku: 7, key: null },
        { __typename: 'Product', upc: '2', sku: 7, key: null },
      ],
    ]);
    const products = data.reviews.map((review) => review.product as Representation & { details: { colour: string } });
    expect(products.map((each) => each.name)).toEqual(['name of 1', 'name of 2', 'name of 1', 'name of 1']);
    expect(products.map((each) => each.details)).toEqual(Array(4).fill({ colour: 'red' }));
    // A later fetch merging into one entity's object must not reach another entity.
    products[0]!.details.colour = 'changed';
    expect(products.map((each) => each.details.colour)).toEqual(['changed', 'red', 'red', 'red']);
  });

  it('puts a subgraph error about a shared representation at the path of every entity that has it, in entity order', async () => {
    const product = () => ({ __typename: 'Product', upc: '1', sku: 7, key: null });
    const { done, sent, state } = run(
      [product(), { __typename: 'Product', upc: '2', sku: 7, key: null }, product()],
      (representations) => ({
        data: { _entities: representations.map(() => null) },
        errors: representations.map((each, index) => ({
          message: `product ${String(each.upc)} is gone`,
          path: ['_entities', index, 'name'],
        })),
      }),
    );
    await done;
    expect(sent[0]).toHaveLength(2);
    expect((state.errors as GraphQLError[]).map((error) => [error.message, error.path])).toEqual([
      ['product 1 is gone', ['reviews', 0, 'product', 'name']],
      ['product 2 is gone', ['reviews', 1, 'product', 'name']],
      ['product 1 is gone', ['reviews', 2, 'product', 'name']],
    ]);
  });

  it('compares representations before the input rewrites: two types an @interfaceObject fetch sends alike are each sent and answered', async () => {
    const asInterface: FetchNode = {
      ...node,
      requires: [
        {
          kind: 'InlineFragment',
          typeCondition: 'Product',
          selections: [
            { kind: 'Field', name: '__typename' },
            { kind: 'Field', name: 'id' },
          ],
        },
        {
          kind: 'InlineFragment',
          typeCondition: 'Key',
          selections: [
            { kind: 'Field', name: '__typename' },
            { kind: 'Field', name: 'id' },
          ],
        },
      ],
      inputRewrites: [
        { kind: 'ValueSetter', path: ['... on Product', '__typename'], setValueTo: 'Thing' },
        { kind: 'ValueSetter', path: ['... on Key', '__typename'], setValueTo: 'Thing' },
      ],
    };
    const { done, sent, data } = run(
      [
        { __typename: 'Product', id: 'x' },
        { __typename: 'Key', id: 'x' },
        { __typename: 'Product', id: 'x' },
      ],
      (representations) => ({ data: { _entities: representations.map((_, index) => ({ name: `answer ${index}` })) } }),
      asInterface,
    );
    await done;
    expect(sent).toEqual([
      [
        { __typename: 'Thing', id: 'x' },
        { __typename: 'Thing', id: 'x' },
      ],
    ]);
    expect(data.reviews.map((review) => [review.product.__typename, review.product.name])).toEqual([
      ['Product', 'answer 0'],
      ['Key', 'answer 1'],
      ['Product', 'answer 0'],
    ]);
  });

  it('never takes representations that differ in a value or a value type for equal, and sends a composite key every time', async () => {
    const { done, sent } = run(
      [
        { __typename: 'Product', upc: '1', sku: 7, key: null },
        { __typename: 'Product', upc: '1', sku: 8, key: null },
        { __typename: 'Product', upc: '1', sku: '7', key: null },
        { __typename: 'Product', upc: '1', sku: null, key: null },
        { __typename: 'Product', upc: '1', sku: 7, key: { a: 'x' } },
        { __typename: 'Product', upc: '1', sku: 7, key: { a: 'x' } },
      ],
      named,
    );
    await done;
    expect(sent[0]).toHaveLength(6);
  });

  it('copies keys named like members of Object.prototype as own properties, never through the prototype', async () => {
    const product = () => ({ __typename: 'Product', upc: '1', sku: 7, key: null });
    const { done, data } = run(
      [product(), product()],
      () => JSON.parse('{"data":{"_entities":[{"details":{"__proto__":{"polluted":true}}}]}}') as Answer,
    );
    await done;
    const copied = data.reviews[1]!.product as unknown as { details: object };
    expect(Object.getOwnPropertyDescriptor(copied.details, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(copied.details)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
