import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { connectDatabase, withPasswordFrom } from '@intel-gateway/shared/database';
import { listen } from '@intel-gateway/shared/http';
import { readSubgraphTokenKeysFile } from '@intel-gateway/shared/identity';
import { createLogger, createTracing } from '@intel-gateway/shared/observability';
import { onShutdownSignal, SHUTDOWN_DEADLINE_MS } from '@intel-gateway/shared/process';
import { subgraphRegistry } from '@intel-gateway/shared/registry';
import { openAuditHeadSink } from './audit/auditHeadSink';
import { AuditTrail } from './audit/auditTrail';
import { loadConfig } from './config';
import { gatewayPolicy } from './contributed/gatewayPolicy';
import { loadAgencyRegistry } from './identity/loadAgencyRegistry';
import { createGatewayServer } from './server';
import { loadTrustedDocuments } from './trustedDocuments/loadTrustedDocuments';

/**
 * The gateway process (`node gateway/dist/main.js`): reads its settings, opens the audit chain,
 * loads the agency registry and trusted documents, listens, and stops on a shutdown signal.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const subgraphTokenKeys = readSubgraphTokenKeysFile(
    config.SUBGRAPH_TOKEN_KEYS_PATH,
    subgraphRegistry.map((subgraph) => subgraph.name),
  );
  const auditConnection = await connectDatabase(
    withPasswordFrom(config.AUDIT_MONGODB_URI, config.AUDIT_MONGODB_PASSWORD_FILE),
    config.AUDIT_DATABASE_NAME,
    { failFast: true },
  );
  const signingKey = JSON.parse(readFileSync(config.GATEWAY_SIGNING_KEY_PATH, 'utf8')) as JWK;
  const headSink = config.AUDIT_HEAD_SINK ? await openAuditHeadSink(config.AUDIT_HEAD_SINK) : undefined;
  const audit = await AuditTrail.open(auditConnection, signingKey, logger, config.AUDIT_CHAIN_ID, {
    headSink,
    headCheckpointMs: config.AUDIT_HEAD_CHECKPOINT_MS,
    ...(config.GATEWAY_JWKS_PATH ? { previousKeys: JSON.parse(readFileSync(config.GATEWAY_JWKS_PATH, 'utf8')) as { keys: JWK[] } } : {}),
  });
  logger.info({ chainId: audit.chainId, headSink: headSink?.target }, 'audit chain open');
  const registry = loadAgencyRegistry(config.AGENCY_REGISTRY_PATH);
  const trustedDocuments = loadTrustedDocuments(
    config.TRUSTED_DOCUMENTS_DIR,
    new Set(registry.agencies.map((agency) => agency.code)),
    config.TRUSTED_DOCUMENTS_ENFORCE,
  );
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
    planExecutor: config.GATEWAY_EXECUTOR,
    audit,
    limits: config.limits,
    listenerLimits: config.listenerLimits,
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
  const metricsUrl = server.metricsHttp
    ? `${await listen(server.metricsHttp, config.METRICS_HOST, config.METRICS_PORT!)}/metrics`
    : `${baseUrl}/metrics`;
  logger.info({ url, metrics: metricsUrl, ...(config.WORKBENCH_ENABLED ? { workbench: `${baseUrl}/` } : {}) }, 'listening');
  onShutdownSignal(async (signal) => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await audit.close();
    await auditConnection.close();
    await headSink?.close();
    // Last, so the spans of the requests that finished while stopping go out too.
    await tracing?.shutdown();
  }, SHUTDOWN_DEADLINE_MS);
}

main().catch((error: unknown) => {
  console.error('gateway: failed to start:', error);
  process.exit(1);
});
