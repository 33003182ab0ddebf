import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faker } from '@faker-js/faker';
import { PURPOSE_HEADER } from '@intel-gateway/gateway';
import { type CallerContext, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type Principal } from '@intel-gateway/shared/identity';
import type { Purpose } from '@intel-gateway/shared/records';
import { loadToolsConfig } from '../config';
import { resolveDatabase } from '../database/resolveDatabase';
import {
  ensureDevIdentity,
  gatewayJwksFile,
  gatewaySigningKeyFile,
  registryFile,
  subgraphTokenKeyFile,
  subgraphTokenKeysFile,
} from '../identity/devKeys';
import { mintAgencyToken, type MintOptions } from '../identity/mintAgencyToken';
import { stopChild } from '../process/spawnTied';
import { supergraphPath } from '../projectSupergraph';
import { collectionSizes } from '../seed/collectionSizes';
import { generators } from '../seed/generate';
import { DEFAULT_SEED, readSeedInfo } from '../seed/seedDatabases';
import { seedWithProgress } from '../seed/seedWithProgress';
import { startFederation } from '../startFederation';
import { pointSupergraphAt } from './benchmarkSubgraphs';
import { runLoad, runLoadWatchingRss, startRole } from './benchRoles';
import { type CountingProxy, startCountingProxy } from './countingProxy';
import { type DomainRow, printDomainTables, refuseFailedRuns, type RoundTrips } from './domainTables';
import { measureWaits } from './gatewayWaits';
import { measureInTurns } from './roundComparison';

/**
 * The domain workload of `npm run bench`: this project's own federation on a seeded
 * database of `size` SLTD records (1 000 000 by default; seeded once into a cache beside
 * the database binary, reseeded only when the size differs), measured through our gateway
 * as deployed (field policy and a durable audit record for every answer) and through
 * stock @apollo/gateway with no policy at all, on the same subgraph processes.
 *
 * - mixed: frontline document checks (half of them hits) and federated person searches, 4 to 1;
 * - document checks alone, at one connection, for their latency;
 * - database round trips per operation, counted on the wire (a proxy between the subgraphs
 *   and the database) for lists of 1, 10, 100 and 250 notices joined across all three owners.
 */

/** The analyst every request is made as (an NCB that also works in analysis projects). */
const CALLER: Omit<MintOptions, 'identity'> & Omit<Principal, 'country'> = {
  user: 'bench-analyst',
  agency: 'NCB-FR',
  agencyKind: 'NCB',
  agencyGroups: ['EU'],
  roles: ['ANALYST', 'AP_ANALYST'],
  clearance: 'RESTRICTED',
  purposes: ['CRIMINAL_INVESTIGATION', 'BORDER_CONTROL'],
  projects: [],
};
const PURPOSE: Purpose = 'CRIMINAL_INVESTIGATION';

const DOCUMENT_CHECK = `query DocumentCheck($issuingCountry: String!, $documentType: DocumentType!, $number: String!) {
  travelDocument(issuingCountry: $issuingCountry, documentType: $documentType, number: $number) { number sltd { id status reportedAt provenance { owner handling { code } } } }
}`;
const PERSON_SEARCH = `query PersonSearch($name: String!) {
  personSearch(name: $name) {
    interpolMatches(first: 5) { totalCount nodes { score method notice { id type } } }
    europolMatches(first: 5) { totalCount nodes { score method entry { id category } } }
    nationalMatches(first: 5) { totalCount nodes { score method person { id role } } }
  }
}`;
// Lean on purpose; its estimated cost is about 163 per notice, so 250 is the largest of these pages the default cost limit (50 000) admits.
const NOTICES_JOINED = `query NoticesJoined($first: Int!) {
  notices(first: $first) { nodes { id europolEntries { id } nationalRecords { id caseFile { id } } } }
}`;
const RESULT_SIZES = [1, 10, 100, 250];

