import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { allow } from 'graphql-shield';
import {
  composeSupergraph,
  createSubgraphAgent,
  disableApolloTelemetry,
  type GatewayPolicy,
  selectGatewayExecutor,
  supergraphForOwnExecutor,
  UndiciDataSource,
} from '@intel-gateway/gateway';
import { ReleasedRecords } from '@intel-gateway/shared/policy';
import { PolicySchemas } from '../gateway/src/execution/policySchemas';
import { subgraphServes } from '../gateway/src/execution/subgraphServes';
import { withFieldPolicy } from '../gateway/src/execution/withFieldPolicy';
import { TEST_PRINCIPAL } from '../gateway/src/testing/layerRequestContext';
import { silentLogger } from './harness';

/**
 * `@fromContext` through the own executor, on real subgraphs over loopback: `parents` serves
 * the parents (T, W) and the field the context is read from; `children` serves `U.echo`,
 * whose argument comes from the nearest parent's context and which answers with what it
 * received, so each answer below is computed by hand (@apollo/gateway 2.14 does not run
 * context rewrites, so it cannot be the oracle).
 */

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key", "@context", "@fromContext", "@external", "@shareable"])';

const T = [
  { kind: 'T', id: 't1', prop: 'alpha', owner: { name: 'Ada' }, u: { id: 'u1' } },
  { kind: 'T', id: 't2', prop: 'beta', u: { id: 'u2' } },
  { kind: 'T', id: 't3', prop: null, u: { id: 'u3' } },
  // The same child as t1's, under a parent with another context value.
  { kind: 'T', id: 't4', prop: 'gamma', u: { id: 'u1' } },
];
/** A parent whose value makes `echo` fail. */
const FAULTY = { kind: 'T', id: 't5', prop: 'boom', u: { id: 'u6' } };
const W = [{ kind: 'W', id: 'w1', label: 'omega', u: { id: 'u5' } }];
const tById = (id: string) => T.find((t) => t.id === id) ?? null;

const SUBGRAPHS = {
  parents: {
    sdl: `${LINK}
      type Query { t(id: ID!): T  ts: [T!]!  holders: [Holder!]!  faulty: [T!]! }
      union Holder = T | W
      type T @key(fields: "id") { id: ID!  prop: String  owner: Person  u: U  us: [[U!]!]  v: V }
      type V @key(fields: "id") { id: ID! }
      type Person @shareable { name: String }
      type W @key(fields: "id") { id: ID!  label: String  u: U }
      type U @key(fields: "id") { id: ID! }`,
    resolvers: {
      Query: {
        t: (_: unknown, { id }: { id: string }) => tById(id),
        ts: () => T,
        holders: () => [T[0], W[0], T[1]],
        faulty: () => [T[0], FAULTY, T[1]],
      },
      Holder: { __resolveType: (value: { kind: string }) => value.kind },
      T: {
        __resolveReference: ({ id }: { id: string }) => tById(id),
        v: (t: { id: string }) => ({ id: `v-${t.id}` }),
        us: (t: { id: string }) => [[{ id: `${t.id}-a` }, { id: `${t.id}-b` }], [], [{ id: `${t.id}-c` }]],
      },
      W: { __resolveReference: ({ id }: { id: string }) => W.find((w) => w.id === id) ?? null },
    },
  },
  children: {
    sdl: `${LINK}
      type T @key(fields: "id") @context(name: "ctx") @context(name: "own") { id: ID!  prop: String @external  owner: Person @external }
      type Person @shareable { name: String }
      type W @key(fields: "id") @context(name: "ctx") { id: ID!  label: String @external }
      type U @key(fields: "id") {
        id: ID!
        name: String
        echo(a: String @fromContext(field: "$ctx ... on T { prop } ... on W { label }")): String
      }
      type V @key(fields: "id") {
        id: ID!
        whose(a: String @fromContext(field: "$own { owner { name } }")): String
      }`,
    resolvers: {
      U: {
        __resolveReference: (reference: { id: string }) => reference,
        name: (u: { id: string }) => `name-${u.id}`,
        echo: (u: { id: string }, args: { a?: string | null }) => {
          if (args.a === 'boom') throw new Error(`echo failed for ${u.id}`);
          return `${u.id}:${args.a === undefined ? 'absent' : String(args.a)}`;
        },
      },
      V: {
        __resolveReference: (reference: { id: string }) => reference,
        whose: (v: { id: string }, args: { a?: string | null }) => `${v.id}:${args.a === undefined ? 'absent' : String(args.a)}`,
      },
    },
  },
};

/** What `children` received: each request's operation and variables. */
const received: { query: string; variables: Record<string, unknown> }[] = [];
const recording: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    received.push({ query: request.query ?? '', variables: request.variables ?? {} });
  },
};

