import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import mongoose from 'mongoose';
import { driverOptions } from '@intel-gateway/shared/database';
import { spawnTied, stopChild } from '../process/spawnTied';
import { DatabaseUnavailableError, ensureSecantusBinary } from './secantusBinary';

/** A database the services can connect to, and how to let it go. */
export interface DatabaseHandle {
  /** Connection string without a database name; each service appends its own. */
  uri: string;
  kind: 'external' | 'embedded';
  /** Process id of the embedded server. */
  pid?: number;
  /** Stops the embedded server (no-op for an external database). */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** WiredTiger home; created if missing and reopened intact on the next start. */
  dataDir: string;
  /** Where the built binary is cached (outside the clone). */
  cacheDir: string;
  /** WiredTiger cache; the server's own default of 4G is too much for tests. */
  cacheSize?: string;
  /** Size of each write-ahead log file; a fresh store allocates one in full. */
  logFileMax?: string;
  log: (line: string) => void;
}

export interface ResolveDatabaseOptions extends EmbeddedDatabaseOptions {
  /** Use this MongoDB deployment instead of the embedded server. */
  mongodbUri?: string;
}

const LISTENING = /listening on ([0-9.]+):(\d+)/;

/** Resolves when the server answers `ping`, retrying while it starts up. */
export async function waitForPing(uri: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1_000, ...driverOptions });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`database at ${uri} did not answer ping within ${timeoutMs} ms: ${String(lastError)}`);
}

function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`embedded database did not report its port within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) done(Number(match[2]));
    };
    const onExit = (code: number | null) => fail(new Error(`embedded database exited (code ${code}) before it was ready:\n${output}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    }
    function done(port: number) {
      cleanup();
      resolve(port);
    }
    function fail(error: Error) {
      cleanup();
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * The server flag that makes a write acknowledged with `j: true` (the audit's `DURABLE_WRITE`)
 * be on disk, as on MongoDB: without it the server flushes its write-ahead log on its own
 * schedule, and an acknowledged audit record could be lost to a power cut. What it costs is
 * in docs/development.md.
 */
export const SYNC_ON_COMMIT = '--sync-on-commit';

/**
 * Starts SecantusDB's `secantusd-rs` on a free loopback port with its own data directory
 * (durable writes on disk when acknowledged: SYNC_ON_COMMIT), waits until it answers
 * `ping`, and returns a handle that stops it cleanly (SIGTERM, then SIGKILL after a grace
 * period). The server is tied to this process: if this process dies, the server is stopped
 * too.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<DatabaseHandle> {
  const binary = await ensureSecantusBinary(options.cacheDir, options.log);
  mkdirSync(options.dataDir, { recursive: true });
  const args = ['--host', '127.0.0.1', '--port', '0', '--storage-path', options.dataDir, '--log-level', 'WARNING', SYNC_ON_COMMIT];
  if (options.cacheSize) args.push('--cache-size', options.cacheSize);
  if (options.logFileMax) args.push('--log-file-max', options.logFileMax);
  // cwd is the data directory, so the server's config auto-discovery finds nothing of ours.
  const child = spawnTied(binary, args, { cwd: options.dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };
  try {
    const port = await waitForPort(child, 30_000);
    const uri = `mongodb://127.0.0.1:${port}`;
    await waitForPing(uri);
    // Keep draining output so the server never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => options.log(chunk.toString().trimEnd()));
    return { uri, kind: 'embedded', pid: child.pid, stop };
  } catch (error) {
    await stop();
    if (error instanceof Error && error.message.includes('already being managed by another process')) {
      throw new DatabaseUnavailableError(
        `the data directory ${options.dataDir} is in use by another database process (is \`npm start\` running?). ` +
          'Stop it first, or use another DATA_DIR.',
      );
    }
    throw error;
  }
}

/**
 * Finds the database for this run, in this order (docs/development.md): `MONGODB_URI` if set;
 * otherwise the embedded SecantusDB, built once and cached; otherwise a clear error
 * saying what to install.
 */
export async function resolveDatabase(options: ResolveDatabaseOptions): Promise<DatabaseHandle> {
  if (options.mongodbUri) {
    await waitForPing(options.mongodbUri, 10_000);
    return { uri: options.mongodbUri, kind: 'external', stop: async () => undefined };
  }
  return startEmbeddedDatabase(options);
}