/** Request bodies for the load: deterministic for a seed and size, drawn from the seeded records. */
function workloadBodies(size: number, count: number, searchShare: number): string[] {
  const sizes = collectionSizes(size);
  const make = generators(DEFAULT_SEED, sizes);
  faker.seed(DEFAULT_SEED);
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    if (faker.number.float({ min: 0, max: 1 }) < searchShare) {
      const person = faker.datatype.boolean()
        ? make.interpol.Notice(faker.number.int({ min: 0, max: sizes.interpol.Notice - 1 })).subject
        : make.national.NationalPerson(faker.number.int({ min: 0, max: sizes.national.NationalPerson - 1 }));
      const spelling = person.name.transliterations[0] ?? person.name.familyName;
      bodies.push(
        JSON.stringify({
          query: PERSON_SEARCH,
          variables: { name: faker.datatype.boolean() ? spelling : (person.name.original ?? spelling) },
        }),
      );
    } else {
      const doc = make.interpol.Sltd(faker.number.int({ min: 0, max: size - 1 }));
      // Half the checks are of documents nobody reported: the same shape, a number not issued.
      const number = faker.datatype.boolean() ? doc.number : `ZZ${doc.number.slice(2)}`;
      bodies.push(
        JSON.stringify({
          query: DOCUMENT_CHECK,
          variables: { issuingCountry: doc.issuingCountry, documentType: doc.documentType, number },
        }),
      );
    }
  }
  return bodies;
}

/** Records in an answer: every object with an `id` or a `code`. */
function countRecords(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countRecords(v), 0);
  if (!value || typeof value !== 'object') return 0;
  const own = 'id' in value || 'code' in value ? 1 : 0;
  return own + Object.values(value).reduce((n: number, v) => n + countRecords(v), 0);
}

/**
 * Round trips the subgraphs made for one operation: the fewest over three runs (a driver's
 * heartbeat can fall inside one), after a warm-up run.
 */
async function countRoundTrips(
  proxy: CountingProxy,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ records: number; roundTrips: number }> {
  const post = async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const answer = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (answer.errors) throw new Error(`round-trip operation failed: ${JSON.stringify(answer.errors).slice(0, 500)}`);
    return countRecords(answer.data);
  };
  const records = await post();
  let fewest = Infinity;
  for (let run = 0; run < 3; run++) {
    const before = proxy.messages();
    await post();
    fewest = Math.min(fewest, proxy.messages() - before);
  }
  return { records, roundTrips: fewest };
}

export interface DomainBenchOptions {
  size: number;
  duration: number;
  warmup: number;
  connections: number[];
  /** How many times each point is measured per gateway, the gateways taking turns. */
  rounds: number;
}

