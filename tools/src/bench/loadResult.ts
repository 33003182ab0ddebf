/**
 * What the load generator (`benchProcess.ts`, role `load`) reports for one load. A module of
 * its own, so the tables can use it without loading the bench process's dependencies.
 */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Latency percentiles, ms. */
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Responses whose body was not the one expected (or, for a workload of many bodies, that carried errors). */
  mismatches: number;
}
