import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { PURPOSE_HEADER } from '@intel-gateway/gateway';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { loadToolsConfig } from '../config';
import { resolveDatabase } from '../database/resolveDatabase';
import { createDevIdentity } from '../identity/devKeys';
import { mintAgencyToken } from '../identity/mintAgencyToken';
import { stopChild } from '../process/spawnTied';
import { benchmarkSubgraphs, pointSupergraphAt } from './benchmarkSubgraphs';
import { runLoad, runLoadWatchingRss, startRole } from './benchRoles';
import { runDomainBench } from './domainWorkload';
import { meanWaits, measureWaits, type WaitTotals } from './gatewayWaits';
import { compareOverRounds, describeThroughputAndLatency, measureInTurns, type RoundRow, times } from './roundComparison';

/**
 * `npm run bench [-- --workload federation,domain]`: the domain workload is in
 * `domainWorkload.ts`; this file runs it after the public federation benchmark scenario
 * (tools/bench/federation-benchmark, see its SOURCE.md) through stock @apollo/gateway, Hive
 * Gateway with its Rust planner, and this project's gateway, on the same subgraphs, in one
 * run. Each gateway's answer is checked against the expected response before any load, and
 * every response under load against that answer. In both workloads each point is measured
 * `--rounds` times (3 by default) per gateway, the gateways taking turns (`measureInTurns`).
 * Prints requests/s, latency percentiles, peak RSS and each gateway's ratios to stock. A
 * timing is never a pass/fail result: this script fails only if a gateway answers wrongly.
 */
const SCENARIO = resolve(repositoryRoot, 'tools', 'bench', 'federation-benchmark');

/**
 * The gateways measured, in order: stock @apollo/gateway, Hive Gateway with its Rust query
 * planner (a peer, see hiveGateway.ts; `hive:dedup` as the public benchmark configures it,
 * identical requests in flight executed once), then ours with no field policy,
 * with a policy that allows everything, with a realistic one (see benchmarkPolicies.ts),
 * and with the realistic one plus the disclosure audit, written durably to a database (the
 * embedded one, started for the run, or MONGODB_URI) before each answer leaves. Ours runs its
 * own query-plan executor; `ours-apollo` is ours with @apollo/gateway's (GATEWAY_EXECUTOR=apollo).
 */
const GATEWAYS = [
  'stock',
  'hive',
  'hive:dedup',
  'ours:off',
  'ours:permissive',
  'ours:realistic',
  'ours:realistic+audit',
  'ours-apollo:realistic',
  'ours-apollo:realistic+audit',
] as const;
/** Measured unless `--gateways` says otherwise: all but `hive:dedup`, whose shortcut none of the others takes. */
const DEFAULT_GATEWAYS = GATEWAYS.filter((gateway) => gateway !== 'hive:dedup');
const GATEWAY_LABELS: Record<(typeof GATEWAYS)[number], string> = {
  stock: 'stock @apollo/gateway',
  hive: 'Hive Gateway + router-runtime',
  'hive:dedup': 'Hive Gateway + router-runtime, identical requests in flight executed once',
  'ours:off': 'ours, policy off',
  'ours:permissive': 'ours, permissive policy',
  'ours:realistic': 'ours, realistic policy',
  'ours:realistic+audit': 'ours, realistic policy + audit',
  'ours-apollo:realistic': "ours with @apollo/gateway's executor, realistic policy",
  'ours-apollo:realistic+audit': "ours with @apollo/gateway's executor, realistic policy + audit",
};

/** A gateway started for the federation bench, and how to load it. */
interface RunningGateway {
  gateway: (typeof GATEWAYS)[number];
  child: ChildProcess;
  /** The load generator's arguments for a load of `seconds` at `connections`. */
  loadArgs: (connections: number, seconds: number) => string[];
  /** Where the gateway's `/metrics` would be, beside its `/graphql` (read for ours' audited variants only). */
  metricsUrl: string;
}

interface Row extends RoundRow {
  gateway: (typeof GATEWAYS)[number];
  connections: number;
  /** What an audited gateway's answers waited on during the run, from its own metrics. */
  waits?: WaitTotals;
}