const servers: ApolloServer[] = [];
const gateways: ApolloServer[] = [];
let supergraph: string;
let gateway: ApolloServer;
let agent: ReturnType<typeof createSubgraphAgent>;

/**
 * A gateway executing with the own executor, as the server builds it: the supergraph loaded
 * as `supergraphForOwnExecutor` gives it and, with a policy, the field policy around the
 * executor (`withFieldPolicy`), as the executor stack puts it.
 */
async function startGateway(policy?: GatewayPolicy): Promise<ApolloServer> {
  const federation = new ApolloGateway({
    supergraphSdl: supergraphForOwnExecutor(supergraph),
    logger: silentLogger,
    buildService: ({ name, url }) => new UndiciDataSource(name, url!, agent, { timeoutMs: 2_000, maxResponseBytes: 1024 * 1024 }),
  });
  const schemas = policy ? new PolicySchemas(policy, silentLogger) : null;
  const inner: GatewayInterface = {
    load: async (options) => {
      const loaded = await federation.load(options);
      const own = selectGatewayExecutor('own', federation, loaded.executor);
      if (!schemas) return { executor: own };
      // These schemas hold no record type: no owner and no release grant comes into it.
      const layered = withFieldPolicy(own, schemas, { serves: subgraphServes([]), heldGrants: async () => ReleasedRecords.NONE });
      return { executor: async (requestContext) => (await layered(requestContext)).result };
    },
    onSchemaLoadOrUpdate: (callback) => federation.onSchemaLoadOrUpdate(callback),
    stop: () => federation.stop(),
  };
  if (schemas) inner.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => schemas.adopt(apiSchema, coreSupergraphSdl));
  const server = new ApolloServer({ gateway: inner, includeStacktraceInErrorResponses: false, logger: silentLogger });
  await server.start();
  gateways.push(server);
  return server;
}

beforeAll(async () => {
  disableApolloTelemetry();
  const sources = [];
  for (const [name, subgraph] of Object.entries(SUBGRAPHS)) {
    const server = new ApolloServer({
      schema: buildSubgraphSchema([{ typeDefs: parse(subgraph.sdl), resolvers: subgraph.resolvers as never }]),
      plugins: [ApolloServerPluginInlineTraceDisabled(), ...(name === 'children' ? [recording] : [])],
    });
    servers.push(server);
    const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
    sources.push({ name, url, sdl: subgraph.sdl });
  }
  agent = createSubgraphAgent();
  supergraph = composeSupergraph(sources);
  gateway = await startGateway();
});
afterAll(async () => {
  for (const server of gateways) await server.stop();
  await agent?.close();
  for (const server of servers) await server.stop();
});
beforeEach(() => {
  received.length = 0;
});

