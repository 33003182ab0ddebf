import type { Dispatcher } from 'undici';

export interface SubgraphReadiness {
  name: string;
  url: string;
  ready: boolean;
  error?: string;
}

/** Default shortest time between two readiness probes of the subgraphs (READINESS_INTERVAL_MS). */
export const DEFAULT_READINESS_INTERVAL_MS = 2_000;

const PROBE_BODY = Buffer.from('{"query":"{ __typename }"}');

/**
 * Asks each subgraph for `{ __typename }` with a short timeout. The gateway is ready only
 * when every subgraph answers; the report names the ones that do not.
 */
export async function checkReadiness(
  subgraphs: ReadonlyMap<string, string>,
  dispatcher: Dispatcher,
  headersFor: (subgraph: string, request: { method: string; path: string; body: Buffer }) => Record<string, string>,
  timeoutMs = 2_000,
): Promise<SubgraphReadiness[]> {
  return Promise.all(
    [...subgraphs].map(async ([name, url]) => {
      try {
        const target = new URL(url);
        const request = { method: 'POST', path: target.pathname + target.search, body: PROBE_BODY };
        const response = await dispatcher.request({
          origin: target.origin,
          ...request,
          headers: { 'content-type': 'application/json', ...headersFor(name, request) },
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const body = (await response.body.json()) as { data?: { __typename?: string } };
        const ready = response.statusCode === 200 && body.data?.__typename === 'Query';
        return { name, url, ready, ...(ready ? {} : { error: `HTTP ${response.statusCode}` }) };
      } catch (error) {
        return { name, url, ready: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/**
 * The readiness report `/readyz` answers with, probed at most once per `intervalMs`
 * however many callers ask: callers during a probe share it, and callers after it get its
 * report until the interval has passed. So `/readyz`, which anyone may call, never turns
 * into a stream of subgraph calls.
 */
export function createReadinessProbe(
  probe: () => Promise<SubgraphReadiness[]>,
  intervalMs: number,
  now: () => number = performance.now.bind(performance),
): () => Promise<SubgraphReadiness[]> {
  let last: { at: number; report: Promise<SubgraphReadiness[]> } | undefined;
  return () => {
    const at = now();
    if (!last || at - last.at >= intervalMs) last = { at, report: probe() };
    return last.report;
  };
}
