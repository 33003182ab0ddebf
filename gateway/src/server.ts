import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { JWK } from 'jose';
import {
  close,
  createErrorLoggers,
  createGatewayTokenSigner,
  createGraphQLHttpServer,
  GATEWAY_TOKEN_HEADER,
  SPAN_ATTRIBUTES,
  type CallerContext,
  type Logger,
  type Principal,
  type RequestScope,
  type RouteHandler,
  type Tracing,
} from '@intel-gateway/shared';
import { checkReadiness } from './checkReadiness';
import { disableApolloTelemetry } from './config';
import { createPrincipalAuthenticator, createRequestAuthenticator } from './identity/authenticateRequest';
import { createAgencyTokenVerifier, type AgencyTokenVerifierOptions } from './identity/createAgencyTokenVerifier';
import { formatGatewayError } from './formatGatewayError';
import type { GatewayContext } from './gatewayContext';
import { assumedListSizes } from './limits/assumedListSizes';
import { DEFAULT_OPERATION_LIMITS, useOperationLimits, type OperationLimits } from './limits/useOperationLimits';
import { printAgencySchema } from './policy/agencySchema';
import { hideHiddenSuggestions } from './policy/hideSuggestions';
import { useAgencyValidation } from './policy/useAgencyValidation';
import { PolicyGateway, type GatewayPolicy } from './policy/policyGateway';
import type { AuditTrail } from './audit/auditTrail';
import { createReleasedRecordsLookup } from './audit/releasedRecords';
import { createStixExportRoute } from './export/stixRoute';
import { createDocumentIdResolver, refuseUnlisted } from './trustedDocuments/createDocumentIdResolver';
import type { TrustedDocuments } from './trustedDocuments/loadTrustedDocuments';
import { useTrustedDocuments } from './trustedDocuments/useTrustedDocuments';
import { createSubgraphAgent, UndiciDataSource } from './undiciDataSource';
import { createGatewayMetrics } from './metrics/gatewayMetrics';
import { useOperationSpan } from './tracing/useOperationSpan';
import { watchSupergraphFile } from './watchSupergraphFile';
import { createWorkbenchRoutes } from './workbench/createWorkbenchRoutes';

export interface GatewayServerOptions {
  /** Pre-composed supergraph; reloaded when the file changes. */
  supergraphPath: string;
  /** Per-subgraph URL overrides; subgraphs not named here use the supergraph's URL. */
  subgraphUrls?: Record<string, string>;
  subgraphTimeoutMs?: number;
  /** Which agencies' tokens are accepted, and for which audience. */
  identity: AgencyTokenVerifierOptions;
  /**
   * The gateway's private key for the short-lived tokens it sends each subgraph. Without
   * it no token is sent, and only subgraphs that check nothing will answer.
   */
  subgraphTokens?: { privateKey: JWK; ttlSeconds: number };
  /**
   * The field policy every operation runs under; it must match the supergraph's API schema.
   * `null` runs with no field policy at all, which exists only so the benchmark can measure
   * what the policy costs; the gateway's own entry point always passes one.
   */
  policy: GatewayPolicy | null;
  /**
   * The disclosure audit every operation is recorded in before its answer leaves. `null`
   * runs without it, for the benchmark's measurements only; it needs a policy.
   */
  audit: AuditTrail | null;
  /** Per-operation limits; defaults to DEFAULT_OPERATION_LIMITS. */
  limits?: OperationLimits;
  /** Agencies' trusted documents (operations by id, and the only ones an agency with a manifest may run). */
  trustedDocuments?: TrustedDocuments;
  /**
   * Serve the analyst workbench at `/` (GraphiQL and its views, every file from the
   * gateway's own packages, see workbench/createWorkbenchRoutes.ts). Off unless asked:
   * the gateway's entry point passes WORKBENCH_ENABLED, which is on by default.
   */
  workbench?: boolean;
  logger: Logger;
  /**
   * Traces, when on (see createTracing): a server span per operation request, with the
   * operation's name and type, the caller's agency and the status, and a client span per
   * subgraph call whose `traceparent` the subgraph continues. Without it, no span is made.
   */
  tracing?: Tracing;
}

/** The caller the gateway's readiness probe presents: no roles, no purpose, so it may read `__typename` only. */
const READINESS_PROBE: CallerContext = {
  principal: { user: 'gateway-readiness-probe', agency: 'GATEWAY', agencyKind: 'GENERAL_SECRETARIAT', agencyGroups: [], country: 'XX', roles: [], clearance: 'UNCLASSIFIED', purposes: [], projects: [] },
  purpose: null,
};

