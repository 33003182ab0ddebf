import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { ToolsConfig } from './config';
import { type DatabaseHandle, resolveDatabase, waitForPing } from './database/resolveDatabase';
import { isProcessAlive } from './process/isProcessAlive';

/** The file in the data directory where `npm start` names the embedded database it runs. */
export const runningDatabaseFile = (dataDir: string) => join(dataDir, 'intel-gateway-running.json');

const runningDatabase = z.object({ uri: z.string().regex(/^mongodb:\/\/127\.0\.0\.1:\d+$/), pid: z.number().int().positive() });

/**
 * Names the embedded database `npm start` runs on `dataDir` (its URI and process id, in a
 * file only this user can read), so that tools run meanwhile, such as `npm run
 * audit:verify`, connect to it instead of failing on a data directory in use. Returns the
 * function that removes the file, which `npm start` calls when it stops (and on exit).
 */
export function recordRunningDatabase(dataDir: string, database: DatabaseHandle): () => void {
  const file = runningDatabaseFile(dataDir);
  writeFileSync(file, JSON.stringify({ uri: database.uri, pid: database.pid }), { mode: 0o600 });
  const forget = () => {
    process.off('exit', forget);
    rmSync(file, { force: true });
  };
  process.once('exit', forget);
  return forget;
}

/**
 * The URI of the embedded database `npm start` runs on `dataDir`, if it runs: the file
 * names it, its process exists and it answers ping. A file left by a run that was killed
 * outright names a process that is gone or a port nobody answers on, and is ignored.
 */
export async function findRunningDatabase(dataDir: string): Promise<string | undefined> {
  let named: z.infer<typeof runningDatabase>;
  try {
    named = runningDatabase.parse(JSON.parse(readFileSync(runningDatabaseFile(dataDir), 'utf8')));
  } catch {
    return undefined;
  }
  if (!isProcessAlive(named.pid)) return undefined;
  try {
    await waitForPing(named.uri, 3_000);
    return named.uri;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` on a connection to the database `name`, found the way the audit tools find
 * it: MONGODB_URI; else the embedded database `npm start` runs on DATA_DIR; else one started
 * there for the call and stopped after it. Where it connects goes to stderr.
 */
export async function withToolDatabase<T>(config: ToolsConfig, name: string, work: (connection: Connection) => Promise<T>): Promise<T> {
  const running = config.MONGODB_URI ? undefined : await findRunningDatabase(config.DATA_DIR);
  if (running) console.error(`using the database \`npm start\` runs at ${running}`);
  const database = await resolveDatabase({
    mongodbUri: config.MONGODB_URI ?? running,
    dataDir: config.DATA_DIR,
    cacheDir: config.CACHE_DIR,
    log: (line) => console.error(line),
  });
  try {
    const connection = await connectDatabase(database.uri, name);
    try {
      return await work(connection);
    } finally {
      await connection.close();
    }
  } finally {
    await database.stop();
  }
}
