/**
 * Node.js flags the gateway process runs with, wherever it is started (`npm start`,
 * docker-compose, the bench). Resolving a federated answer allocates many short-lived
 * objects (fetched results, merged and re-shaped); a CPU profile under the benchmark load
 * showed a fifth of the time in garbage collection. A larger young generation (64 MiB
 * semi-spaces instead of V8's default 16) lets most of them die before a scavenge.
 *
 * What survives anyway (the answers of requests still in flight) is promoted and dies in
 * the old generation, which V8 lets grow to up to four times what its last full collection
 * kept before it collects again: under the benchmark load the old generation kept about
 * 55 MiB and grew to about 250 MiB, most of the gateway's peak RSS besides the young
 * generation. A growing factor of three (`--heap-growing-percent=200`) collects it sooner:
 * about 60 MiB less peak RSS, with no CPU cost per request measurable on the bench (a
 * factor of two saved about 130 MiB but cost a few percent of CPU per request).
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--heap-growing-percent=200'];
