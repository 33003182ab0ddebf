import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import * as variableValues from 'graphql/execution/values';
import { composeSupergraph } from '@intel-gateway/gateway';
import { close, listen } from '@intel-gateway/shared/http';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { benchmarkSubgraphs, pointSupergraphAt } from '../tools/src/bench/benchmarkSubgraphs';
import { type ExecutorPair, startExecutorPair } from './executorDifferential';
import { startSubgraphProxy } from './harness';

/**
 * The own query-plan executor (GATEWAY_EXECUTOR=own) against @apollo/gateway's: the same
 * operations through both, on real subgraphs over loopback, must give the same response,
 * data, errors (message, path, code, subgraph) and extensions alike.
 */

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@interfaceObject"])';
const BOOKS = [
  { kind: 'Book', id: 'b1', name: 'Atlas', pages: 100, price: 30, weight: 4 },
  { kind: 'Book', id: 'b2', name: 'Brief', pages: 250, price: 12, weight: 2 },
];
const FILMS = [
  { kind: 'Film', id: 'f1', name: 'Cargo', minutes: 90, rating: 'PG' },
  { kind: 'Film', id: 'f2', name: 'Dusk', minutes: 120, rating: 'R' },
];
const AUTHORS = [
  { kind: 'Author', id: 'a1', name: 'Ann' },
  { kind: 'Author', id: 'a2', name: 'Bo' },
];
const byId = (id: string) => [...BOOKS, ...FILMS, ...AUTHORS].find((each) => each.id === id) ?? null;
const resolveKind = (value: { kind: string }) => value.kind;
/** The items mutations touched, in order. */
const touched: string[] = [];

/** A small federation with what the domain one lacks: an interface, a union, @requires and @provides across three subgraphs. */
const CATALOG = {
  catalog: {
    sdl: `${LINK}
      type Query { items: [Item!]!  item(id: ID!): Item  search: [Result!]!  author(id: ID!): Author }
      type Mutation { touch(id: ID!): Item }
      interface Item @key(fields: "id") { id: ID!  name: String! }
      type Book implements Item @key(fields: "id") { id: ID!  name: String!  pages: Int }
      type Film implements Item @key(fields: "id") { id: ID!  name: String!  minutes: Int! }
      type Author @key(fields: "id") { id: ID!  name: String! @shareable }
      union Result = Book | Film | Author`,
    resolvers: {
      Query: {
        items: () => [BOOKS[0], FILMS[0], BOOKS[1], FILMS[1]],
        item: (_: unknown, { id }: { id: string }) => byId(id),
        search: () => [BOOKS[1], AUTHORS[0], FILMS[0]],
        author: (_: unknown, { id }: { id: string }) => byId(id),
      },
      Mutation: {
        touch: (_: unknown, { id }: { id: string }) => {
          touched.push(id);
          return byId(id);
        },
      },
      Item: { __resolveType: resolveKind, __resolveReference: ({ id }: { id: string }) => byId(id) },
      Result: { __resolveType: resolveKind },
      Book: { __resolveReference: ({ id }: { id: string }) => byId(id) },
      Film: { __resolveReference: ({ id }: { id: string }) => byId(id) },
      Author: { __resolveReference: ({ id }: { id: string }) => byId(id) },
    },
  },
  extras: {
    sdl: `${LINK}
      type Query { reviews: [Review!]! }
      type Book @key(fields: "id") { id: ID!  price: Int  weight: Int }
      type Film @key(fields: "id") { id: ID!  rating: String! }
      type Review { body: String!  author: Author @provides(fields: "name") }
      type Author @key(fields: "id") { id: ID!  name: String! @external }`,
    resolvers: {
      Query: {
        reviews: () => [
          { body: 'good', author: AUTHORS[1] },
          { body: 'meh', author: null },
        ],
      },
      Book: { __resolveReference: ({ id }: { id: string }) => byId(id) },
      Film: {
        __resolveReference: ({ id }: { id: string }) => byId(id),
        // One film's rating fails: its non-null field makes the subgraph null the whole entity.
        rating: (film: { id: string; rating: string }) => {
          if (film.id === 'f2') throw new Error('rating withheld');
          return film.rating;
        },
      },
    },
  },
  /** Tags every item through the interface alone (@interfaceObject): its fetches carry input and output rewrites of `__typename`. */
  tags: {
    sdl: `${LINK}
      type Item @key(fields: "id") @interfaceObject { id: ID!  tags: [String!]! }`,
    resolvers: {
      Item: { __resolveReference: ({ id }: { id: string }) => ({ id, tags: [`tag-${id}`, id.startsWith('b') ? 'book' : 'film'] }) },
    },
  },
  shipping: {
    sdl: `${LINK}
      type Book @key(fields: "id") { id: ID!  price: Int @external  weight: Int @external  shipping: Int @requires(fields: "price weight") }`,
    resolvers: {
      Book: {
        __resolveReference: (book: { id: string; price?: number; weight?: number }) => book,
        shipping: (book: { price?: number; weight?: number }) =>
          book.price === undefined || book.weight === undefined ? null : book.price > 20 ? 0 : book.weight * 3,
      },
    },
  },
};

