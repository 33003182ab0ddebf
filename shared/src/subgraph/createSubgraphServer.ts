import type { IncomingMessage } from 'node:http';
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { applyMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import type { Logger } from 'pino';
import { RELEASE_GRANTS_WRITTEN_EXTENSION, type SealedReleaseGrant } from '../audit/sealedReleaseGrant';
import {
  RELEASE_DECISIONS_WRITTEN_EXTENSION,
  RELEASE_REQUESTS_WRITTEN_EXTENSION,
  type SealedReleaseDecision,
  type SealedReleaseRequest,
} from '../audit/sealedReleaseRequest';
import { RequestRefusedError } from '../errors';
import { createGraphQLHttpServer, type ServerTlsSettings } from '../http/createGraphQLHttpServer';
import { SUBGRAPH_LISTENER_LIMITS } from '../http/listenerLimits';
import type { RequestScoped } from '../http/requestScope';
import { type CallerContext, GATEWAY_TOKEN_HEADER, type GatewayRequestCheck, type GatewayRequestVerifier } from '../identity/gatewayToken';
import { createErrorLoggers } from '../observability/createErrorLoggers';
import { RELEASE_GRANT_TYPES_EXTENSION, type ReleasedRecords } from '../policy/releaseGrants';
import { commonResolvers } from './commonResolvers';
import { maskError } from './maskError';

/**
 * A subgraph's per-request context: whatever it needs, plus the caller the gateway vouched
 * for (and the HTTP request's scope), and, for a subgraph that serves records released on
 * request, the release grants it holds for the caller and narrows this request's queries
 * with: their record types are then reported to the gateway with the answer
 * (`RELEASE_GRANT_TYPES_EXTENSION`). The subgraph that writes the release flow (the
 * accountability subgraph) lists each request, decision and grant it wrote in
 * `releaseRequestsWritten`, `releaseDecisionsWritten` and `releaseGrantsWritten`, which go
 * back to the gateway with the answer, for the audit record to seal (see
 * `SealedReleaseRequest`, `SealedReleaseDecision`, `SealedReleaseGrant`).
 */
export type SubgraphContext = BaseContext & {
  caller: CallerContext;
  releaseGrants?: ReleasedRecords;
  releaseRequestsWritten?: SealedReleaseRequest[];
  releaseDecisionsWritten?: SealedReleaseDecision[];
  releaseGrantsWritten?: SealedReleaseGrant[];
} & RequestScoped;

/**
 * How a subgraph knows its one caller, the gateway: the check of each request's gateway
 * token (signed for that very request), and, when set, the TLS it serves with (with a
 * client CA: mutual TLS, only the gateway's certificate gets through).
 */
export interface GatewayLink {
  verifyRequest: GatewayRequestVerifier;
  tls?: ServerTlsSettings;
}

export interface SubgraphServerOptions<C extends SubgraphContext> {
  name: string;
  sdl: string;
  resolvers: GraphQLResolverMap<C>;
  /** The subgraph's graphql-shield rules (see subgraphPermissions). */
  permissions: IMiddlewareGenerator<unknown, C, unknown>;
  /** Builds the rest of the per-request context (loaders, repositories) for the verified caller. */
  context: (req: IncomingMessage, caller: CallerContext) => Promise<Omit<C, 'caller' | 'requestScope'>>;
  /** Checks the gateway's token (a request without a valid one is refused, 401, before anything runs), and serves over TLS when set. */
  gateway: GatewayLink;
  logger: Logger;
}

export interface SubgraphServer {
  apollo: ApolloServer<BaseContext>;
  http: Server;
}

/**
 * Logs a refused gateway token (its reason only, never the token) as a warning, and
 * rethrows: only the gateway calls a subgraph, so a refused token is someone else trying.
 */
function warnRefused(logger: Logger, error: unknown): never {
  if (error instanceof RequestRefusedError) logger.warn({ reason: error.reason }, 'gateway token refused');
  throw error;
}

/**
 * Adds to each answer the record types of the release grants held for the caller while
 * serving it, when the request's context holds them: the gateway then reads the grant store
 * by record only for the records a grant may have let through (see
 * `RELEASE_GRANT_TYPES_EXTENSION`). A subgraph whose context holds no grants says nothing,
 * and the gateway assumes the worst.
 */
const reportReleaseGrantTypes: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart({ contextValue }) {
    const grants = contextValue.releaseGrants;
    if (!grants) return;
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, [RELEASE_GRANT_TYPES_EXTENSION]: grants.types() };
      },
    };
  },
};