export interface GatewayServer {
  http: Server;
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
 * Every operation runs under the field policy (see `policy/policyGateway.ts`): the caller
 * sees, in data and in introspection, only the fields its agency and roles may read.
 *
 * Routes: `/graphql`, `/schema.graphql` (the caller's own schema as SDL, token required),
 * `/export/stix` (an operation's records as a STIX 2.1 bundle, see export/stixRoute.ts),
 * `/healthz` (the process is up), `/readyz` (every subgraph answers), `/metrics`
 * (Prometheus, see metrics/gatewayMetrics.ts) and, when `workbench` is set, the analyst
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
  const agent = createSubgraphAgent();
  const metrics = createGatewayMetrics();
  const signToken = options.subgraphTokens ? createGatewayTokenSigner(options.subgraphTokens) : undefined;
  const subgraphs = new Map<string, string>();
  disableApolloTelemetry();
  const federation = new ApolloGateway({
    supergraphSdl: watchSupergraphFile(options.supergraphPath, logger),
    buildService: ({ name, url }) => {
      // Own keys only: a subgraph named after an inherited property (`constructor`) has no override.
      const target = (options.subgraphUrls && Object.hasOwn(options.subgraphUrls, name) ? options.subgraphUrls[name] : undefined) ?? url;
      if (!target) throw new Error(`subgraph "${name}" has no URL in the supergraph and none is configured`);
      subgraphs.set(name, target);
      return new UndiciDataSource(name, target, agent, options.subgraphTimeoutMs ?? 10_000, signToken, metrics.observeSubgraphFetch, options.tracing);
    },
    logger,
    // The planner otherwise tries each of an operation's fragments against each selection of
    // each subgraph fetch, which costs seconds for a document of many small fragments; the
    // fetches are then sent expanded, which changes nothing the subgraphs answer.
    queryPlannerConfig: { reuseQueryFragments: false },
  });
  const contactPoints = new Map(options.identity.registry.agencies.map((agency) => [agency.code, agency.contactPoint]));
  const releasedTo = options.audit ? createReleasedRecordsLookup(options.audit.connection) : undefined;
  const policyGateway = options.policy ? new PolicyGateway(federation, options.policy, logger, options.audit, (agency) => contactPoints.get(agency) ?? null, releasedTo) : null;
  const gateway = policyGateway ?? federation;
  // Each served schema's list sizes, read from the supergraph it came from (the API schema drops @listSize).
  const listSizes = new WeakMap<GraphQLSchema, ReadonlyMap<string, number>>();
  federation.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => listSizes.set(apiSchema, assumedListSizes(coreSupergraphSdl)));
  const agencySchema = (principal: Principal) => (policyGateway ? policyGateway.agencySchema(principal) : Promise.resolve(federation.schema ?? null));
  const limits = options.limits ?? DEFAULT_OPERATION_LIMITS;
  const authenticatePrincipal = createPrincipalAuthenticator(createAgencyTokenVerifier(options.identity));
  const authenticate = createRequestAuthenticator(authenticatePrincipal);
  /** An operation's context: its authenticated caller, and its request's scope (with the request's span while tracing). */
  const contextOf = async (req: IncomingMessage, scope: RequestScope): Promise<GatewayContext> => {
    const caller = await authenticate(req);
    scope.caller = caller.principal;
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
      ...(options.trustedDocuments ? [useTrustedDocuments(options.trustedDocuments)] : []),
      useAgencyValidation(agencySchema),
      useOperationLimits(limits, (schema) => listSizes.get(schema)),
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
  });
  try {
    await apollo.start();
  } catch (error) {
    await agent.close();
    throw error;
  }

  const graphqlPath = '/graphql';
  const routes: Record<string, RouteHandler> = {
    ...(options.workbench ? createWorkbenchRoutes({ graphqlPath }) : {}),
    // Counts and latencies only, no record, agency or user: for the operator's Prometheus.
    '/metrics': async (req, res) => {
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(body);
    },
    '/healthz': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    },
    '/schema.graphql': async (req, res, scope) => {
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      const principal = await authenticatePrincipal(req);
      scope.caller = principal;
      const schema = await agencySchema(principal);
      const sdl = schema ? printAgencySchema(schema) : '';
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' });
      res.end(sdl);
    },
    ...(policyGateway
      ? {
          '/export/stix': createStixExportRoute({
            apollo,
            authenticate: contextOf,
            isRestrictedField: (type, path) => policyGateway.isRestrictedField(type, path),
            ...(options.trustedDocuments ? { admit: (caller: GatewayContext, query: string) => refuseUnlisted(options.trustedDocuments!, caller.principal.agency, query) } : {}),
          }),
        }
      : {}),
    '/readyz': async (_req, res) => {
      const report = await checkReadiness(subgraphs, agent, async (subgraph): Promise<Record<string, string>> =>
        signToken ? { [GATEWAY_TOKEN_HEADER]: await signToken(READINESS_PROBE, subgraph) } : {},
      );
      const ready = report.every((s) => s.ready);
      if (!ready) logger.warn({ subgraphs: report.filter((s) => !s.ready) }, 'not ready');
      // Names and states only: subgraph addresses and connection errors stay in the log.
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', subgraphs: report.map(({ name, ready: up }) => ({ name, ready: up })) }));
    },
  };
  const http = createGraphQLHttpServer({
    apollo,
    logger,
    context: contextOf,
    graphqlPath,
    routes,
    ...(options.trustedDocuments ? { prepareRequest: createDocumentIdResolver(options.trustedDocuments) } : {}),
  });
  metrics.instrument(http, [graphqlPath, ...Object.keys(routes)]);
  // The routes that run operations; probes, scrapes and schema downloads make no traces.
  options.tracing?.instrument(http, { paths: [graphqlPath, '/export/stix'], continueTrace: false });
  return {
    http,
    apollo,
    subgraphs,
    stop: async () => {
      await close(http);
      await apollo.stop();
      await agent.close();
    },
  };
}
