import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { connectDatabase } from '@intel-gateway/shared/database';
import {
  ensureSecantusBinary,
  isProcessAlive,
  SECANTUS_EXECUTABLE,
  startEmbeddedDatabase,
  SYNC_ON_COMMIT,
  waitForPing,
} from '@intel-gateway/tools';
import { loadTestConfig } from './config';

/** The launcher's own promises: a clean stop, and clear errors when it cannot start. */
const directories: string[] = [];
const scratch = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `intel-gateway-${name}-`));
  directories.push(dir);
  return dir;
};
afterAll(() => directories.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A server on a scratch directory, with a small cache and log. */
const startSmallServer = () =>
  startEmbeddedDatabase({
    dataDir: scratch('db'),
    cacheDir: loadTestConfig().CACHE_DIR,
    cacheSize: '64M',
    logFileMax: '16MB',
    log: () => undefined,
  });

it('starts on a free port, answers ping, and stops its process cleanly', async () => {
  const database = await startSmallServer();
  await expect(waitForPing(database.uri, 2_000)).resolves.toBeUndefined();
  expect(isProcessAlive(database.pid!)).toBe(true);
  await database.stop();
  expect(isProcessAlive(database.pid!)).toBe(false);
});

it('starts the server with its log flushed on every commit, so that a write acknowledged as on disk (`j: true`, the audit’s) is', async () => {
  const database = await startSmallServer();
  try {
    // The process the launcher reports is the server itself (the pid the server reports).
    const connection = await connectDatabase(database.uri, 'admin');
    try {
      const status = (await connection.db!.admin().serverStatus()) as { pid?: number };
      expect(Number(status.pid)).toBe(database.pid);
    } finally {
      await connection.close();
    }
    const commandLine = readFileSync(`/proc/${database.pid}/cmdline`, 'utf8').split('\0');
    expect(basename(commandLine[0]!)).toBe(SECANTUS_EXECUTABLE);
    expect(commandLine).toContain(SYNC_ON_COMMIT);
  } finally {
    await database.stop();
  }
});

it('says so clearly when the data directory is already in use', async () => {
  const dataDir = scratch('db-shared');
  const options = { dataDir, cacheDir: loadTestConfig().CACHE_DIR, cacheSize: '64M', logFileMax: '16MB', log: () => undefined };
  const first = await startEmbeddedDatabase(options);
  try {
    await expect(startEmbeddedDatabase(options)).rejects.toThrow(`the data directory ${dataDir} is in use by another database process`);
  } finally {
    await first.stop();
  }
});

it('names what to install when the binary is missing and cargo is not available', async () => {
  const missingCargo = join(scratch('no-toolchain'), 'cargo');
  await expect(ensureSecantusBinary(scratch('empty-cache'), () => undefined, missingCargo)).rejects.toThrow(
    /cargo is not installed[\s\S]*MONGODB_URI/,
  );
});
