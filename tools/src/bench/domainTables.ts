import type { LoadResult } from './benchProcess';

/** One load run of the domain workload. */
export interface DomainRow extends LoadResult {
  gateway: 'stock' | 'ours';
  workload: 'mixed' | 'document checks';
  connections: number;
  peakRssMiB: number;
}

/** The database round trips of one operation. */
export interface RoundTrips {
  gateway: 'stock' | 'ours';
  first: number;
  records: number;
  roundTrips: number;
}

/** Prints the domain workload's tables (markdown) and the ratios of ours to stock. */
export function printDomainTables(options: { size: number; duration: number }, rows: DomainRow[], trips: RoundTrips[]): void {
  const fixed = (n: number, digits = 1) => n.toFixed(digits);
  const label = (gateway: 'stock' | 'ours') => (gateway === 'stock' ? 'stock @apollo/gateway, no policy' : 'ours, policy + audit');
  console.log(
    `\nDomain workload on ${options.size} SLTD records, ${options.duration} s per run (mixed: document checks and person searches, 4 to 1)\n`,
  );
  console.log(
    '| gateway | workload | connections | requests/s | p50 ms | p95 ms | p99 ms | peak RSS MiB | errors | non-2xx | answers with errors |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${label(r.gateway)} | ${r.workload} | ${r.connections} | ${fixed(r.requestsPerSecond)} | ${fixed(r.p50, 2)} | ${fixed(r.p95, 2)} | ${fixed(r.p99, 2)} | ${fixed(r.peakRssMiB, 0)} | ${r.errors} | ${r.non2xx} | ${r.mismatches} |`,
    );
  }
  console.log('');
  for (const ours of rows.filter((r) => r.gateway === 'ours')) {
    const stock = rows.find((r) => r.gateway === 'stock' && r.workload === ours.workload && r.connections === ours.connections)!;
    console.log(
      `ratio ours/stock, ${ours.workload} at ${ours.connections} connection(s): requests/s ${fixed(ours.requestsPerSecond / stock.requestsPerSecond, 2)}x, p95 ${fixed(ours.p95 / stock.p95, 2)}x, peak RSS ${fixed(ours.peakRssMiB / stock.peakRssMiB, 2)}x`,
    );
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
      `domain bench: ${failed.map((r) => `${r.gateway} ${r.workload} at ${r.connections}`).join(', ')} had failed requests; these figures are no measurement`,
    );
}
