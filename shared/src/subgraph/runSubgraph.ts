import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import type { Connection } from 'mongoose';
import { createGatewayTokenVerifier, type CallerContext } from '../gatewayToken';
import { connectDatabase, syncIndexes } from '../database/connectDatabase';
import { withPasswordFrom } from '../database/withPasswordFrom';
import type { SubgraphServer } from '../graphql/createSubgraphServer';
import { close, listen } from '../http/createGraphQLHttpServer';
import { createLogger, type Logger } from '../logger';
import { createTracing } from '../observability/createTracing';
import { onShutdownSignal, SHUTDOWN_DEADLINE_MS } from '../process/onShutdownSignal';
import type { SubgraphConfig } from './subgraphConfig';

/**
 * A subgraph's whole life as a process: connect to its database, build its indexes,
 * build the server (with the release-grant store, read through the same connection), trace its `/graphql` requests when tracing is on (continuing the
 * gateway's traces), listen, log a `listening` line with the URL (which `npm start` reads
 * to wire the gateway), and on SIGTERM or SIGINT stop accepting requests, finish the ones
 * in flight, close the database connection and flush the last spans. Exits non-zero on a
 * start-up failure so `npm start` sees it.
 */
export function runSubgraph(
  name: string,
  loadConfig: () => SubgraphConfig,
  registerModels: (connection: Connection) => unknown,
  createServer: (
    connection: Connection,
    logger: Logger,
    verifyCaller: (token: string | undefined) => Promise<CallerContext>,
    gatewayJwks: JSONWebKeySet,
    releaseGrants: Connection,
  ) => Promise<SubgraphServer>,
): void {
  const start = async () => {
    const config = loadConfig();
    const logger = createLogger(name, config.LOG_LEVEL);
    const connection = await connectDatabase(withPasswordFrom(config.MONGODB_URI, config.MONGODB_PASSWORD_FILE), config.DATABASE_NAME);
    registerModels(connection);
    await syncIndexes(connection);
    const jwks = JSON.parse(readFileSync(config.GATEWAY_JWKS_PATH, 'utf8')) as JSONWebKeySet;
    const releaseGrants = connection.useDb(config.RELEASE_GRANTS_DATABASE, { useCache: true });
    const server = await createServer(connection, logger, createGatewayTokenVerifier({ jwks, subgraph: name }), jwks, releaseGrants);
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
