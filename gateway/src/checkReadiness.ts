import type { Dispatcher } from 'undici';

export interface SubgraphReadiness {
  name: string;
  url: string;
  ready: boolean;
  error?: string;
}

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
