import type { RoundRow } from '../bench/roundComparison';

/**
 * One load of a bench round for the tables' tests: `requests` answered in 10 s, every other
 * figure neutral (p95 2 ms, 100 MiB, 1 ms of CPU per request) unless `more` says otherwise.
 */
export const roundRow = (round: number, requests: number, more: Partial<RoundRow> = {}): RoundRow => ({
  round,
  requests,
  requestsPerSecond: requests / 10,
  p50: 1,
  p95: 2,
  p99: 3,
  errors: 0,
  non2xx: 0,
  mismatches: 0,
  peakRssMiB: 100,
  cpuMsPerRequest: 1,
  ...more,
});
