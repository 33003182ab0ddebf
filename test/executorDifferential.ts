import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import {
  createSubgraphAgent,
  disableApolloTelemetry,
  type GatewayExecutorKind,
  selectGatewayExecutor,
  UndiciDataSource,
  useVariableCoercion,
} from '@intel-gateway/gateway';
import { silentLogger } from './harness';

/**
 * Helpers for the differential tests of the own query-plan executor: the same supergraph,
 * the same subgraphs and the same data sources (undici) behind two Apollo Servers, one
 * executing with @apollo/gateway's `executeQueryPlan`, the other with `createPlanExecutor`,
 * so each operation's full response (data, errors with their paths and codes, extensions)
 * can be compared as it would go on the wire. Both servers check variables with the
 * gateway's plugin (useVariableCoercion), as the gateway does, unless told not to.
 */

/** Serves an ApolloGateway through the chosen executor, as `PolicyGateway.load` does. */
class ExecutorChoice implements GatewayInterface {
  constructor(
    private readonly inner: ApolloGateway,
    private readonly kind: GatewayExecutorKind,
  ) {}
  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const loaded = await this.inner.load(options);
    return { executor: selectGatewayExecutor(this.kind, this.inner, loaded.executor) };
  }
  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }
  stop() {
    return this.inner.stop();
  }
}

export interface ExecutorPair {
  /** Runs an operation through both executors: each one's response, as JSON would carry it. */
  run(query: string, variables?: Record<string, unknown>): Promise<{ apollo: unknown; own: unknown }>;
  /** Runs an operation through the own executor alone. */
  runOwn(query: string, variables?: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

/** Two servers over one supergraph: each subgraph URL as `urls` says (or as the supergraph records it). */
export async function startExecutorPair(
  supergraphSdl: string,
  urls: Record<string, string> = {},
  timeoutMs = 2_000,
  { variablesCheck = true }: { variablesCheck?: boolean } = {},
): Promise<ExecutorPair> {
  disableApolloTelemetry();
  const agent = createSubgraphAgent();
  const serve = async (kind: GatewayExecutorKind) => {
    const gateway = new ApolloGateway({
      supergraphSdl,
      logger: silentLogger,
      buildService: ({ name, url }) => new UndiciDataSource(name, urls[name] ?? url!, agent, { timeoutMs, maxResponseBytes: 1024 * 1024 }),
    });
    const server = new ApolloServer({
      gateway: new ExecutorChoice(gateway, kind),
      includeStacktraceInErrorResponses: false,
      logger: silentLogger,
      plugins: variablesCheck ? [useVariableCoercion()] : [],
    });
    await server.start();
    return server;
  };
  const apollo = await serve('apollo');
  const own = await serve('own');
  const runOn = async (server: ApolloServer, query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return JSON.parse(JSON.stringify(response.body.singleResult)) as unknown;
  };
  return {
    run: async (query, variables) => ({ apollo: await runOn(apollo, query, variables), own: await runOn(own, query, variables) }),
    runOwn: (query, variables) => runOn(own, query, variables),
    stop: async () => {
      await apollo.stop();
      await own.stop();
      await agent.close();
    },
  };
}
