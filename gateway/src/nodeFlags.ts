/**
 * Node.js flags the gateway process runs with, wherever it is started (`npm start`,
 * docker-compose, the bench). Resolving a federated answer allocates many short-lived
 * objects (fetched results, merged and re-shaped); a CPU profile under the benchmark load
 * showed a fifth of the time in garbage collection. A larger young generation (64 MiB
 * semi-spaces instead of V8's default 16) lets most of them die before a scavenge.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