type CatalogName = keyof typeof CATALOG;
const servers: ApolloServer[] = [];
const catalogUrls = {} as Record<CatalogName, string>;
let catalogSupergraph: string;
let pair: ExecutorPair;

/** Serves subgraphs (SDL and resolvers) on free loopback ports; stopped after the file. */
async function serveSubgraphs<N extends string>(subgraphs: Record<N, { sdl: string; resolvers: unknown }>): Promise<Record<N, string>> {
  const urls = {} as Record<N, string>;
  for (const [name, subgraph] of Object.entries(subgraphs) as [N, { sdl: string; resolvers: unknown }][]) {
    const server = new ApolloServer({
      schema: buildSubgraphSchema([{ typeDefs: parse(subgraph.sdl), resolvers: subgraph.resolvers as never }]),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    servers.push(server);
    urls[name] = (await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } })).url;
  }
  return urls;
}

beforeAll(async () => {
  Object.assign(catalogUrls, await serveSubgraphs(CATALOG));
  catalogSupergraph = composeSupergraph(
    Object.entries(CATALOG).map(([name, subgraph]) => ({ name, url: catalogUrls[name as CatalogName], sdl: subgraph.sdl })),
  );
  pair = await startExecutorPair(catalogSupergraph);
});
afterAll(async () => {
  await pair?.stop();
  for (const server of servers) await server.stop();
});

type Response = {
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, any>;
};

/** Both executors' responses, after checking they are the same. */
async function same(on: ExecutorPair, query: string, variables?: Record<string, unknown>) {
  const { apollo, own } = await on.run(query, variables);
  expect(own).toEqual(apollo);
  return own as Response;
}

/**
 * Both executors' responses, the same but for the paths of entity errors: @apollo/gateway
 * puts the error of the i-th entity sent at the path of the i-th entity found at the
 * node's path, which is another entity when some had nothing to send (a `Book` fetch over
 * a list of books and films); the own executor puts it at the entity it was sent for.
 */
async function sameButEntityErrorPaths(on: ExecutorPair, query: string) {
  const { apollo, own } = (await on.run(query)) as { apollo: Response; own: Response };
  const withoutPaths = (response: Response) => ({ ...response, errors: response.errors?.map(({ path: _path, ...error }) => error) });
  expect(withoutPaths(own)).toEqual(withoutPaths(apollo));
  return { apollo, own };
}

