import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import type { JWK } from 'jose';
import pino from 'pino';
import {
  AuditTrail,
  createGatewayServer,
  DEFAULT_OPERATION_LIMITS,
  disableApolloTelemetry,
  loadAgencyRegistry,
  loadGatewayExecutor,
} from '@intel-gateway/gateway';
import { connectDatabase } from '@intel-gateway/shared/database';
import { listen } from '@intel-gateway/shared/http';
import {
  type CallerContext,
  createGatewayTokenSigner,
  GATEWAY_TOKEN_HEADER,
  readSubgraphTokenKeysFile,
} from '@intel-gateway/shared/identity';
import { BENCHMARK_POLICIES } from './benchmarkPolicies';
import { startBenchmarkSubgraphs } from './benchmarkSubgraphs';
import type { LoadResult } from './loadResult';

/**
 * One process of `npm run bench`, by role, so that subgraphs, each gateway and the load
 * generator never share a process (or an event loop):
 *   subgraphs                      the scenario's four subgraphs
 *   stock <supergraph>             @apollo/gateway with default settings, via startStandaloneServer
 *   hive <supergraph> <each|dedup> Hive Gateway's runtime with the Rust planner (see hiveGateway.ts),
 *                                  each request executed, or identical requests in flight executed once
 *   ours <supergraph> <registry> <signing-key> <subgraph-token-keys> <policy> [audit-uri]
 *                                  this project's gateway: verifies agency tokens, signs subgraph tokens
 *   stock-signed <supergraph> <subgraph-token-keys> <caller-file>   stock @apollo/gateway that only adds
 *                                  the subgraph token our subgraphs require (one caller, no policy)
 *   load <url> <connections> <seconds> <body-file> <expected-body-file> <headers-file>
 *                                  with `-` for the expected body, the body file holds an array of
 *                                  request bodies, sent in turn; a response with errors is counted
 * Each prints one JSON line when ready (or, for `load`, its result).
 */

/** The gateway-token keys in a keys file, for every subgraph it names. */
function subgraphTokenKeys(path: string) {
  return readSubgraphTokenKeysFile(path, Object.keys(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>));
}

async function load(
  url: string,
  connections: number,
  seconds: number,
  body: string,
  expectBody: string | null,
  headers: Record<string, string>,
): Promise<LoadResult> {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  let answersWithErrors = 0;
  // One verified body for every request, or a list of bodies whose answers must carry no errors.
  const requests =
    expectBody === null
      ? {
          requests: (JSON.parse(body) as string[]).map((each) => ({
            body: each,
            onResponse: (_status: number, answer: string) => void (answer.includes('"errors"') && answersWithErrors++),
          })),
        }
      : { body, expectBody };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, connections, duration: seconds, ...requests },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)));
    });
  });
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / seconds,
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    // Responses whose body differed from the verified one (autocannon's expectBody check).
    mismatches: ((result as autocannon.Result & { mismatches?: number }).mismatches ?? 0) + answersWithErrors,
  };
}

// Stock @apollo/gateway would otherwise send usage metrics out; ours turns that off too.
disableApolloTelemetry();

async function main(): Promise<void> {
  const [role, ...args] = process.argv.slice(2);
  const report = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  switch (role) {
    case 'subgraphs':
      report(await startBenchmarkSubgraphs());
      return;
    case 'stock': {
      const gateway = new ApolloGateway({ supergraphSdl: readFileSync(args[0]!, 'utf8') });
      const { url } = await startStandaloneServer(new ApolloServer({ gateway }), { listen: { host: '127.0.0.1', port: 0 } });
      report({ url });
      return;
    }
    case 'hive': {
      // Loaded here only, so that the other roles' processes never carry Hive Gateway's modules.
      const { startHiveGateway } = await import('./hiveGateway.js');
      if (args[1] !== 'each' && args[1] !== 'dedup') throw new Error(`unknown Hive Gateway variant "${args[1]}"`);
      const { url } = await startHiveGateway(readFileSync(args[0]!, 'utf8'), { deduplicate: args[1] === 'dedup' });
      report({ url });
      return;
    }
    case 'stock-signed': {
      // Our subgraphs accept only gateway-signed requests; this adds that token and nothing else.
      const caller = JSON.parse(readFileSync(args[2]!, 'utf8')) as CallerContext;
      const sign = createGatewayTokenSigner({ keys: subgraphTokenKeys(args[1]!), ttlSeconds: 5 });
      const gateway = new ApolloGateway({
        supergraphSdl: readFileSync(args[0]!, 'utf8'),
        buildService: ({ name, url }) =>
          new RemoteGraphQLDataSource({
            url,
            // Each request is signed over the exact body stock sends, as ours signs its own.
            fetcher: (target, init) => {
              const body = Buffer.from(String(init?.body ?? ''));
              const { pathname, search } = new URL(target);
              const headers = {
                ...(init?.headers as Record<string, string>),
                [GATEWAY_TOKEN_HEADER]: sign(caller, name, { method: 'POST', path: pathname + search, body }),
              };
              return fetch(target, { method: init?.method ?? 'POST', headers, body });
            },
          }),
      });
      const { url } = await startStandaloneServer(new ApolloServer({ gateway }), { listen: { host: '127.0.0.1', port: 0 } });
      report({ url });
      return;
    }
    case 'ours': {
      // args: supergraph, registry, signing key, subgraph token keys, policy variant, and the audit store's URI when audited.
      const variant = args[4]!;
      if (variant !== 'off' && !(variant in BENCHMARK_POLICIES)) throw new Error(`unknown policy variant "${variant}"`);
      const signingKey = JSON.parse(readFileSync(args[2]!, 'utf8')) as JWK;
      const logger = pino({ level: 'warn' });
      const auditUri = args[5];
      const audit = auditUri
        ? await AuditTrail.open(await connectDatabase(auditUri, 'bench_audit', { failFast: true }), signingKey, logger)
        : null;
      const server = await createGatewayServer({
        supergraphPath: args[0]!,
        identity: { registry: loadAgencyRegistry(args[1]!), audience: 'intel-gateway', clockToleranceSeconds: 30 },
        subgraphTokens: { keys: subgraphTokenKeys(args[3]!), ttlSeconds: 60 },
        policy: variant === 'off' ? null : BENCHMARK_POLICIES[variant as keyof typeof BENCHMARK_POLICIES],
        audit,
        // The scenario's query estimates at about 103k (10 per unbounded list); only the cost limit is raised for it.
        limits: { ...DEFAULT_OPERATION_LIMITS, maxCost: 200_000 },
        // `ours-apollo` is this role in a process whose GATEWAY_EXECUTOR=apollo (benchRoles.ts).
        planExecutor: loadGatewayExecutor(),
        logger,
      });
      // Stopped by SIGTERM, it exits as a process does, so that a `--cpu-prof` profile is written.
      process.once('SIGTERM', () => process.exit(0));
      report({ url: `${await listen(server.http, '127.0.0.1', 0)}/graphql` });
      return;
    }
    case 'load': {
      const [url, connections, seconds, bodyFile, expectedFile, headersFile] = args;
      const headers = JSON.parse(readFileSync(headersFile!, 'utf8')) as Record<string, string>;
      report(
        await load(
          url!,
          Number(connections),
          Number(seconds),
          readFileSync(bodyFile!, 'utf8'),
          expectedFile === '-' ? null : readFileSync(expectedFile!, 'utf8'),
          headers,
        ),
      );
      process.exit(0);
    }
    default:
      throw new Error(`unknown role "${role}"`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