const WORKLOADS = ['federation', 'domain'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string', default: WORKLOADS.join(',') },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50,1' },
      gateways: { type: 'string', default: DEFAULT_GATEWAYS.join(',') },
      size: { type: 'string', default: '1000000' },
      rounds: { type: 'string', default: '3' },
      'cpu-prof': { type: 'string' },
    },
  });
  const workloads = values.workload.split(',');
  for (const workload of workloads)
    if (!(WORKLOADS as readonly string[]).includes(workload))
      throw new Error(`unknown workload "${workload}"; choose from ${WORKLOADS.join(', ')}`);
  const size = Number(values.size);
  if (!Number.isInteger(size) || size < 1) throw new Error(`--size must be a positive whole number, got "${values.size}"`);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive whole number, got "${values.rounds}"`);
  const common = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: values.connections.split(',').map(Number),
  };
  const cpuProfileDir = values['cpu-prof'] === undefined ? undefined : resolve(loadToolsConfig().INIT_CWD, values['cpu-prof']);
  if (workloads.includes('federation')) await runFederationBench({ ...common, rounds, gateways: values.gateways, cpuProfileDir });
  if (workloads.includes('domain')) await runDomainBench({ ...common, size, rounds });
}

/** The public federation benchmark scenario, through stock and each variant of ours. */
async function runFederationBench(values: {
  duration: number;
  warmup: number;
  connections: number[];
  gateways: string;
  /** How many times each point is measured per gateway, the gateways taking turns. */
  rounds: number;
  /** Where each of our gateways writes its CPU profile (`<gateway>.cpuprofile`), if anywhere. */
  cpuProfileDir?: string | undefined;
}): Promise<void> {
  const gateways = values.gateways.split(',') as (typeof GATEWAYS)[number][];
  for (const gateway of gateways)
    if (!GATEWAYS.includes(gateway)) throw new Error(`unknown gateway "${gateway}"; choose from ${GATEWAYS.join(', ')}`);
  if (!gateways.includes('stock')) throw new Error('--gateways must include stock: every figure is a ratio to it');
  if (new Set(gateways).size !== gateways.length) throw new Error(`--gateways names a gateway more than once: ${values.gateways}`);
  const { duration, warmup, connections: connectionCounts, rounds } = values;
  if (!existsSync(join(SCENARIO, 'query.graphql'))) {
    throw new Error(`benchmark scenario not found: expected supergraph.graphql, query.graphql and expected-response.json in ${SCENARIO}`);
  }
  const work = mkdtempSync(join(tmpdir(), 'intel-gateway-bench-'));
  const query = readFileSync(join(SCENARIO, 'query.graphql'), 'utf8');
  const expected = JSON.parse(readFileSync(join(SCENARIO, 'expected-response.json'), 'utf8')) as unknown;
  writeFileSync(join(work, 'body.json'), JSON.stringify({ query }));
  // Every request carries an agency token and a purpose; ours verifies them, stock ignores them.
  const identity = await createDevIdentity(Object.keys(benchmarkSubgraphs));
  writeFileSync(join(work, 'registry.json'), JSON.stringify(identity.registry));
  writeFileSync(join(work, 'gateway-key.json'), JSON.stringify(identity.gateway.privateKey));
  writeFileSync(join(work, 'subgraph-token-keys.json'), JSON.stringify(identity.subgraphTokenKeys), { mode: 0o600 });
  const headers = {
    authorization: `Bearer ${await mintAgencyToken({ identity, agency: 'NCB-FR', roles: ['ANALYST'], ttlSeconds: 3_600 })}`,
    [PURPOSE_HEADER]: 'CRIMINAL_INVESTIGATION',
  };
  writeFileSync(join(work, 'headers.json'), JSON.stringify(headers));

  // The audited variant writes its trail to a real database of its own for the run.
  const auditDatabase = gateways.some((g) => g.endsWith('+audit'))
    ? await resolveDatabase({
        mongodbUri: loadToolsConfig().MONGODB_URI,
        dataDir: join(work, 'audit-db'),
        cacheDir: loadToolsConfig().CACHE_DIR,
        log: (line) => console.error(line),
      })
    : undefined;
  const subgraphs = await startRole('subgraphs', []);
  const supergraphPath = join(work, 'supergraph.graphql');
  writeFileSync(supergraphPath, pointSupergraphAt(readFileSync(join(SCENARIO, 'supergraph.graphql'), 'utf8'), subgraphs.report));
  const rows: Row[] = [];
  const running: RunningGateway[] = [];
  try {
    // Every gateway is started, checked and warmed up first; then each point is measured in
    // rounds, the gateways taking turns (measureInTurns; see turnOrder for how far that evens
    // out a drift in the machine's speed).
    for (const gateway of gateways) {
      const [role, variant] = gateway.split(':') as [string, string | undefined];
      const [policy, audited] = (variant ?? '').split('+');
      const ourArgs = [
        supergraphPath,
        join(work, 'registry.json'),
        join(work, 'gateway-key.json'),
        join(work, 'subgraph-token-keys.json'),
        policy!,
        ...(audited ? [auditDatabase!.uri] : []),
      ];
      const started = await startRole(
        role,
        role.startsWith('ours') ? ourArgs : role === 'hive' ? [supergraphPath, variant ?? 'each'] : [supergraphPath],
        values.cpuProfileDir === undefined ? undefined : { dir: values.cpuProfileDir, name: `${gateway}.cpuprofile` },
      );
      const url = started.report.url!;
      const loadArgs = (connections: number, seconds: number) => [
        url,
        String(connections),
        String(seconds),
        join(work, 'body.json'),
        join(work, `${gateway}-answer.json`),
        join(work, 'headers.json'),
      ];
      running.push({ gateway, child: started.child, loadArgs, metricsUrl: url.replace(/\/graphql$/, '/metrics') });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      const answer = await response.text();
      if (!isDeepStrictEqual(JSON.parse(answer), expected)) {
        throw new Error(`${gateway} gateway's response differs from the expected response:\n${answer.slice(0, 2_000)}`);
      }
      writeFileSync(join(work, `${gateway}-answer.json`), answer);
      console.error(`${gateway}: response matches the expected one; warming up ${warmup} s`);
      await runLoad(loadArgs(50, warmup));
    }
    for (const connections of connectionCounts) {
      const measured = await measureInTurns(running, rounds, {
        warm: ({ loadArgs }, seconds) => runLoad(loadArgs(connections, seconds)),
        measure: async ({ gateway, child, loadArgs, metricsUrl }, round) => {
          console.error(`${gateway}: ${connections} connection(s) for ${duration} s (round ${round})`);
          const run = () => runLoadWatchingRss(child.pid!, loadArgs(connections, duration));
          if (!gateway.endsWith('+audit')) return { gateway, connections, round, ...(await run()) };
          // How long its answers waited for their audit records, from its own metrics (beside /graphql).
          const { result, waits } = await measureWaits(metricsUrl, run);
          return { gateway, connections, round, ...result, waits };
        },
      });
      rows.push(...measured);
    }
  } finally {
    for (const { child } of running) await stopChild(child);
    await stopChild(subgraphs.child);
    await auditDatabase?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  printTable(rows, gateways, connectionCounts, duration, rounds);
}

