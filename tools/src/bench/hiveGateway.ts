import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { close, listen } from '@intel-gateway/shared/http';

/**
 * Hive Gateway's runtime with the Rust query planner (`@graphql-hive/router-runtime`), the
 * peer of `npm run bench` (and a column of `npm run conformance`), in one process (the public
 * audit runs its CLI with `--fork 1`), on Node's defaults like stock.
 *
 * `deduplicate` answers identical requests in flight with one execution
 * (`inboundInflightRequestDeduplication`), as graphql-hive/graphql-gateways-benchmark
 * configures it (`gateways/hive-gateway-router-runtime/gateway.config.ts`). Off, every
 * request is executed, as stock and ours execute each (ours must: each request is its own
 * caller's, decided and audited on its own).
 *
 * Load it with `import()` where it is used, so no other process carries its modules (they
 * are development dependencies of the tools only).
 */
export async function startHiveGateway(
  supergraphSdl: string,
  options: { deduplicate: boolean },
): Promise<{ url: string; stop(): Promise<void> }> {
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    unifiedGraphHandler,
    inboundInflightRequestDeduplication: options.deduplicate,
    logging: false,
    graphiql: false,
    landingPage: false,
  });
  // The runtime answers its own errors; the listener only starts it for each request.
  const http = createServer((req, res) => void gateway(req, res));
  const url = `${await listen(http, '127.0.0.1', 0)}/graphql`;
  return {
    url,
    stop: async () => {
      await close(http);
      await gateway.dispose();
    },
  };
}