export async function runDomainBench(options: DomainBenchOptions): Promise<void> {
  const config = loadToolsConfig();
  const work = mkdtempSync(join(tmpdir(), 'intel-gateway-domain-bench-'));
  const databaseSuffix = '_bench';
  const database = await resolveDatabase({
    mongodbUri: config.MONGODB_URI,
    dataDir: join(config.CACHE_DIR, 'bench-domain-db'),
    cacheDir: config.CACHE_DIR,
    log: (line) => console.error(line),
  });
  let proxy: CountingProxy | undefined;
  let federation: Awaited<ReturnType<typeof startFederation>> | undefined;
  const rows: DomainRow[] = [];
  const trips: RoundTrips[] = [];
  try {
    const seeded = await readSeedInfo(database.uri, databaseSuffix);
    if (seeded?.size !== options.size || seeded.seed !== DEFAULT_SEED) {
      console.error(`domain bench: seeding ${options.size} SLTD records once (kept in ${config.CACHE_DIR} for later runs)`);
      await seedWithProgress({ uri: database.uri, size: options.size, databaseSuffix });
    }
    proxy = await startCountingProxy(database.uri);
    const identity = await ensureDevIdentity(work);
    federation = await startFederation({
      databaseUri: proxy.uri,
      auditDatabaseUri: database.uri,
      databaseSuffix,
      agencyRegistryPath: registryFile(work),
      gatewaySigningKeyPath: gatewaySigningKeyFile(work),
      gatewayJwksPath: gatewayJwksFile(work),
      subgraphTokenKeysPath: subgraphTokenKeysFile(work),
      subgraphTokenKeyPath: (subgraph) => subgraphTokenKeyFile(work, subgraph),
      gatewayHost: '127.0.0.1',
      gatewayPort: 0,
      subgraphPortBase: 0,
      // Services report their URL in an info line; only errors reach the bench's output.
      logLevel: 'info',
      output: (line) => (/"level":(50|60)/.test(line) ? console.error(line) : undefined),
    });
    const headers = {
      // The longest lifetime the development registry allows an agency's token; a run takes minutes.
      authorization: `Bearer ${await mintAgencyToken({ identity, ...CALLER, ttlSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS })}`,
      [PURPOSE_HEADER]: PURPOSE,
    };
    writeFileSync(join(work, 'headers.json'), JSON.stringify(headers));
    writeFileSync(join(work, 'mixed.json'), JSON.stringify(workloadBodies(options.size, 2_000, 0.2)));
    writeFileSync(join(work, 'checks.json'), JSON.stringify(workloadBodies(options.size, 1_000, 0)));
    // Stock gets the same caller, as the subgraph token our subgraphs require; nothing else of ours.
    const caller: CallerContext = { principal: { ...CALLER, country: 'FR' }, purpose: PURPOSE };
    writeFileSync(join(work, 'caller.json'), JSON.stringify(caller));
    writeFileSync(join(work, 'supergraph.graphql'), pointSupergraphAt(readFileSync(supergraphPath, 'utf8'), federation.subgraphUrls));
    const stock = await startRole('stock-signed', [
      join(work, 'supergraph.graphql'),
      subgraphTokenKeysFile(work),
      join(work, 'caller.json'),
    ]);
    try {
      const gateways = [
        { gateway: 'stock' as const, url: stock.report.url!, pid: stock.child.pid! },
        { gateway: 'ours' as const, url: federation.gatewayUrl, pid: federation.processes.get('gateway')!.pid! },
      ];
      const oursMetricsUrl = federation.gatewayUrl.replace(/\/graphql$/, '/metrics');
      const load = (url: string, file: string, connections: number, seconds: number) => [
        url,
        String(connections),
        String(seconds),
        join(work, file),
        '-',
        join(work, 'headers.json'),
      ];
      for (const { gateway, url, pid } of gateways) {
        console.error(`domain bench, ${gateway}: warming up ${options.warmup} s`);
        await runLoadWatchingRss(pid, load(url, 'mixed.json', 50, options.warmup));
      }
      const points = [
        ...options.connections.map((connections) => ({ workload: 'mixed' as const, file: 'mixed.json', connections })),
        { workload: 'document checks' as const, file: 'checks.json', connections: 1 },
      ];
      // The processes each request makes work besides the gateway (an external database's is not known here).
      const others = {
        subgraphs: [...federation.processes].filter(([name]) => name !== 'gateway').map(([, child]) => child.pid!),
        ...(database.pid === undefined ? {} : { database: [database.pid] }),
      };
      // Each point is measured in rounds, the gateways taking turns (the order swapped every round).
      for (const { workload, file, connections } of points) {
        const measured = await measureInTurns(gateways, options.rounds, {
          warm: ({ url }, seconds) => runLoad(load(url, file, connections, seconds)),
          measure: async ({ gateway, url, pid }, round) => {
            console.error(`domain bench, ${gateway}: ${workload}, ${connections} connection(s) for ${options.duration} s (round ${round})`);
            const run = () => runLoadWatchingRss(pid, load(url, file, connections, options.duration), others);
            if (gateway === 'stock') return { gateway, round, workload, connections, ...(await run()) };
            // Where ours' answers waited, from its own metrics: the subgraph fetches and the audit record.
            const { result, waits } = await measureWaits(oursMetricsUrl, run);
            return { gateway, round, workload, connections, ...result, waits };
          },
        });
        rows.push(...measured);
      }
      for (const { gateway, url } of gateways) {
        for (const first of RESULT_SIZES) {
          trips.push({
            gateway,
            first,
            ...(await countRoundTrips(proxy, url, headers, JSON.stringify({ query: NOTICES_JOINED, variables: { first } }))),
          });
        }
      }
    } finally {
      await stopChild(stock.child);
    }
  } finally {
    await federation?.stop();
    await proxy?.close();
    await database.stop();
    rmSync(work, { recursive: true, force: true });
  }
  printDomainTables(options, rows, trips);
  refuseFailedRuns(rows);
}