/**
 * Prints every load (markdown) and each gateway's ratios to stock per point: over all rounds
 * (requests summed) and round by round (`compareOverRounds`).
 */
function printTable(rows: Row[], gateways: readonly Row['gateway'][], connectionCounts: number[], duration: number, rounds: number): void {
  const fixed = (n: number, digits = 1) => n.toFixed(digits);
  console.log(
    `\nFederation benchmark scenario, ${duration} s per run, ${rounds} round(s) per point, the gateways taking turns, load from a separate process (autocannon)\n`,
  );
  console.log(
    '| gateway | connections | round | requests/s | p50 ms | p95 ms | p99 ms | peak RSS MiB | gateway CPU ms/request | errors | non-2xx | wrong bodies |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${GATEWAY_LABELS[r.gateway]} | ${r.connections} | ${r.round} | ${fixed(r.requestsPerSecond)} | ${fixed(r.p50, 2)} | ${fixed(r.p95, 2)} | ${fixed(r.p99, 2)} | ${fixed(r.peakRssMiB, 0)} | ${fixed(r.cpuMsPerRequest, 2)} | ${r.errors} | ${r.non2xx} | ${r.mismatches} |`,
    );
  }
  console.log('');
  for (const connections of connectionCounts) {
    const at = (gateway: Row['gateway']) => rows.filter((r) => r.gateway === gateway && r.connections === connections);
    const stock = at('stock');
    for (const gateway of gateways.filter((g) => g !== 'stock')) {
      const ratio = compareOverRounds(at(gateway), stock, `${gateway} at ${connections} connection(s)`);
      console.log(
        `ratio (${GATEWAY_LABELS[gateway]})/stock at ${connections} connection(s): ${describeThroughputAndLatency(ratio)}, peak RSS ${times(ratio.peakRss)}, gateway CPU per request ${times(ratio.cpuPerRequest((r) => r.cpuMsPerRequest))}`,
      );
      const waits = at(gateway).flatMap((r) => (r.waits ? [r.waits] : []));
      if (waits.length > 0)
        console.log(
          `  its answers waited ${fixed(meanWaits(waits).auditWriteMs, 2)} ms for their audit records, over all rounds (by round: ${waits.map((w) => fixed(meanWaits([w]).auditWriteMs, 2)).join(', ')})`,
        );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
