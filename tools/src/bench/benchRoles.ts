import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GATEWAY_NODE_FLAGS } from '@intel-gateway/gateway';
import { spawnTied } from '../process/spawnTied';
import type { LoadResult } from './loadResult';
import { roleEnvironment } from './roleEnvironment';

/** How `npm run bench` drives its separate processes (see `benchProcess.ts` for the roles). */

const PROCESS_SCRIPT = join(__dirname, 'benchProcess.js');

/**
 * Starts a long-lived role (subgraphs, a gateway) and resolves with the JSON line it reports
 * when ready. Our gateway runs with its deployment's Node flags; stock with Node's defaults.
 * With `cpuProfile`, our gateway also runs under `--cpu-prof` and writes its CPU profile
 * there when it is stopped.
 */
export function startRole(
  role: string,
  args: string[],
  cpuProfile?: { dir: string; name: string },
): Promise<{ child: ChildProcess; report: Record<string, string> }> {
  // `ours-apollo` is ours with @apollo/gateway's query-plan executor instead of its own.
  const processRole = role === 'ours-apollo' ? 'ours' : role;
  const profileFlags = cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfile.dir}`, `--cpu-prof-name=${cpuProfile.name}`] : [];
  const nodeFlags = processRole === 'ours' ? [...GATEWAY_NODE_FLAGS, ...profileFlags] : [];
  const child = spawnTied(process.execPath, [...nodeFlags, PROCESS_SCRIPT, processRole, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: roleEnvironment(role),
  });
  return new Promise((resolveReport, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolveReport({ child, report: JSON.parse(line) as Record<string, string> }),
    );
    child.once('exit', (code) => reject(new Error(`bench process "${role}" exited with ${code}`)));
  });
}

/** Runs the load generator in its own process: `<url> <connections> <seconds> <body-file> <expected-file or -> <headers-file>`. */
export function runLoad(args: string[]): Promise<LoadResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(process.execPath, [PROCESS_SCRIPT, 'load', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolveResult(JSON.parse(output) as LoadResult) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * CPU time a process has used so far, all its threads (its own and the garbage collector's),
 * in milliseconds, from /proc (Linux; USER_HZ is 100 ticks a second there).
 */
export function cpuMs(pid: number): number {
  // The fields after the command name (which may hold spaces and parentheses, so after its last `)`), from the state on: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Runs a load and samples the gateway's RSS four times a second meanwhile; also gives the
 * gateway's CPU time per answered request over the load, which a busy machine disturbs less
 * than requests per second (another process's work takes the cores, not this process's time),
 * and the same for each group of `others` (processes the gateway's requests make work, such
 * as the subgraphs and the database), so what a request costs beyond the gateway shows too.
 */
export async function runLoadWatchingRss(
  gatewayPid: number,
  args: string[],
  others: Readonly<Record<string, readonly number[]>> = {},
): Promise<LoadResult & { peakRssMiB: number; cpuMsPerRequest: number; othersCpuMsPerRequest: Record<string, number> }> {
  let peakRssMiB = rssMiB(gatewayPid);
  const sampler = setInterval(() => (peakRssMiB = Math.max(peakRssMiB, rssMiB(gatewayPid))), 250);
  const groups = Object.entries(others);
  const groupCpuMs = () => groups.map(([, pids]) => pids.reduce((total, pid) => total + cpuMs(pid), 0));
  const cpuBefore = cpuMs(gatewayPid);
  const othersBefore = groupCpuMs();
  try {
    const result = await runLoad(args);
    const othersAfter = groupCpuMs();
    const othersCpuMsPerRequest = Object.fromEntries(
      groups.map(([group], i) => [group, (othersAfter[i]! - othersBefore[i]!) / result.requests]),
    );
    return { ...result, peakRssMiB, cpuMsPerRequest: (cpuMs(gatewayPid) - cpuBefore) / result.requests, othersCpuMsPerRequest };
  } finally {
    clearInterval(sampler);
  }
}
