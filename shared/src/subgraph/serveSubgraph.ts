import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { close, listen } from '../http/createGraphQLHttpServer';
import { onShutdownSignal } from '../process/onShutdownSignal';
import type { SubgraphServer } from '../graphql/createSubgraphServer';
import type { SubgraphConfig } from './subgraphConfig';

/**
 * Listens, logs a `listening` line with the URL (which `npm start` reads to wire the
 * gateway), and shuts down cleanly on SIGTERM or SIGINT: stop accepting requests, finish
 * the ones in flight, close the database connection, exit.
 */
export async function serveSubgraph(name: string, server: SubgraphServer, connection: Connection, config: SubgraphConfig, logger: Logger): Promise<void> {
  const baseUrl = await listen(server.http, config.HOST, config.PORT);
  logger.info({ subgraph: name, url: `${baseUrl}/graphql` }, 'listening');
  onShutdownSignal(async (signal) => {
    logger.info({ signal }, 'shutting down');
    await close(server.http);
    await server.apollo.stop();
    await connection.close();
  });
}
