import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { connectDatabase, createLogger, createTracing, listen, onShutdownSignal } from '@intel-gateway/shared';
import { AuditTrail } from './audit/auditTrail';
import { loadConfig } from './config';
import { loadAgencyRegistry } from './identity/loadAgencyRegistry';
import { GATEWAY_POLICY } from './policy';
import { createGatewayServer } from './server';

export { createGatewayServer, type GatewayServer, type GatewayServerOptions } from './server';
export { composeSupergraph, type SubgraphSource } from './composeSupergraph';
export { disableApolloTelemetry, loadConfig as loadGatewayConfig } from './config';
export { UndiciDataSource, createSubgraphAgent } from './undiciDataSource';
export { PURPOSE_HEADER } from './identity/authenticateRequest';
export type { GatewayContext } from './gatewayContext';
export { GATEWAY_NODE_FLAGS } from './nodeFlags';
export { TokenRefusal } from './identity/createAgencyTokenVerifier';
export { AuditTrail } from './audit/auditTrail';

export { loadAgencyRegistry } from './identity/loadAgencyRegistry';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/useOperationLimits';
export { GATEWAY_POLICY } from './policy';
export { compileFieldPolicy, PolicySchemaMismatchError, type FieldPolicy } from './policy/fieldPolicy';
export { decideOperation, type FieldDecision } from './policy/decideOperation';
export type { GatewayPolicy } from './policy/policyGateway';
export { apiSchemaOf, explainOperation, type Explanation } from './policy/explain';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const auditConnection = await connectDatabase(config.AUDIT_MONGODB_URI, config.AUDIT_DATABASE_NAME, { failFast: true });
  const signingKey = JSON.parse(readFileSync(config.GATEWAY_SIGNING_KEY_PATH, 'utf8')) as JWK;
  const audit = await AuditTrail.open(auditConnection, signingKey, logger, config.AUDIT_CHAIN_ID);
  logger.info({ chainId: audit.chainId }, 'audit chain open');
  const tracing = createTracing(config);
  const server = await createGatewayServer({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    identity: {
      registry: loadAgencyRegistry(config.AGENCY_REGISTRY_PATH),
      audience: config.GATEWAY_AUDIENCE,
      clockToleranceSeconds: config.TOKEN_CLOCK_TOLERANCE_SECONDS,
    },
    policy: GATEWAY_POLICY,
    audit,
    limits: config.limits,
    subgraphTokens: { privateKey: signingKey, ttlSeconds: config.GATEWAY_TOKEN_TTL_SECONDS },
    logger,
    ...(tracing ? { tracing } : {}),
  });
  const url = `${await listen(server.http, config.HOST, config.PORT)}/graphql`;
  logger.info({ url }, 'listening');
  onShutdownSignal(async (signal) => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await auditConnection.close();
    // Last, so the spans of the requests that finished while stopping go out too.
    await tracing?.shutdown();
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('gateway: failed to start:', error);
    process.exit(1);
  });
}
