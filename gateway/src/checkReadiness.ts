import type { Dispatcher } from 'undici';
import { sendSubgraphRequest, SubgraphCallFailure } from './sendSubgraphRequest';

export interface SubgraphReadiness {
  name: string;
  url: string;
  ready: boolean;
  error?: string;
}

/** Default shortest time between two readiness probes of the subgraphs (READINESS_INTERVAL_MS). */
export const DEFAULT_READINESS_INTERVAL_MS = 2_000;

const PROBE_BODY = Buffer.from('{"query":"{ __typename }"}');

/** Bounds on one probe call: its answer, `{"data":{"__typename":"Query"}}`, is a few dozen bytes. */
export const READINESS_PROBE_LIMITS = { timeoutMs: 2_000, maxResponseBytes: 4_096 };

/**
 * Asks each subgraph for `{ __typename }`, bounded as a data fetch is (sendSubgraphRequest):
 * a total deadline and a small largest answer, so a subgraph that answers slowly or
 * without end is reported not ready within the deadline, and costs the gateway a few KB at
 * most (anyone may start a probe through `/readyz`). The gateway is ready only when every
 * subgraph answers; the report names the ones that do not.
 */
export async function checkReadiness(
  subgraphs: ReadonlyMap<string, string>,
  dispatcher: Dispatcher,
  headersFor: (subgraph: string, request: { method: string; path: string; body: Buffer }) => Record<string, string>,
  limits: { timeoutMs: number; maxResponseBytes: number } = READINESS_PROBE_LIMITS,
): Promise<SubgraphReadiness[]> {
  return Promise.all(
    [...subgraphs].map(async ([name, url]) => {
      try {
        const target = new URL(url);
        const request = { method: 'POST', path: target.pathname + target.search, body: PROBE_BODY };
        const reply = await sendSubgraphRequest(dispatcher, {
          origin: target.origin,
          path: request.path,
          headers: { 'content-type': 'application/json', ...headersFor(name, request) },
          body: PROBE_BODY,
          ...limits,
        });
        const body = JSON.parse(reply.text) as { data?: { __typename?: string } } | null;
        const ready = reply.statusCode === 200 && body?.data?.__typename === 'Query';
        return { name, url, ready, ...(ready ? {} : { error: `HTTP ${reply.statusCode}` }) };
      } catch (error) {
        // For the log: why the call failed, and what caused it.
        const cause = error instanceof SubgraphCallFailure ? error.cause : error;
        const detail = cause instanceof Error ? cause.message : String(cause);
        return { name, url, ready: false, error: error instanceof SubgraphCallFailure ? `${error.reason}: ${detail}` : detail };
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
