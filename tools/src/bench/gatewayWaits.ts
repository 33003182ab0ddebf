import { parseExposition, sumOfSeries } from '../metrics/parseExposition';

/**
 * What ours' answers to `/graphql` waited on over a span of time, read from the gateway's
 * own `/metrics` (gateway/src/metrics/gatewayMetrics.ts): how many answers, the time of
 * their subgraph fetches (summed over an answer's fetches, which may overlap), and the
 * time they waited for their audit records.
 */
export interface WaitTotals {
  answers: number;
  fetchSeconds: number;
  auditWrites: number;
  auditSeconds: number;
}

/** The totals since the gateway started. */
export async function readWaitTotals(metricsUrl: string): Promise<WaitTotals> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  const samples = parseExposition(await response.text());
  return {
    answers: sumOfSeries(samples, 'intel_gateway_http_request_duration_seconds_count', { route: '/graphql' }),
    fetchSeconds: sumOfSeries(samples, 'intel_gateway_subgraph_fetch_duration_seconds_sum'),
    auditWrites: sumOfSeries(samples, 'intel_gateway_audit_write_duration_seconds_count'),
    auditSeconds: sumOfSeries(samples, 'intel_gateway_audit_write_duration_seconds_sum'),
  };
}

/** Runs `load` and gives what the answers made meanwhile waited on (the difference of two readings). */
export async function measureWaits<T>(metricsUrl: string, load: () => Promise<T>): Promise<{ result: T; waits: WaitTotals }> {
  const before = await readWaitTotals(metricsUrl);
  const result = await load();
  const after = await readWaitTotals(metricsUrl);
  return {
    result,
    waits: {
      answers: after.answers - before.answers,
      fetchSeconds: after.fetchSeconds - before.fetchSeconds,
      auditWrites: after.auditWrites - before.auditWrites,
      auditSeconds: after.auditSeconds - before.auditSeconds,
    },
  };
}

/**
 * Mean milliseconds over these spans taken together: subgraph fetch time per answer, and
 * the wait per audit record (NaN where there was none).
 */
export function meanWaits(spans: readonly WaitTotals[]): { subgraphFetchMs: number; auditWriteMs: number } {
  const total = (key: keyof WaitTotals) => spans.reduce((sum, span) => sum + span[key], 0);
  return {
    subgraphFetchMs: (1000 * total('fetchSeconds')) / total('answers'),
    auditWriteMs: (1000 * total('auditSeconds')) / total('auditWrites'),
  };
}
