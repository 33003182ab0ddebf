import type { Dispatcher } from 'undici';

export interface SubgraphReadiness {
  name: string;
  url: string;
  ready: boolean;
  error?: string;
}

/**
 * Asks each subgraph for `{ __typename }` with a short timeout. The gateway is ready only
 * when every subgraph answers; the report names the ones that do not.
 */
export async function checkReadiness(
  subgraphs: ReadonlyMap<string, string>,
  dispatcher: Dispatcher,
  headersFor: (subgraph: string) => Promise<Record<string, string>>,
  timeoutMs = 2_000,
): Promise<SubgraphReadiness[]> {
  return Promise.all(
    [...subgraphs].map(async ([name, url]) => {
      try {
        const target = new URL(url);
        const response = await dispatcher.request({
          origin: target.origin,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await headersFor(name)) },
          body: '{"query":"{ __typename }"}',
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
