import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../process/isProcessAlive';

/** The pinned embedded database release (docs/development.md). */
export const SECANTUS_CRATE = 'secantus-mdb';
export const SECANTUS_VERSION = '0.5.3-beta.196';
export const SECANTUS_EXECUTABLE = 'secantusd-rs';

/** Where built binaries are cached by default: outside any clone, shared by all of them. */
export function defaultCacheDir(): string {
  return join(homedir(), '.cache', 'intel-gateway');
}

/** Path the binary has once built into `cacheDir`. */
export function secantusBinaryPath(cacheDir: string): string {
  return join(cacheDir, 'secantus', SECANTUS_VERSION, 'bin', SECANTUS_EXECUTABLE);
}

export class DatabaseUnavailableError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runCargoInstall(cargo: string, root: string, log: (line: string) => void): Promise<void> {
  const args = ['install', SECANTUS_CRATE, '--version', `=${SECANTUS_VERSION}`, '--locked', '--ignore-rust-version', '--root', root];
  log(`building the embedded database once: cargo ${args.join(' ')} (about 10 minutes on 2 cores)`);
  return new Promise((resolve, reject) => {
    const child = spawn(cargo, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new DatabaseUnavailableError(
              "No database available: MONGODB_URI is not set and Rust's cargo is not installed to build the embedded " +
                'SecantusDB server. Install Rust (https://rustup.rs), or set MONGODB_URI to a MongoDB 7+ replica set.',
            )
          : error,
      );
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new DatabaseUnavailableError(`cargo install ${SECANTUS_CRATE} failed with exit code ${code}`)),
    );
  });
}

/**
 * Returns the path of the cached `secantusd-rs`, building it first if it is missing.
 * A lock directory keeps two first runs (say `npm start` and `npm test`) from building at
 * once: the second waits for the first. The build goes to a temporary root and is moved
 * into place whole, so a half-built binary is never found. `cargo` is the command that
 * builds it, found on the PATH unless given.
 */
export async function ensureSecantusBinary(cacheDir: string, log: (line: string) => void, cargo = 'cargo'): Promise<string> {
  const binary = secantusBinaryPath(cacheDir);
  if (existsSync(binary)) return binary;

  const secantusDir = join(cacheDir, 'secantus');
  mkdirSync(secantusDir, { recursive: true });
  const lockDir = join(secantusDir, `${SECANTUS_VERSION}.lock`);
  const ownerFile = join(lockDir, 'pid');
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(existsSync(ownerFile) ? readFileSync(ownerFile, 'utf8') : NaN);
      if (Number.isInteger(owner) && !isProcessAlive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      log(`waiting for another process (pid ${owner}) that is building the embedded database`);
      while (existsSync(lockDir) && !existsSync(binary)) await sleep(2_000);
      if (existsSync(binary)) return binary;
    }
  }
  try {
    if (existsSync(binary)) return binary;
    const staging = join(secantusDir, `${SECANTUS_VERSION}.staging-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    await runCargoInstall(cargo, staging, log);
    rmSync(join(secantusDir, SECANTUS_VERSION), { recursive: true, force: true });
    renameSync(staging, join(secantusDir, SECANTUS_VERSION));
    return binary;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
