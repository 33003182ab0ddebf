import type { Connection } from 'mongoose';
import { connectDatabase, syncIndexes } from '../database/connectDatabase';
import type { SubgraphServer } from '../graphql/createSubgraphServer';
import { createLogger, type Logger } from '../logger';
import { serveSubgraph } from './serveSubgraph';
import type { SubgraphConfig } from './subgraphConfig';

/**
 * A subgraph's whole life as a process: connect to its database, build its indexes,
 * build the server, listen, and stop cleanly on a signal. Exits non-zero on a start-up
 * failure so `npm start` sees it.
 */
export function runSubgraph(
  name: string,
  loadConfig: () => SubgraphConfig,
  registerModels: (connection: Connection) => unknown,
  createServer: (connection: Connection, logger: Logger) => Promise<SubgraphServer>,
): void {
  const start = async () => {
    const config = loadConfig();
    const logger = createLogger(name, config.LOG_LEVEL);
    const connection = await connectDatabase(config.MONGODB_URI, config.DATABASE_NAME);
    registerModels(connection);
    await syncIndexes(connection);
    await serveSubgraph(name, await createServer(connection, logger), connection, config, logger);
  };
  start().catch((error: unknown) => {
    console.error(`${name}: failed to start:`, error);
    process.exit(1);
  });
}
