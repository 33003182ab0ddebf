import { meanWaits, type WaitTotals } from './gatewayWaits';
import { compareOverRounds, describeThroughputAndLatency, type RoundComparison, type RoundRow, times } from './roundComparison';

/** One load run of the domain workload. */
export interface DomainRow extends RoundRow {
  gateway: 'stock' | 'ours';
  workload: 'mixed' | 'document checks';
  connections: number;
  /** The CPU time per answered request (ms) of the subgraph processes (`subgraphs`) and of the database (`database`, absent when it is external). */
  othersCpuMsPerRequest: Record<string, number>;
  /** What ours' answers waited on during the run, from its own metrics (stock has none). */
  waits?: WaitTotals;
}

/** The database round trips of one operation. */
export interface RoundTrips {
  gateway: 'stock' | 'ours';
  first: number;
  records: number;
  roundTrips: number;
}

/** Ours against stock at one point of the domain workload (ours / stock throughout; see RoundComparison). */
export type DomainRatio = Omit<RoundComparison<DomainRow>, 'cpuPerRequest'> & {
  workload: DomainRow['workload'];
  connections: number;
  /** CPU time per request over all rounds, by process group; NaN where a group was not measured for both. */
  cpu: { gateway: number; subgraphs: number; database: number };
};

/**
 * The ratios of ours to stock at each point measured, in the order the points first appear.
 * Every round must have been measured for both gateways.
 */
export function domainRatios(rows: readonly DomainRow[]): DomainRatio[] {
  const points = [...new Map(rows.map((r) => [`${r.workload}@${r.connections}`, r])).values()];
  return points.map(({ workload, connections }) => {
    const of = (gateway: DomainRow['gateway']) =>
      rows.filter((r) => r.gateway === gateway && r.workload === workload && r.connections === connections);
    const { cpuPerRequest, ...ratios } = compareOverRounds(of('ours'), of('stock'), `domain bench: ${workload} at ${connections}`);
    return {
      workload,
      connections,
      ...ratios,
      cpu: {
        gateway: cpuPerRequest((r) => r.cpuMsPerRequest),
        subgraphs: cpuPerRequest((r) => r.othersCpuMsPerRequest['subgraphs']),
        database: cpuPerRequest((r) => r.othersCpuMsPerRequest['database']),
      },
    };
  });
}

/**
 * Prints the domain workload's tables (markdown) and the ratios of ours to stock
 * (`domainRatios`): for each point, over all rounds and round by round.
 */
export function printDomainTables(
  options: { size: number; duration: number; rounds: number },
  rows: DomainRow[],
  trips: RoundTrips[],
): void {
  const fixed = (n: number | undefined, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));
  const label = (gateway: 'stock' | 'ours') => (gateway === 'stock' ? 'stock @apollo/gateway, no policy' : 'ours, policy + audit');
  console.log(
    `\nDomain workload on ${options.size} SLTD records, ${options.duration} s per run, ${options.rounds} round(s) per point, the gateways taking turns (mixed: document checks and person searches, 4 to 1)\n`,
  );
  console.log(
    '| gateway | workload | connections | round | requests/s | p50 ms | p95 ms | p99 ms | CPU ms/request: gateway | subgraphs | database | peak RSS MiB | errors | non-2xx | answers with errors | wait per answer, ms: subgraph fetches | audit record |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const waits = r.waits ? meanWaits([r.waits]) : undefined;
    console.log(
      `| ${label(r.gateway)} | ${r.workload} | ${r.connections} | ${r.round} | ${fixed(r.requestsPerSecond)} | ${fixed(r.p50, 2)} | ${fixed(r.p95, 2)} | ${fixed(r.p99, 2)} | ${fixed(r.cpuMsPerRequest, 2)} | ${fixed(r.othersCpuMsPerRequest['subgraphs'], 2)} | ${fixed(r.othersCpuMsPerRequest['database'], 2)} | ${fixed(r.peakRssMiB, 0)} | ${r.errors} | ${r.non2xx} | ${r.mismatches} | ${fixed(waits?.subgraphFetchMs, 2)} | ${fixed(waits?.auditWriteMs, 2)} |`,
    );
  }
  console.log('');
  for (const ratio of domainRatios(rows)) {
    console.log(
      `ratio ours/stock, ${ratio.workload} at ${ratio.connections} connection(s): ${describeThroughputAndLatency(ratio)}, CPU per request: gateway ${times(ratio.cpu.gateway)}, subgraphs ${times(ratio.cpu.subgraphs)}, database ${times(ratio.cpu.database)}, peak RSS ${times(ratio.peakRss)}`,
    );
    const measured = rows.flatMap((r) =>
      r.gateway === 'ours' && r.workload === ratio.workload && r.connections === ratio.connections && r.waits ? [r.waits] : [],
    );
    if (measured.length > 0) {
      const waits = meanWaits(measured);
      console.log(
        `  ours' answers waited, over all rounds: ${fixed(waits.subgraphFetchMs, 2)} ms on subgraph fetches and ${fixed(waits.auditWriteMs, 2)} ms on the audit record, per answer`,
      );
    }
  }
  console.log(
    '\nDatabase round trips per operation (subgraphs to database, counted on the wire): notices(first: N) joined with Europol entries and national persons\n',
  );
  console.log('| gateway | N | records in the answer | round trips |');
  console.log('|---|---:|---:|---:|');
  for (const t of trips) console.log(`| ${label(t.gateway)} | ${t.first} | ${t.records} | ${t.roundTrips} |`);
}

/** Stops the bench when any run had failed requests: its figures would measure refusals, not the work. */
export function refuseFailedRuns(rows: DomainRow[]): void {
  const failed = rows.filter((r) => r.errors + r.non2xx + r.mismatches > 0);
  if (failed.length > 0)
    throw new Error(
      `domain bench: ${failed.map((r) => `${r.gateway} ${r.workload} at ${r.connections} (round ${r.round})`).join(', ')} had failed requests; these figures are no measurement`,
    );
}
