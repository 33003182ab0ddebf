import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import type { Connection } from 'mongoose';
import { connectDatabase, syncIndexes } from '../database/connectDatabase';
import { withPasswordFrom } from '../database/withPasswordFrom';
import { close, listen } from '../http/createGraphQLHttpServer';
import { loadServerTls } from '../http/loadTlsFiles';
import { createReplayCache } from '../identity/createReplayCache';
import { createGatewayTokenVerifier } from '../identity/gatewayToken';
import { readSubgraphTokenKeyFile } from '../identity/subgraphTokenKeys';
import { createTracing } from '../observability/createTracing';
import { createLogger, type Logger } from '../observability/logger';
import { onShutdownSignal, SHUTDOWN_DEADLINE_MS } from '../process/onShutdownSignal';
import type { GatewayLink, SubgraphServer } from './createSubgraphServer';
import type { SubgraphConfig } from './subgraphConfig';

/** What a subgraph's server is built from: made by `runSubgraph` (or the test harness) before it listens. */
export interface SubgraphServerInputs {
  /** The subgraph's own database. */
  connection: Connection;
  logger: Logger;
  /** How the server checks that a request came from the gateway, and its TLS. */
  gateway: GatewayLink;
  /** The release-grant store (read only): which records owners released to whom, for what purpose. */
  releaseGrants: Connection;
  /** The gateway's public keys, for a subgraph that verifies what the gateway signed (the audit); empty unless its settings name them. */
  gatewayJwks: JSONWebKeySet;
}

/** Builds a subgraph's server (it does not listen): each subgraph's `create<Name>Server`. */
export type CreateSubgraphServer = (inputs: SubgraphServerInputs) => Promise<SubgraphServer>;

/**
 * A subgraph's whole life as a process: check its TLS files (when set) and read its
 * gateway-token keys (and the gateway's public JWKS, when its settings have one), connect to its
 * database, build its indexes, build the server (checking the gateway's per-request
 * tokens, with a replay cache of the configured size; with the release-grant store, read
 * through the same connection), trace its `/graphql` requests when tracing is on (continuing the
 * gateway's traces), listen, log a `listening` line with the URL (which `npm start` reads
 * to wire the gateway), and on SIGTERM or SIGINT stop accepting requests, finish the ones
 * in flight, close the database connection and flush the last spans. Exits non-zero on a
 * start-up failure so `npm start` sees it.
 */
export function runSubgraph(
  name: string,
  loadConfig: () => SubgraphConfig & { GATEWAY_JWKS_PATH?: string },
  registerModels: (connection: Connection) => unknown,
  createServer: CreateSubgraphServer,
): void {
  const start = async () => {
    const config = loadConfig();
    const tls = loadServerTls(name, {
      cert: ['TLS_CERT_PATH', config.TLS_CERT_PATH],
      key: ['TLS_KEY_PATH', config.TLS_KEY_PATH],
      clientCa: ['TLS_CLIENT_CA_PATH', config.TLS_CLIENT_CA_PATH],
    });
    const logger = createLogger(name, config.LOG_LEVEL);
    const keys = readSubgraphTokenKeyFile(config.GATEWAY_TOKEN_KEY_PATH, name);
    // Only the accountability subgraph's settings have the gateway's public keys (it verifies audit records with them); gateway tokens do not use them.
    const gatewayJwks: JSONWebKeySet = config.GATEWAY_JWKS_PATH
      ? (JSON.parse(readFileSync(config.GATEWAY_JWKS_PATH, 'utf8')) as JSONWebKeySet)
      : { keys: [] };
    const connection = await connectDatabase(withPasswordFrom(config.MONGODB_URI, config.MONGODB_PASSWORD_FILE), config.DATABASE_NAME);
    registerModels(connection);
    await syncIndexes(connection);
    const verifyRequest = createGatewayTokenVerifier({
      keys,
      subgraph: name,
      clockToleranceSeconds: config.GATEWAY_TOKEN_CLOCK_TOLERANCE_SECONDS,
      maxLifetimeSeconds: config.GATEWAY_TOKEN_MAX_LIFETIME_SECONDS,
      replayCache: createReplayCache({ maxEntries: config.GATEWAY_TOKEN_REPLAY_CACHE_SIZE }),
    });
    const releaseGrants = connection.useDb(config.RELEASE_GRANTS_DATABASE, { useCache: true });
    const server = await createServer({
      connection,
      logger,
      gateway: { verifyRequest, ...(tls ? { tls } : {}) },
      releaseGrants,
      gatewayJwks,
    });
    const tracing = createTracing(config);
    tracing?.instrument(server.http, { paths: ['/graphql'], continueTrace: true });
    const baseUrl = await listen(server.http, config.HOST, config.PORT);
    logger.info({ subgraph: name, url: `${baseUrl}/graphql` }, 'listening');
    onShutdownSignal(async (signal) => {
      logger.info({ signal }, 'shutting down');
      await close(server.http);
      await server.apollo.stop();
      await connection.close();
      await tracing?.shutdown();
    }, SHUTDOWN_DEADLINE_MS);
  };
  start().catch((error: unknown) => {
    console.error(`${name}: failed to start:`, error);
    process.exit(1);
  });
}