async function run(query: string, variables?: Record<string, unknown>, on: ApolloServer = gateway) {
  const response = await on.executeOperation(
    { query, variables },
    { contextValue: { principal: TEST_PRINCIPAL, purpose: 'CRIMINAL_INVESTIGATION' } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return JSON.parse(JSON.stringify(response.body.singleResult)) as {
    data?: any;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

describe('@fromContext through the own executor', () => {
  it("gives a child entity, resolved in another subgraph, its parent's context value", async () => {
    const answer = await run('{ t(id: "t1") { id u { id echo } } }');
    expect(answer).toEqual({ data: { t: { id: 't1', u: { id: 'u1', echo: 'u1:alpha' } } } });
    expect(received).toHaveLength(1);
  });

  it("gives each entity of a batch its own parent's value, never another's, the same child under two parents included", async () => {
    const answer = await run('{ ts { id u { id echo } } }');
    expect(answer).toEqual({
      data: {
        ts: [
          { id: 't1', u: { id: 'u1', echo: 'u1:alpha' } },
          { id: 't2', u: { id: 'u2', echo: 'u2:beta' } },
          { id: 't3', u: { id: 'u3', echo: 'u3:null' } },
          { id: 't4', u: { id: 'u1', echo: 'u1:gamma' } },
        ],
      },
    });
    // One call to `children`: the entities batched, one `_entities` per distinct value, each with only its own representations.
    expect(received).toHaveLength(1);
    const representations = Object.entries(received[0]!.variables)
      .filter(([, value]) => Array.isArray(value))
      .map(([, value]) => (value as { id: string }[]).map((each) => each.id));
    expect(representations.sort()).toEqual([['u1'], ['u1'], ['u2'], ['u3']]);
  });

  it('sends entities that share a value in one `_entities`, with one variable for it', async () => {
    const answer = await run('{ a: t(id: "t1") { u { echo } } b: t(id: "t2") { u { echo } } }');
    expect(answer.data).toEqual({ a: { u: { echo: 'u1:alpha' } }, b: { u: { echo: 'u2:beta' } } });
    const same = await run('{ ts { u { id } } again: t(id: "t1") { u { echo } } }');
    expect(same.data.again).toEqual({ u: { echo: 'u1:alpha' } });
    expect(received.at(-1)!.query).toContain('_entities(representations:$representations)');
  });

  it('reads the context through a type condition: each member of a union gives its own field', async () => {
    const answer = await run('{ holders { ... on T { id u { echo } } ... on W { id u { echo } } } }');
    expect(answer).toEqual({
      data: {
        holders: [
          { id: 't1', u: { echo: 'u1:alpha' } },
          { id: 'w1', u: { echo: 'u5:omega' } },
          { id: 't2', u: { echo: 'u2:beta' } },
        ],
      },
    });
  });

  it("passes a parent's null as null, and a lone entity's value as the plain operation's variable", async () => {
    const answer = await run('{ t(id: "t3") { u { echo } } }');
    expect(answer).toEqual({ data: { t: { u: { echo: 'u3:null' } } } });
    expect(received).toHaveLength(1);
    expect(Object.values(received[0]!.variables)).toContainEqual(null);
  });

  it("never sends a caller's own variable named like a context variable, alone or batched", async () => {
    const forged = { contextualArgument_1_0: 'forged', ctxr0: [{ __typename: 'U', id: 'u9' }], ctxv0_0: 'forged', ctxv0_1: 'forged' };
    const alone = await run('query ($n: ID!) { t(id: $n) { u { echo } } }', { n: 't3', ...forged });
    expect(alone).toEqual({ data: { t: { u: { echo: 'u3:null' } } } });
    const batched = await run('{ ts { u { echo } } }', forged);
    expect(batched.data.ts.map((t: { u: { echo: string } }) => t.u.echo)).toEqual(['u1:alpha', 'u2:beta', 'u3:null', 'u1:gamma']);
    expect(received).toHaveLength(2);
    expect(JSON.stringify(received)).not.toContain('forged');
    expect(JSON.stringify(received)).not.toContain('u9');
  });

  it("refuses another field the caller aliases to a context source's name in the parent, and keeps an alias of the source itself", async () => {
    for (const [query, coordinate] of [
      ['{ t(id: "t1") { prop: id u { echo } } }', 'T.id'],
      ['{ ts { prop: owner { name } u { echo } } }', 'T.owner'],
      ['{ ts { ...F u { echo } } } fragment F on T { prop: id }', 'T.id'],
    ]) {
      const answer = await run(query!);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.map((error) => [error.message, error.extensions?.code, error.extensions?.field])).toEqual([
        [
          `The alias "prop" of ${coordinate} cannot be used: the gateway needs that response key there. Choose another alias.`,
          'BAD_USER_INPUT',
          coordinate,
        ],
      ]);
    }
    expect(received).toEqual([]);
    expect(await run('{ t(id: "t1") { p: prop prop u { echo } } }')).toEqual({
      data: { t: { p: 'alpha', prop: 'alpha', u: { echo: 'u1:alpha' } } },
    });
  });

  it('puts an error of one set of values at the path of the entity it was sent for', async () => {
    const answer = await run('{ faulty { id u { echo } } }');
    expect(answer.data).toEqual({
      faulty: [
        { id: 't1', u: { echo: 'u1:alpha' } },
        { id: 't5', u: { echo: null } },
        { id: 't2', u: { echo: 'u2:beta' } },
      ],
    });
    expect(answer.errors?.map((error) => [error.message, error.path, error.extensions?.serviceName])).toEqual([
      ['echo failed for u6', ['faulty', 1, 'u', 'echo'], 'children'],
    ]);
  });

  it('climbs from an entity in a list of lists to the parent holding it, the list indexes not counted', async () => {
    const answer = await run('{ ts { us { echo } } }');
    const echoes = (parent: string, value: string) => [
      [{ echo: `${parent}-a:${value}` }, { echo: `${parent}-b:${value}` }],
      [],
      [{ echo: `${parent}-c:${value}` }],
    ];
    expect(answer).toEqual({
      data: {
        ts: [{ us: echoes('t1', 'alpha') }, { us: echoes('t2', 'beta') }, { us: echoes('t3', 'null') }, { us: echoes('t4', 'gamma') }],
      },
    });
  });
});

/** Every field of the test schema allowed, but the one the policy says about the context's sources. */
const policyWith = (sources: Record<string, Record<string, typeof allow>>): GatewayPolicy => ({
  version: 'context-test',
  rules: {
    Query: { t: allow, ts: allow, holders: allow, faulty: allow },
    T: { id: allow, u: allow, v: allow, owner: allow, ...sources.T },
    V: { id: allow, whose: allow },
    Person: { ...sources.Person },
    W: { id: allow, u: allow, ...sources.W },
    U: { id: allow, name: allow, echo: allow },
  },
});

describe('@fromContext under the field policy', () => {
  it('refuses a field taking a value from a field the caller may not read, and never passes the value on', async () => {
    const guarded = await startGateway(policyWith({ W: { label: allow } }));
    const answer = await run('{ t(id: "t1") { id prop u { id echo } } }', undefined, guarded);
    expect(answer.data).toEqual({ t: { id: 't1', u: { id: 'u1', echo: null } } });
    expect(answer.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.reason, error.extensions?.field])).toEqual([
      [['t', 'u', 'echo'], 'FORBIDDEN', 'NO_RULE', 'U.echo'],
      [['t', 'prop'], 'FORBIDDEN', 'NO_RULE', 'T.prop'],
    ]);
    expect(received).toEqual([]);
    // Through a union: each entity is decided on the field its own value is read from.
    const holders = await run('{ holders { ... on T { u { echo } } ... on W { u { echo } } } }', undefined, guarded);
    expect(holders.data).toEqual({ holders: [{ u: { echo: null } }, { u: { echo: 'u5:omega' } }, { u: { echo: null } }] });
    expect(holders.errors?.map((error) => [error.path, error.extensions?.reason])).toEqual([
      [['holders', 0, 'u', 'echo'], 'NO_RULE'],
      [['holders', 2, 'u', 'echo'], 'NO_RULE'],
    ]);
    expect(JSON.stringify(received)).toContain('omega');
    expect(JSON.stringify(received)).not.toMatch(/alpha|beta/);
  });

  it("still answers the other fields the refused entity's fetch asks for, without the refused one", async () => {
    const guarded = await startGateway(policyWith({ W: { label: allow } }));
    const answer = await run('{ t(id: "t1") { u { name echo } } }', undefined, guarded);
    expect(answer.data).toEqual({ t: { u: { name: 'name-u1', echo: null } } });
    expect(answer.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['t', 'u', 'echo'], 'FORBIDDEN']]);
    expect(received).toHaveLength(1);
    expect(received[0]!.query).not.toContain('echo');
    expect(JSON.stringify(received)).not.toContain('alpha');
  });

  it('passes the value on to a caller who may read every field it comes from', async () => {
    const open = await startGateway(policyWith({ T: { prop: allow }, W: { label: allow } }));
    const answer = await run('{ ts { u { echo } } holders { ... on W { u { echo } } } }', undefined, open);
    expect(answer).toEqual({
      data: {
        ts: [{ u: { echo: 'u1:alpha' } }, { u: { echo: 'u2:beta' } }, { u: { echo: 'u3:null' } }, { u: { echo: 'u1:gamma' } }],
        holders: [{}, { u: { echo: 'u5:omega' } }, {}],
      },
    });
  });

  it('refuses a value read through a nested selection whose inner field the caller may not read', async () => {
    const guarded = await startGateway(policyWith({ T: { prop: allow }, W: { label: allow } }));
    const answer = await run('{ t(id: "t1") { v { id whose } } }', undefined, guarded);
    expect(answer.data).toEqual({ t: { v: { id: 'v-t1', whose: null } } });
    expect(answer.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.reason, error.extensions?.field])).toEqual([
      [['t', 'v', 'whose'], 'FORBIDDEN', 'NO_RULE', 'V.whose'],
    ]);
    expect(JSON.stringify(received)).not.toContain('Ada');
    // With the inner field allowed, the value is passed on.
    const open = await startGateway(policyWith({ T: { prop: allow }, W: { label: allow }, Person: { name: allow } }));
    expect(await run('{ t(id: "t1") { v { whose } } }', undefined, open)).toEqual({ data: { t: { v: { whose: 'v-t1:Ada' } } } });
  });

  it("refuses an operation whose caller aliases another field to a context source's name, never showing the source's value", async () => {
    const guarded = await startGateway(policyWith({ W: { label: allow } }));
    const answer = await run('{ t(id: "t1") { prop: id u { echo } } }', undefined, guarded);
    expect(JSON.stringify(answer)).not.toContain('alpha');
    expect(answer.data).toBeUndefined();
    // The refusal names only the caller's own field, never the source (T.prop, outside this caller's schema).
    expect(answer.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['The alias "prop" of T.id cannot be used: the gateway needs that response key there. Choose another alias.', 'BAD_USER_INPUT'],
    ]);
    expect(JSON.stringify(answer.errors)).not.toContain('T.prop');
    expect(received).toEqual([]);
  });
});
