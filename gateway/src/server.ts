import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import { createAuditModels } from '@intel-gateway/shared/audit';
import { close, createGraphQLHttpServer, type RequestScope, type RouteHandler } from '@intel-gateway/shared/http';
import { type CallerContext, createGatewayTokenSigner, GATEWAY_TOKEN_HEADER, type Principal } from '@intel-gateway/shared/identity';
import { createErrorLoggers, SPAN_ATTRIBUTES } from '@intel-gateway/shared/observability';
import { subgraphRegistry } from '@intel-gateway/shared/registry';
import { honourSealedGrants } from './audit/honourSealedGrants';
import { createReleasedRecordsLookup } from './audit/releasedRecords';
import { checkReadiness, createReadinessProbe, DEFAULT_READINESS_INTERVAL_MS } from './checkReadiness';
import { DEFAULT_GATEWAY_EXECUTOR, disableApolloTelemetry } from './config';
import { executorStack, layeredGateway, withPlanExecutor } from './execution/executorStack';
import { selectGatewayExecutor } from './execution/planExecutor';
import { PolicySchemas } from './execution/policySchemas';
import { subgraphServes } from './execution/subgraphServes';
import { supergraphHookForOwnExecutor } from './execution/supergraphForOwnExecutor';
import { recipientPrincipal } from './export/recipientChecks';
import { createStixExportRoute } from './export/stixRoute';
import { formatGatewayError } from './formatGatewayError';
import type { GatewayContext } from './gatewayContext';
import type { GatewayServerOptions } from './gatewayServerOptions';
import { createGatewayAuthenticator } from './identity/authenticateRequest';
import { createAgencyTokenVerifier } from './identity/createAgencyTokenVerifier';
import { assumedListSizes } from './limits/assumedListSizes';
import { DEFAULT_OPERATION_LIMITS, useOperationLimits } from './limits/useOperationLimits';
import { useVariableCoercion } from './limits/useVariableCoercion';
import { createMetricsRoute, createMetricsServer } from './metrics/createMetricsRoute';
import { createGatewayMetrics } from './metrics/gatewayMetrics';
import { printAgencySchema } from './policy/agencySchema';
import { useOperationSpan } from './tracing/useOperationSpan';
import { createDocumentIdResolver, refuseUnlisted } from './trustedDocuments/createDocumentIdResolver';
import { useTrustedDocuments } from './trustedDocuments/useTrustedDocuments';
import { createSubgraphAgent, DEFAULT_SUBGRAPH_CALL_LIMITS, UndiciDataSource } from './undiciDataSource';
import { hideHiddenSuggestions } from './validation/hideHiddenSuggestions';
import { useAgencyValidation } from './validation/useAgencyValidation';
import { watchSupergraphFile } from './watchSupergraphFile';
import { createWorkbenchRoutes } from './workbench/createWorkbenchRoutes';

export type { GatewayServerOptions } from './gatewayServerOptions';

/** The caller the gateway's readiness probe presents: no roles, no purpose, so it may read `__typename` only. */
const READINESS_PROBE: CallerContext = {
  principal: {
    user: 'gateway-readiness-probe',
    agency: 'GATEWAY',
    agencyKind: 'GENERAL_SECRETARIAT',
    agencyGroups: [],
    country: 'XX',
    roles: [],
    clearance: 'UNCLASSIFIED',
    purposes: [],
    projects: [],
  },
  purpose: null,
};