describe('the own executor answers as @apollo/gateway does', () => {
  it('resolves an interface list across subgraphs, with @requires fields fetched through a second entity fetch', async () => {
    const result = await same(pair, `{ items { __typename id name ... on Book { pages price shipping } ... on Film { minutes } } }`);
    expect(result.data.items).toEqual([
      { __typename: 'Book', id: 'b1', name: 'Atlas', pages: 100, price: 30, shipping: 0 },
      { __typename: 'Film', id: 'f1', name: 'Cargo', minutes: 90 },
      { __typename: 'Book', id: 'b2', name: 'Brief', pages: 250, price: 12, shipping: 6 },
      { __typename: 'Film', id: 'f2', name: 'Dusk', minutes: 120 },
    ]);
  });

  it('keeps aliases, aliased __typename and the order of fields as asked, named fragments included', async () => {
    const result = await same(
      pair,
      `query Aliases { second: item(id: "f1") { name } first: item(id: "b1") { kind: __typename ...BookParts ... on Book { title: name } } }
       fragment BookParts on Book { shipping cost: price }`,
    );
    expect(result.data).toEqual({ second: { name: 'Cargo' }, first: { kind: 'Book', shipping: 0, cost: 30, title: 'Atlas' } });
    expect(Object.keys(result.data.first)).toEqual(['kind', 'shipping', 'cost', 'title']);
  });

  it.each([false, true])('merges repeated fields and fragments, under @skip(if: %s), as asked', async (skipped) => {
    const result = await same(
      pair,
      `query M($s: Boolean!) { items { ...A ...A @skip(if: $s) id ... on Book { ...A name } } first: item(id: "b1") { id } first: item(id: "b1") { name } }
       fragment A on Item { name ... on Book { pages ...B ...B } }
       fragment B on Book { shipping pages }`,
      { s: skipped },
    );
    expect(result.data.items[0]).toEqual({ name: 'Atlas', pages: 100, shipping: 0, id: 'b1' });
    expect(result.data.first).toEqual({ id: 'b1', name: 'Atlas' });
  });

  it('resolves an @interfaceObject field, its representations and answers rewritten', async () => {
    const result = await same(pair, `{ items { __typename id tags ... on Book { price } } second: item(id: "f2") { tags } }`);
    expect(result.data.items[0]).toEqual({ __typename: 'Book', id: 'b1', tags: ['tag-b1', 'book'], price: 30 });
    expect(result.data.items[1]).toEqual({ __typename: 'Film', id: 'f1', tags: ['tag-f1', 'film'] });
    expect(result.data.second).toEqual({ tags: ['tag-f2', 'film'] });
  });

  it('resolves a union, each member with its own fields', async () => {
    const result = await same(pair, `{ search { __typename ... on Book { id price } ... on Author { name } ... on Film { id minutes } } }`);
    expect(result.data.search).toEqual([
      { __typename: 'Book', id: 'b2', price: 12 },
      { __typename: 'Author', name: 'Ann' },
      { __typename: 'Film', id: 'f1', minutes: 90 },
    ]);
  });

  it('takes a field another subgraph @provides from that subgraph', async () => {
    const result = await same(pair, `{ reviews { body author { id name } } }`);
    expect(result.data.reviews).toEqual([
      { body: 'good', author: { id: 'a2', name: 'Bo' } },
      { body: 'meh', author: null },
    ]);
  });

  it.each([
    [{ withBook: true }, true],
    [{ withBook: false, skipName: true }, false],
  ])('applies @include and @skip from variables %j', async (variables, withBook) => {
    const result = await same(
      pair,
      `query Q($withBook: Boolean!, $skipName: Boolean = false) { items { id name @skip(if: $skipName) ... on Book @include(if: $withBook) { pages shipping } } }`,
      variables,
    );
    expect(result.data.items[0]).toEqual(withBook ? { id: 'b1', name: 'Atlas', pages: 100, shipping: 0 } : { id: 'b1' });
  });

  it('calls a subgraph only when the @include that needs it holds (a Condition node)', async () => {
    const calls: string[] = [];
    const shipping = await startSubgraphProxy(catalogUrls.shipping, { onRequest: (body) => calls.push(body) });
    const counted = await startExecutorPair(catalogSupergraph, { shipping: shipping.url });
    try {
      const query = `query C($withShipping: Boolean!) { item(id: "b2") { id ... on Book @include(if: $withShipping) { shipping } } }`;
      const without = await same(counted, query, { withShipping: false });
      expect(without.data).toEqual({ item: { id: 'b2' } });
      expect(calls).toHaveLength(0);
      const withIt = await same(counted, query, { withShipping: true });
      expect(withIt.data).toEqual({ item: { id: 'b2', shipping: 6 } });
      // One call by each executor.
      expect(calls).toHaveLength(2);
    } finally {
      await counted.stop();
      await shipping.close();
    }
  });

  it('answers a mutation, its fields run in the order asked, with their entity joins', async () => {
    touched.length = 0;
    const result = await same(
      pair,
      `mutation { second: touch(id: "b2") { id ... on Book { shipping } } first: touch(id: "f1") { id tags } }`,
    );
    expect(result.data).toEqual({ second: { id: 'b2', shipping: 6 }, first: { id: 'f1', tags: ['tag-f1', 'film'] } });
    // In the order asked, by each executor in turn.
    expect(touched).toEqual(['b2', 'f1', 'b2', 'f1']);
  });

  it('propagates a null from a failed non-null field to the nearest nullable parent, with the subgraph error at its path', async () => {
    const single = await same(pair, `{ item(id: "f2") { id ... on Film { rating } } }`);
    expect(single.data).toEqual({ item: null });
    expect(single.errors).toEqual([
      expect.objectContaining({
        message: 'rating withheld',
        path: ['item', 'rating'],
        extensions: expect.objectContaining({ serviceName: 'extras' }),
      }),
    ]);
    // In a non-null list of non-null items, the null reaches the root; the error names the
    // fourth item (the second film), where @apollo/gateway names the second item.
    const listed = await sameButEntityErrorPaths(pair, `{ items { id ... on Film { rating } } }`);
    expect(listed.own.data).toBeNull();
    expect(listed.own.errors?.map((e) => e.path)).toEqual([['items', 3, 'rating']]);
    expect(listed.apollo.errors?.map((e) => e.path)).toEqual([['items', 1, 'rating']]);
  });

  it('refuses variables that do not fit their definitions, before any fetch', async () => {
    const result = await same(pair, `query Q($id: ID!) { item(id: $id) { id } }`, {});
    expect(result.errors?.[0]?.message).toMatch(/\$id/);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("coerces an operation's variables once: the own executor takes the variables check's verdict", async () => {
    const coerce = jest.spyOn(variableValues, 'getVariableValues');
    // The subgraphs run in this process too and coerce the variables of their own fetches: only the gateway's schema counts.
    const gatewayCoercions = () => coerce.mock.calls.filter(([schema]) => !schema.getQueryType()?.getFields()._service).length;
    try {
      const fits = (await pair.runOwn(`query Q($id: ID!) { item(id: $id) { id } }`, { id: 'b1' })) as Response;
      expect(fits).toEqual({ data: { item: { id: 'b1' } } });
      expect(gatewayCoercions()).toBe(1);
      coerce.mockClear();
      const refused = (await pair.runOwn(`query Q($id: ID!) { item(id: $id) { id } }`, { id: ['b1'] })) as Response;
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(gatewayCoercions()).toBe(1);
    } finally {
      coerce.mockRestore();
    }
  });

  it('without the variables check in front of it, the own executor still refuses variables that do not fit', async () => {
    const unchecked = await startExecutorPair(catalogSupergraph, {}, 2_000, { variablesCheck: false });
    try {
      const result = await same(unchecked, `query Q($id: ID!) { item(id: $id) { id } }`, { id: { not: 'an id' } });
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.message).toMatch(/\$id/);
    } finally {
      await unchecked.stop();
    }
  });

  it('answers introspection beside data', async () => {
    const result = await same(pair, `{ __typename __type(name: "Book") { name kind } item(id: "b2") { __typename } }`);
    expect(result.data).toEqual({ __typename: 'Query', __type: { name: 'Book', kind: 'OBJECT' }, item: { __typename: 'Book' } });
  });
});

describe('the own executor, with a subgraph gone wrong, answers as @apollo/gateway does', () => {
  it('gives partial data with SUBGRAPH_UNAVAILABLE errors at each entity field when a subgraph is down', async () => {
    const dead = createServer();
    const deadUrl = `${await listen(dead, '127.0.0.1', 0)}/graphql`;
    await close(dead);
    const broken = await startExecutorPair(catalogSupergraph, { extras: deadUrl });
    try {
      const { own: result, apollo } = await sameButEntityErrorPaths(broken, `{ items { id name ... on Book { price } } }`);
      // The second book is the third item: @apollo/gateway names the second.
      expect(apollo.errors?.map((e) => e.path)).toContainEqual(['items', 1, 'price']);
      expect(result.errors?.map((e) => e.path)).not.toContainEqual(['items', 1, 'price']);
      expect(result.data).toEqual({
        items: [
          { id: 'b1', name: 'Atlas', price: null },
          { id: 'f1', name: 'Cargo' },
          { id: 'b2', name: 'Brief', price: null },
          { id: 'f2', name: 'Dusk' },
        ],
      });
      expect(result.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.serviceName])).toEqual(
        expect.arrayContaining([
          [['items', 0, 'price'], 'SUBGRAPH_UNAVAILABLE', 'extras'],
          [['items', 2, 'price'], 'SUBGRAPH_UNAVAILABLE', 'extras'],
        ]),
      );
      // A root field of the failed subgraph: its error at the root field, its null up to the (non-null) root.
      const root = await same(broken, `{ reviews { body } }`);
      expect(root.data).toBeNull();
      expect(root.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['reviews'], 'SUBGRAPH_UNAVAILABLE']]);
    } finally {
      await broken.stop();
    }
  });

  it('gives partial data with SUBGRAPH_TIMEOUT errors when a subgraph answers too late', async () => {
    const slow = await startSubgraphProxy(catalogUrls.extras, { delayMs: 1_000 });
    const late = await startExecutorPair(catalogSupergraph, { extras: slow.url }, 300);
    try {
      const result = await same(late, `{ item(id: "b1") { id name ... on Book { price } } }`);
      expect(result.data).toEqual({ item: { id: 'b1', name: 'Atlas', price: null } });
      expect(result.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.reason])).toEqual([
        [['item', 'price'], 'SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT'],
      ]);
    } finally {
      await late.stop();
      await slow.close();
    }
  });

  it('nulls values that do not fit their type and reports them as value completion, as @apollo/gateway does', async () => {
    const catalog = await startSubgraphProxy(catalogUrls.catalog, {
      transform: (answer) => answer.replace('"pages":250', '"pages":"many"'),
    });
    const extras = await startSubgraphProxy(catalogUrls.extras, {
      transform: (answer) => answer.replace('"rating":"PG"', '"rating":null'),
    });
    const wrong = await startExecutorPair(catalogSupergraph, { catalog: catalog.url, extras: extras.url });
    try {
      const result = await same(
        wrong,
        `{ second: item(id: "b2") { ... on Book { pages } } film: item(id: "f1") { id ... on Film { rating } } }`,
      );
      expect(result.data).toEqual({ second: { pages: null }, film: null });
      expect(result.extensions?.valueCompletion?.map((e: { path: unknown }) => e.path)).toEqual([
        ['second', 'pages'],
        ['film', 'rating'],
      ]);
    } finally {
      await wrong.stop();
      await catalog.close();
      await extras.close();
    }
  });
});

