import { createServer, type Server } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { listen } from '@intel-gateway/shared/http';
import { INVENTORY, PRODUCTS, REVIEWS, USERS } from './benchmarkData';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

type Review = (typeof REVIEWS)[number];
const reviewsOf = (upc: string) => REVIEWS.filter((r) => r.productUpc === upc);
/** As in the scenario, every review's author is the first user, with the first two reviews. */
const author = () => ({ id: USERS[0]!.id, username: USERS[0]!.username, reviews: REVIEWS.slice(0, 2) });

/**
 * The benchmark scenario's four subgraphs, written schema-first with @apollo/subgraph and
 * behaving as the scenario's expected response records (for instance, inventory resolves a
 * product by `upc` alone, so `shippingEstimate` has no price or weight and is null).
 */
export const benchmarkSubgraphs = {
  accounts: {
    sdl: `${LINK}
      type Query { me: User  user(id: ID!): User  users: [User] }
      type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`,
    resolvers: {
      Query: {
        me: () => USERS[0],
        user: (_: unknown, { id }: { id: string }) => USERS.find((u) => u.id === id) ?? null,
        users: () => USERS,
      },
      User: { __resolveReference: ({ id }: { id: string }) => USERS.find((u) => u.id === id) ?? null },
    },
  },
  products: {
    sdl: `${LINK}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => PRODUCTS.find((p) => p.upc === upc) ?? null },
    },
  },
  inventory: {
    sdl: `${LINK}
      type Product @key(fields: "upc") {
        upc: String!  weight: Int @external  price: Int @external  inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
      }`,
    resolvers: {
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => INVENTORY.find((p) => p.upc === upc) ?? null,
        shippingEstimate: (p: { price?: number; weight?: number }) => {
          if (p.price === undefined) return null;
          if (p.price > 1000) return 0;
          return p.weight === undefined ? null : Math.floor(p.weight / 2);
        },
      },
    },
  },
  reviews: {
    sdl: `${LINK}
      type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
      type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
      type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`,
    resolvers: {
      Review: {
        __resolveReference: ({ id }: { id: string }) => REVIEWS.find((r) => r.id === id) ?? null,
        product: (r: Review) => ({ upc: r.productUpc }),
        author,
      },
      User: { __resolveReference: ({ id }: { id: string }) => ({ id, reviews: REVIEWS.slice(0, 2) }) },
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
        reviews: (p: { upc: string }) => reviewsOf(p.upc),
      },
    },
  },
};

export type BenchmarkSubgraphName = keyof typeof benchmarkSubgraphs;

/**
 * Serves one subgraph, answering a request body it has answered before from memory. The
 * data are static, so the answer is the same; memoising keeps the subgraphs' CPU out of
 * the measurement on a 2-core machine (the public benchmark uses native subgraphs for the
 * same reason). Both gateways get the same subgraphs.
 */
function serveMemoised(apollo: ApolloServer): Server {
  const answers = new Map<string, string>();
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // Not awaited on purpose: the answer is written when it is ready, and a subgraph that
      // cannot answer fails as an unhandled rejection, which ends the bench's subgraph process.
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let answer = answers.get(body);
        if (answer === undefined) {
          const headers = new HeaderMap([['content-type', 'application/json']]);
          const result = await apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: 'POST', headers, search: '', body: JSON.parse(body) as unknown },
            context: async () => ({}),
          });
          if (result.body.kind !== 'complete') throw new Error('unexpected streamed response');
          answer = result.body.string;
          if (result.status === undefined || result.status === 200) answers.set(body, answer);
        }
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      })();
    });
  });
}

/** Starts the four subgraphs on free loopback ports and returns each one's URL. */
export async function startBenchmarkSubgraphs(): Promise<Record<BenchmarkSubgraphName, string>> {
  const urls = {} as Record<BenchmarkSubgraphName, string>;
  for (const [name, subgraph] of Object.entries(benchmarkSubgraphs) as [
    BenchmarkSubgraphName,
    (typeof benchmarkSubgraphs)[BenchmarkSubgraphName],
  ][]) {
    const apollo = new ApolloServer({
      schema: buildSubgraphSchema([{ typeDefs: parse(subgraph.sdl), resolvers: subgraph.resolvers as never }]),
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    const http = serveMemoised(apollo);
    http.keepAliveTimeout = 65_000;
    urls[name] = `${await listen(http, '127.0.0.1', 0)}/graphql`;
  }
  return urls;
}

/** The scenario's supergraph with each subgraph's URL replaced by where it really runs. */
export function pointSupergraphAt(supergraph: string, urls: Record<string, string>): string {
  return supergraph.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) => {
    const url = urls[name];
    if (!url) throw new Error(`no URL for subgraph "${name}" of the benchmark supergraph`);
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
}
