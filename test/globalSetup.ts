import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type DatabaseHandle, resolveDatabase } from '@intel-gateway/tools';
import { loadTestConfig, shareTestDatabaseUri } from './config';

declare global {
  var testDatabase: (DatabaseHandle & { dataDir: string }) | undefined;
}

/**
 * One database server for the whole run, on a free port in a fresh temporary directory
 * (each test file then uses its own database names). Builds the embedded server first if
 * this machine has never built it.
 */
export default async function globalSetup(): Promise<void> {
  const config = loadTestConfig();
  const dataDir = mkdtempSync(join(config.TMPDIR, 'intel-gateway-test-db-'));
  const database = await resolveDatabase({
    mongodbUri: config.MONGODB_URI,
    dataDir,
    cacheDir: config.CACHE_DIR,
    cacheSize: '256M',
    logFileMax: '32MB',
    log: (line) => process.stderr.write(`[test database] ${line}\n`),
  });
  globalThis.testDatabase = { ...database, dataDir };
  shareTestDatabaseUri(database.uri);
}