/** Adds to an answer the release requests, decisions and grants its operation wrote, those it wrote (see `SubgraphContext`). */
const reportReleaseWrites: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const written = {
          [RELEASE_REQUESTS_WRITTEN_EXTENSION]: contextValue.releaseRequestsWritten,
          [RELEASE_DECISIONS_WRITTEN_EXTENSION]: contextValue.releaseDecisionsWritten,
          [RELEASE_GRANTS_WRITTEN_EXTENSION]: contextValue.releaseGrantsWritten,
        };
        const reported = Object.entries(written).filter(([, entries]) => entries?.length);
        if (reported.length === 0 || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, ...Object.fromEntries(reported) };
      },
    };
  },
};

/**
 * Builds (but does not start listening) a schema-first Federation 2 subgraph: the SDL and
 * resolvers become a subgraph schema, served over HTTP (HTTPS, mutual TLS when the link
 * says so) with errors masked and a `/healthz` route. Only the gateway is answered: each
 * request must carry the gateway's token for this subgraph, signed for its method, path
 * and exact body and never used before (checked from the headers before the body is
 * read, then against the raw body bytes), and its caller joins the request context,
 * where the subgraph's own graphql-shield rules read it. Every agency subgraph is built this way.
 * Each request logs under the id the gateway sent (see createGraphQLHttpServer), masked
 * errors included.
 */
export async function createSubgraphServer<C extends SubgraphContext>(options: SubgraphServerOptions<C>): Promise<SubgraphServer> {
  const subgraphSchema = buildSubgraphSchema([
    { typeDefs: parse(options.sdl), resolvers: { ...commonResolvers, ...options.resolvers } as GraphQLResolverMap<unknown> },
  ]);
  const schema = applyMiddleware(subgraphSchema, options.permissions);
  const errorLoggers = createErrorLoggers(options.logger);
  const apollo = new ApolloServer<C>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error, errorLoggers.loggerFor(error)),
    // No landing page (it loads from a CDN) and no per-request trace building.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      errorLoggers.plugin,
      reportReleaseGrantTypes,
      reportReleaseWrites,
    ],
    // The process stops it (runSubgraph, onShutdownSignal) after the requests in flight: Apollo's own SIGTERM handler would stop it first, and hang the second stop.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const checks = new WeakMap<C, { check: GatewayRequestCheck; logger: Logger }>();
  const http = createGraphQLHttpServer<C>({
    apollo,
    // Its one caller is the gateway: the request keeps the gateway's id, and connections stay open for the gateway's pool.
    trustRequestId: true,
    listenerLimits: SUBGRAPH_LISTENER_LIMITS,
    context: async (req, scope) => {
      const header = req.headers[GATEWAY_TOKEN_HEADER];
      const token = typeof header === 'string' ? header : undefined;
      const check = await options.gateway
        .verifyRequest(token, { method: req.method ?? 'GET', path: req.url ?? '/' })
        .catch((error: unknown) => warnRefused(scope.logger, error));
      const { caller } = check;
      scope.caller = caller.principal;
      const context = { ...(await options.context(req, caller)), caller, requestScope: scope } as C;
      checks.set(context, { check, logger: scope.logger });
      return context;
    },
    acceptBody: (body, context) => {
      const pending = checks.get(context);
      if (!pending) throw new Error('a subgraph request without its gateway token check');
      try {
        pending.check.acceptBody(body);
      } catch (error) {
        warnRefused(pending.logger, error);
      }
    },
    ...(options.gateway.tls ? { tls: options.gateway.tls } : {}),
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