describe('the own executor against hostile input', () => {
  it('keeps a hostile subgraph answer and hostile aliases off Object.prototype', async () => {
    const hostileAnswer = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"toString":{"polluted":"yes"}';
    const extras = await startSubgraphProxy(catalogUrls.extras, {
      transform: (answer) => answer.replace('"price":30', `"price":30,${hostileAnswer}`),
    });
    const hostile = await startExecutorPair(catalogSupergraph, { extras: extras.url });
    try {
      // Aliases named after Object.prototype's members are answered as any other.
      const aliased = await pair.run(
        `{ item(id: "b1") { __proto__: name constructor: id hasOwnProperty: __typename ... on Book { price } } }`,
      );
      expect(JSON.stringify(aliased.own)).toBe(JSON.stringify(aliased.apollo));
      expect(JSON.stringify(aliased.own)).toBe(
        '{"data":{"item":{"__proto__":"Atlas","constructor":"b1","hasOwnProperty":"Book","price":30}}}',
      );
      // A subgraph answering such keys gets them merged as plain data, and not asked, dropped.
      const answered = await hostile.run(`{ item(id: "b1") { name ... on Book { price } } }`);
      expect(JSON.stringify(answered.own)).toBe(JSON.stringify(answered.apollo));
      expect(JSON.stringify(answered.own)).toBe('{"data":{"item":{"name":"Atlas","price":30}}}');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await hostile.stop();
      await extras.close();
    }
  });
});

describe('the public federation benchmark scenario', () => {
  const scenario = resolve(repositoryRoot, 'tools', 'bench', 'federation-benchmark');

  it('gives the expected response through both executors', async () => {
    const subgraphs = await serveSubgraphs(benchmarkSubgraphs);
    const bench = await startExecutorPair(pointSupergraphAt(readFileSync(join(scenario, 'supergraph.graphql'), 'utf8'), subgraphs));
    try {
      const query = readFileSync(join(scenario, 'query.graphql'), 'utf8');
      const result = await same(bench, query);
      expect(result).toEqual(JSON.parse(readFileSync(join(scenario, 'expected-response.json'), 'utf8')));
      const variant = await same(
        bench,
        `query V($skip: Boolean!) { topProducts(first: 2) { upc shippingEstimate @skip(if: $skip) reviews { author { username } } } me { id } }`,
        { skip: false },
      );
      expect(variant.data.topProducts).toHaveLength(2);
    } finally {
      await bench.stop();
    }
  });
});
