import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type DatabaseHandle, waitForPing } from './database/resolveDatabase';
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
