import type { IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { applyMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Server } from 'node:http';
import { parse } from 'graphql';
import type { Logger } from 'pino';
import { createGraphQLHttpServer } from '../http/createGraphQLHttpServer';
import { maskError } from './maskError';
import { commonResolvers } from './commonResolvers';
import { GATEWAY_TOKEN_HEADER, type CallerContext } from '../gatewayToken';
import { createErrorLoggers } from '../observability/createErrorLoggers';
import type { RequestScoped } from '../observability/requestScope';

/** A subgraph's per-request context: whatever it needs, plus the caller the gateway vouched for (and the HTTP request's scope). */
export type SubgraphContext = BaseContext & { caller: CallerContext } & RequestScoped;

export interface SubgraphServerOptions<C extends SubgraphContext> {
  name: string;
  sdl: string;
  resolvers: GraphQLResolverMap<C>;
  /** The subgraph's graphql-shield rules (see subgraphPermissions). */
  permissions: IMiddlewareGenerator<unknown, C, unknown>;
  /** Builds the rest of the per-request context (loaders, repositories) for the verified caller. */
  context: (req: IncomingMessage, caller: CallerContext) => Promise<Omit<C, 'caller' | 'requestScope'>>;
  /** Checks the gateway's token; a request without a valid one is refused (401) before anything runs. */
  verifyCaller: (token: string | undefined) => Promise<CallerContext>;
  logger: Logger;
}

export interface SubgraphServer {
  apollo: ApolloServer<BaseContext>;
  http: Server;
}

/**
 * Builds (but does not start listening) a schema-first Federation 2 subgraph: the SDL and
 * resolvers become a subgraph schema, served over plain HTTP with errors masked and a
 * `/healthz` route. Only the gateway is answered: each request must carry the gateway's
 * token for this subgraph, and its caller joins the request context, where the
 * subgraph's own graphql-shield rules read it. Every agency subgraph is built this way.
 * Each request logs under the id the gateway sent (see createGraphQLHttpServer), masked
 * errors included.
 */
export async function createSubgraphServer<C extends SubgraphContext>(options: SubgraphServerOptions<C>): Promise<SubgraphServer> {
  const subgraphSchema = buildSubgraphSchema([{ typeDefs: parse(options.sdl), resolvers: { ...commonResolvers, ...options.resolvers } as GraphQLResolverMap<unknown> }]);
  const schema = applyMiddleware(subgraphSchema, options.permissions);
  const errorLoggers = createErrorLoggers(options.logger);
  const apollo = new ApolloServer<C>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error, errorLoggers.loggerFor(error)),
    // No landing page (it loads from a CDN) and no per-request trace building.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), errorLoggers.plugin],
    // The process stops it (runSubgraph, onShutdownSignal) after the requests in flight: Apollo's own SIGTERM handler would stop it first, and hang the second stop.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const http = createGraphQLHttpServer({
    apollo,
    // Its one caller is the gateway: the request keeps the gateway's id.
    trustRequestId: true,
    context: async (req, scope) => {
      const header = req.headers[GATEWAY_TOKEN_HEADER];
      const caller = await options.verifyCaller(typeof header === 'string' ? header : undefined);
      scope.caller = caller.principal;
      return { ...(await options.context(req, caller)), caller, requestScope: scope } as C;
    },
    logger: options.logger,
    routes: {
      '/healthz': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok', subgraph: options.name }));
      },
    },
  });
  return { apollo: apollo as unknown as ApolloServer<BaseContext>, http };
}
