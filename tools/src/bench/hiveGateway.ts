import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { listen } from '@intel-gateway/shared';

/**
 * Hive Gateway's runtime with the Rust query planner (`@graphql-hive/router-runtime`), the
 * peer row of `npm run bench`, configured as graphql-hive/graphql-gateways-benchmark runs it
 * (`gateways/hive-gateway-router-runtime/gateway.config.ts`: the router runtime, and identical
 * requests in flight answered once, `inboundInflightRequestDeduplication`), in one process
 * (the public audit runs its CLI with `--fork 1`), on Node's defaults like stock.
 * Loaded only by the bench's `hive` role, so no other role carries its modules.
 */
export async function startHiveGateway(supergraphPath: string): Promise<{ url: string }> {
  const gateway = createGatewayRuntime({
    supergraph: readFileSync(supergraphPath, 'utf8'),
    unifiedGraphHandler,
    inboundInflightRequestDeduplication: true,
    logging: false,
    graphiql: false,
    landingPage: false,
  });
  const http = createServer(gateway);
  return { url: `${await listen(http, '127.0.0.1', 0)}/graphql` };
}
