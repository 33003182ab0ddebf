import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

/**
 * Spawns a child that the kernel stops if this process dies, even by SIGKILL, so a crashed
 * launcher never leaves a database or a subgraph running. Uses util-linux `setpriv
 * --pdeathsig` where present; elsewhere the child is an ordinary one and is stopped by the
 * caller's exit handlers.
 */
export function spawnTied(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  if (process.platform === 'linux' && existsSync(SETPRIV)) {
    return spawn(SETPRIV, ['--pdeathsig', 'TERM', '--', command, ...args], options);
  }
  return spawn(command, args, options);
}

/**
 * Sends SIGTERM, waits up to `graceMs` for the child to exit, then SIGKILLs it.
 * Resolves once the child is gone.
 */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
