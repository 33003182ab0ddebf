import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSecantusBinary, isProcessAlive, startEmbeddedDatabase, SYNC_ON_COMMIT, waitForPing } from '@intel-gateway/tools';
import { loadTestConfig } from './config';

/** The launcher's own promises: a clean stop, and clear errors when it cannot start. */
const directories: string[] = [];
const scratch = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `intel-gateway-${name}-`));
  directories.push(dir);
  return dir;
};
afterAll(() => directories.forEach((d) => rmSync(d, { recursive: true, force: true })));

it('starts on a free port, answers ping, and stops its process cleanly', async () => {
  const database = await startEmbeddedDatabase({
    dataDir: scratch('db'),
    cacheDir: loadTestConfig().CACHE_DIR,
    cacheSize: '64M',
    logFileMax: '16MB',
    log: () => undefined,
  });
  await expect(waitForPing(database.uri, 2_000)).resolves.toBeUndefined();
  expect(isProcessAlive(database.pid!)).toBe(true);
  // A write acknowledged as on disk (`j: true`, the audit's) is: the server flushes its log on every commit.
  expect(readFileSync(`/proc/${database.pid}/cmdline`, 'utf8').split('\0')).toContain(SYNC_ON_COMMIT);
  await database.stop();
  expect(isProcessAlive(database.pid!)).toBe(false);
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