export interface GatewayServer {
  http: Server;
  /** `/metrics` alone, when `metricsOnOwnServer` asked for it (not listening: the caller listens it, and `stop` closes it). */
  metricsHttp?: Server;
  apollo: ApolloServer<GatewayContext>;
  /** Current URL of each subgraph, as the gateway calls it. */
  subgraphs: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/**
 * Builds the gateway (it does not listen; `index.ts` does). It is generic: any supergraph
 * file works, and nothing in it knows which agencies sit behind it.
 *
 * Every `/graphql` request must carry a valid agency token and a purpose the token
 * allows; anything else is refused with 401 or 403 before GraphQL runs.
 *
 * Every operation runs under the field policy (see `execution/executorStack.ts`): the caller
 * sees, in data and in introspection, only the fields its agency and roles may read.
 *
 * Routes: `/graphql`, `/schema.graphql` (the caller's own schema as SDL, token required),
 * `/export/stix` (an operation's records as a STIX 2.1 bundle, see export/stixRoute.ts),
 * `/healthz` (the process is up), `/readyz` (every subgraph answers, from a probe made at
 * most every `readinessIntervalMs`), `/metrics` (Prometheus, see metrics/gatewayMetrics.ts;
 * behind a bearer token when `metricsToken` is set) and, when `workbench` is set, the analyst
 * workbench at `/` with its files under `/workbench/`.
 *
 * Every request has an id the gateway makes (a caller's own `x-request-id` is only logged
 * beside it), returned to the caller, sent with each subgraph call, kept in the operation's
 * audit record and written on each of its log lines, one JSON access line included (see
 * createGraphQLHttpServer).
 */
export async function createGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger } = options;
  if (options.audit && !options.policy) throw new Error('the disclosure audit needs a field policy: it records what the policy walk finds');
  const agent = createSubgraphAgent(options.subgraphTls);
  const metrics = createGatewayMetrics();
  const signToken = options.subgraphTokens ? createGatewayTokenSigner(options.subgraphTokens) : undefined;
  const subgraphs = new Map<string, string>();
  disableApolloTelemetry();
  const executorKind = options.planExecutor ?? DEFAULT_GATEWAY_EXECUTOR;
  const supergraphFile = watchSupergraphFile(options.supergraphPath, logger);
  const federation = new ApolloGateway({
    supergraphSdl: executorKind === 'own' ? supergraphHookForOwnExecutor(supergraphFile) : supergraphFile,
    buildService: ({ name, url }) => {
      // Own keys only: a subgraph named after an inherited property (`constructor`) has no override.
      const target = (options.subgraphUrls && Object.hasOwn(options.subgraphUrls, name) ? options.subgraphUrls[name] : undefined) ?? url;
      if (!target) throw new Error(`subgraph "${name}" has no URL in the supergraph and none is configured`);
      if (options.subgraphTokens && !Object.hasOwn(options.subgraphTokens.keys, name))
        throw new Error(`subgraph "${name}" has no gateway-token key (SUBGRAPH_TOKEN_KEYS_PATH)`);
      subgraphs.set(name, target);
      const limits = {
        timeoutMs: options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_CALL_LIMITS.timeoutMs,
        maxResponseBytes: options.subgraphMaxResponseBytes ?? DEFAULT_SUBGRAPH_CALL_LIMITS.maxResponseBytes,
      };
      return new UndiciDataSource(name, target, agent, limits, signToken, metrics.observeSubgraphFetch, options.tracing);
    },
    logger,
    // The planner otherwise tries each of an operation's fragments against each selection of
    // each subgraph fetch, which costs seconds for a document of many small fragments; the
    // fetches are then sent expanded, which changes nothing the subgraphs answer.
    queryPlannerConfig: { reuseQueryFragments: false },
    // Otherwise any caller gets the plan (subgraphs, the policy's added fields) by asking with a header, outside production.
    __exposeQueryPlanExperimental: false,
  });
  const contactPoints = new Map(options.identity.registry.agencies.map((agency) => [agency.code, agency.contactPoint]));
  const releaseGrants = options.audit
    ? createReleasedRecordsLookup(
        options.audit.connection,
        honourSealedGrants(createAuditModels(options.audit.connection).AuditRecord, options.audit.sealKeys, logger),
      )
    : undefined;
  const policySchemas = options.policy ? new PolicySchemas(options.policy, logger) : null;
  const stackInputs = {
    audit: options.audit,
    onAuditWrite: metrics.observeAuditWrite,
    contactPointOf: (agency: string) => contactPoints.get(agency) ?? null,
    ...(releaseGrants ? { releaseGrants } : {}),
    serves: subgraphServes(options.subgraphOwners ?? subgraphRegistry),
    logger,
  };
  const planExecutorOf = (apolloExecutor: GatewayExecutor) => selectGatewayExecutor(executorKind, federation, apolloExecutor);
  // Every operation runs through the executor layers (execution/executorStack.ts); without a policy, the plan executor alone (the benchmark).
  const gateway = policySchemas
    ? layeredGateway(federation, policySchemas, (apolloExecutor) =>
        executorStack(planExecutorOf(apolloExecutor), { ...stackInputs, schemas: policySchemas }),
      )
    : withPlanExecutor(federation, planExecutorOf);
  // Each served schema's list sizes, read from the supergraph it came from (the API schema drops @listSize).
  const listSizes = new WeakMap<GraphQLSchema, ReadonlyMap<string, number>>();
  federation.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => listSizes.set(apiSchema, assumedListSizes(coreSupergraphSdl)));
  const agencySchema = (principal: Principal) =>
    policySchemas ? policySchemas.agencySchema(principal) : Promise.resolve(federation.schema ?? null);
  const limits = options.limits ?? DEFAULT_OPERATION_LIMITS;
  const authenticator = createGatewayAuthenticator(createAgencyTokenVerifier(options.identity));
  /** An operation's context, built once per request: its authenticated caller, and its request's scope (with the request's span while tracing). */
  const contextOf = async (req: IncomingMessage, scope: RequestScope): Promise<GatewayContext> => {
    const caller = await authenticator.caller(req, scope);
    const span = options.tracing?.requestSpan(req);
    if (span) {
      span.setAttribute(SPAN_ATTRIBUTES.agency, caller.principal.agency);
      scope.span = span;
    }
    return { ...caller, requestScope: scope };
  };
  const errorLoggers = createErrorLoggers(logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatGatewayError(formatted, error, errorLoggers.loggerFor(error)),
    logger,
    // No landing page: Apollo's loads from a CDN, and police networks are often air-gapped.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // First: a hidden name is refused as a nonexistent one before any other plugin answers (trusted documents, limits).
      useAgencyValidation(agencySchema),
      ...(options.trustedDocuments ? [useTrustedDocuments(options.trustedDocuments)] : []),
      useOperationLimits(limits, (schema) => listSizes.get(schema)),
      useVariableCoercion(),
      hideHiddenSuggestions(agencySchema),
      metrics.plugin(),
      errorLoggers.plugin,
      ...(options.tracing ? [useOperationSpan()] : []),
    ],
    // Operations by id come only from agencies' trusted documents (see trustedDocuments/), never from a cache clients fill.
    persistedQueries: false,
    parseOptions: { maxTokens: limits.maxTokens },
    // One operation per HTTP request; CSRF prevention stays on (Apollo's default), so no
    // simple-request POST and no operation over GET without a preflight header runs.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The process stops it (index.ts, onShutdownSignal): Apollo's own SIGTERM handler would race that stop and hang it.
    stopOnTerminationSignals: false,
  });
  try {
    await apollo.start();
  } catch (error) {
    await agent.close();
    throw error;
  }

  const readiness = createReadinessProbe(
    () =>
      checkReadiness(subgraphs, agent, (subgraph, request): Record<string, string> =>
        signToken ? { [GATEWAY_TOKEN_HEADER]: signToken(READINESS_PROBE, subgraph, request) } : {},
      ),
    options.readinessIntervalMs ?? DEFAULT_READINESS_INTERVAL_MS,
  );
  const metricsRoute = createMetricsRoute(metrics.registry, options.metricsToken);
  const metricsHttp = options.metricsOnOwnServer ? createMetricsServer(metricsRoute, logger) : undefined;
  const graphqlPath = '/graphql';
  const routes: Record<string, RouteHandler> = {
    ...(options.workbench ? createWorkbenchRoutes({ graphqlPath }) : {}),
    ...(metricsHttp ? {} : { '/metrics': metricsRoute }),
    '/healthz': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    },
    '/schema.graphql': async (req, res, scope) => {
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      const principal = await authenticator.principal(req, scope);
      const schema = await agencySchema(principal);
      const sdl = schema ? printAgencySchema(schema) : '';
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' });
      res.end(sdl);
    },
    ...(policySchemas
      ? {
          '/export/stix': createStixExportRoute({
            apollo,
            authenticate: contextOf,
            isRestrictedField: (type, path) => policySchemas.isRestrictedField(type, path),
            recipientOf: (code) => {
              const agency = options.identity.registry.agencies.find((a) => a.code === code);
              return agency && recipientPrincipal(agency);
            },
            ...(options.trustedDocuments
              ? {
                  admit: (caller: GatewayContext, query: string) =>
                    refuseUnlisted(options.trustedDocuments!, caller.principal.agency, query),
                }
              : {}),
          }),
        }
      : {}),
    '/readyz': async (_req, res) => {
      const report = await readiness();
      const ready = report.every((s) => s.ready);
      if (!ready) logger.warn({ subgraphs: report.filter((s) => !s.ready) }, 'not ready');
      // Names and states only: subgraph addresses and connection errors stay in the log.
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ status: ready ? 'ready' : 'not ready', subgraphs: report.map(({ name, ready: up }) => ({ name, ready: up })) }),
      );
    },
  };
  const http = createGraphQLHttpServer({
    apollo,
    logger,
    context: contextOf,
    graphqlPath,
    routes,
    ...(options.listenerLimits ? { listenerLimits: options.listenerLimits } : {}),
    ...(options.trustedDocuments ? { prepareRequest: createDocumentIdResolver(options.trustedDocuments) } : {}),
  });
  metrics.instrument(http, [graphqlPath, ...Object.keys(routes)]);
  // The routes that run operations; probes, scrapes and schema downloads make no traces.
  options.tracing?.instrument(http, { paths: [graphqlPath, '/export/stix'], continueTrace: false });
  return {
    http,
    ...(metricsHttp ? { metricsHttp } : {}),
    apollo,
    subgraphs,
    stop: async () => {
      await close(http);
      if (metricsHttp?.listening) await close(metricsHttp);
      await apollo.stop();
      await agent.close();
    },
  };
}
