import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { connectDatabase, createLogger, createTracing, listen, onShutdownSignal, readSubgraphTokenKeysFile, SHUTDOWN_DEADLINE_MS, subgraphRegistry, withPasswordFrom } from '@intel-gateway/shared';
import { AuditTrail } from './audit/auditTrail';
import { openAuditHeadSink } from './audit/auditHeadSink';
import { loadConfig } from './config';
import { loadAgencyRegistry } from './identity/loadAgencyRegistry';
import { gatewayPolicy } from './policy';
import { createGatewayServer } from './server';
import { loadTrustedDocuments } from './trustedDocuments/loadTrustedDocuments';

export { createGatewayServer, type GatewayServer, type GatewayServerOptions } from './server';
export { composeSupergraph, tryComposeSupergraph, type CompositionProblem, type SubgraphSource } from './composeSupergraph';
export { disableApolloTelemetry, loadConfig as loadGatewayConfig } from './config';
export { UndiciDataSource, createSubgraphAgent } from './undiciDataSource';
export { createPlanExecutor, selectGatewayExecutor, type GatewayExecutorKind } from './execution/planExecutor';
export { PURPOSE_HEADER } from './identity/authenticateRequest';
export type { GatewayContext } from './gatewayContext';
export { GATEWAY_NODE_FLAGS } from './nodeFlags';
export { WORKBENCH_CONTENT_SECURITY_POLICY } from './workbench/createWorkbenchRoutes';
export { workbenchAssets } from './workbench/workbenchAssets';
export { WORKBENCH_WORDS } from './workbench/workbenchWords';
export { loadSavedOperations } from './workbench/loadSavedOperations';
export { TokenRefusal } from './identity/createAgencyTokenVerifier';
export { AuditTrail, type AuditTrailOptions } from './audit/auditTrail';
export { openAuditHeadSink, parseAuditHeadSink, type AuditHeadSink, type AuditHeadSinkTarget } from './audit/auditHeadSink';
export { DEFAULT_TRUSTED_DOCUMENTS_DIR, documentId, loadTrustedDocuments, manifestText, readManifest, soleOperation, TrustedDocuments, type ManifestOperation } from './trustedDocuments/loadTrustedDocuments';

export { loadAgencyRegistry } from './identity/loadAgencyRegistry';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/useOperationLimits';
export { gatewayPolicy, PROJECT_POLICY } from './policy';
export { includeContributedPolicies, ContributedPolicyError, type PolicyDefinition } from './policy/includeContributedPolicies';
export { definedFields } from './policy/definedFields';
export { NAMED_RULES, type RuleName } from './policy/rules';
export { compileFieldPolicy, PolicySchemaMismatchError, RECORD_IDENTIFIER_FIELDS, ROOT_TYPES, type FieldPolicy } from './policy/fieldPolicy';
export { decideOperation, type FieldDecision } from './policy/decideOperation';
export type { GatewayPolicy } from './policy/policyGateway';
export { apiSchemaOf, explainOperation, type Explanation } from './policy/explain';
export { buildAgencySchema, printAgencySchema } from './policy/agencySchema';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const subgraphTokenKeys = readSubgraphTokenKeysFile(config.SUBGRAPH_TOKEN_KEYS_PATH, subgraphRegistry.map((subgraph) => subgraph.name));
  const auditConnection = await connectDatabase(withPasswordFrom(config.AUDIT_MONGODB_URI, config.AUDIT_MONGODB_PASSWORD_FILE), config.AUDIT_DATABASE_NAME, { failFast: true });
  const signingKey = JSON.parse(readFileSync(config.GATEWAY_SIGNING_KEY_PATH, 'utf8')) as JWK;
  const headSink = config.AUDIT_HEAD_SINK ? await openAuditHeadSink(config.AUDIT_HEAD_SINK) : undefined;
  const audit = await AuditTrail.open(auditConnection, signingKey, logger, config.AUDIT_CHAIN_ID, { headSink });
  logger.info({ chainId: audit.chainId, headSink: headSink?.target }, 'audit chain open');
  const registry = loadAgencyRegistry(config.AGENCY_REGISTRY_PATH);
  const trustedDocuments = loadTrustedDocuments(config.TRUSTED_DOCUMENTS_DIR, new Set(registry.agencies.map((agency) => agency.code)), config.TRUSTED_DOCUMENTS_ENFORCE);
  logger.info({ agencies: trustedDocuments.agencies, enforced: trustedDocuments.enforced }, 'trusted documents loaded');
  const tracing = createTracing(config);
  const server = await createGatewayServer({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxResponseBytes: config.SUBGRAPH_MAX_RESPONSE_BYTES,
    subgraphTls: config.subgraphTls,
    identity: {
      registry,
      audience: config.GATEWAY_AUDIENCE,
      clockToleranceSeconds: config.TOKEN_CLOCK_TOLERANCE_SECONDS,
    },
    policy: gatewayPolicy(),
    audit,
    limits: config.limits,
    trustedDocuments,
    workbench: config.WORKBENCH_ENABLED,
    readinessIntervalMs: config.READINESS_INTERVAL_MS,
    metricsOnOwnServer: config.METRICS_PORT !== undefined,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    subgraphTokens: { keys: subgraphTokenKeys, ttlSeconds: config.GATEWAY_TOKEN_TTL_SECONDS },
    logger,
    ...(tracing ? { tracing } : {}),
  });
  const baseUrl = await listen(server.http, config.HOST, config.PORT);
  const url = `${baseUrl}/graphql`;
  const metricsUrl = server.metricsHttp ? `${await listen(server.metricsHttp, config.METRICS_HOST, config.METRICS_PORT!)}/metrics` : `${baseUrl}/metrics`;
  logger.info({ url, metrics: metricsUrl, ...(config.WORKBENCH_ENABLED ? { workbench: `${baseUrl}/` } : {}) }, 'listening');
  onShutdownSignal(async (signal) => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await auditConnection.close();
    await headSink?.close();
    // Last, so the spans of the requests that finished while stopping go out too.
    await tracing?.shutdown();
  }, SHUTDOWN_DEADLINE_MS);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('gateway: failed to start:', error);
    process.exit(1);
  });
}
