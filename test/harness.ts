import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Connection } from 'mongoose';
import pino from 'pino';
import {
  AuditTrail,
  createGatewayServer,
  type GatewayExecutorKind,
  gatewayPolicy,
  type GatewayServer,
  type GatewayServerOptions,
  type OperationLimits,
  PURPOSE_HEADER,
  type TrustedDocuments,
} from '@intel-gateway/gateway';
import { connectDatabase, syncIndexes } from '@intel-gateway/shared/database';
import { type ClientTlsSettings, close, listen, type ServerTlsSettings } from '@intel-gateway/shared/http';
import {
  type CallerContext,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  createReplayCache,
  GATEWAY_TOKEN_HEADER,
  type Principal,
  type SubgraphRequest,
} from '@intel-gateway/shared/identity';
import type { Logger } from '@intel-gateway/shared/observability';
import { getSubgraph, subgraphIdentifiers, subgraphRegistry } from '@intel-gateway/shared/registry';
import type { CreateSubgraphServer, SubgraphConfig, SubgraphServer } from '@intel-gateway/shared/subgraph';
import {
  createDevIdentity,
  DEV_AGENCIES,
  type DevIdentity,
  mintAgencyToken,
  type MintOptions,
  seedDatabases,
  subgraphTokenKeysOf,
  supergraphPath,
} from '@intel-gateway/tools';
import { loadTestConfig } from './config';

export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * Waits until `check` holds, looking every 20 ms: for state another process or the event
 * loop brings about (a log line, a message, a process gone), instead of a fixed sleep or a
 * short bounded poll that a busy machine outlasts. Fails naming `what` after `timeoutMs`.
 */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The database this run's globalSetup started. */
export function testDatabaseUri(): string {
  const uri = loadTestConfig().TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run the tests through jest, whose globalSetup starts the database');
  return uri;
}

/** A database-name suffix no other test file uses. */
export function uniqueSuffix(): string {
  return `_t${randomBytes(4).toString('hex')}`;
}

/** The subgraphs every federation has; a contributed subgraph joins them under its registry name. */
type CoreSubgraphName = 'interpol' | 'europol' | 'national' | 'accountability';

/** What the harness needs from a subgraph's package. */
export interface SubgraphPackage {
  createModels(connection: Connection): unknown;
  createServer: CreateSubgraphServer;
  loadConfig(env: NodeJS.ProcessEnv): SubgraphConfig;
}

/**
 * A registered subgraph's package (`@intel-gateway/<name>`), found by the names every
 * subgraph's index exports: `create<Name>Models`, `create<Name>Server`, `load<Name>Config`.
 * So the harness starts whatever the registry lists, contributed subgraphs included.
 */
export function subgraphPackage(name: string): SubgraphPackage {
  const exported = require(`@intel-gateway/${name}`) as Record<string, unknown>;
  const { pascal } = subgraphIdentifiers(name);
  const wanted = { createModels: `create${pascal}Models`, createServer: `create${pascal}Server`, loadConfig: `load${pascal}Config` };
  for (const exportName of Object.values(wanted)) {
    if (typeof exported[exportName] !== 'function') throw new Error(`@intel-gateway/${name} does not export ${exportName}`);
  }
  return Object.fromEntries(Object.entries(wanted).map(([key, exportName]) => [key, exported[exportName]])) as unknown as SubgraphPackage;
}

export interface TestSubgraph {
  name: string;
  url: string;
  connection: Connection;
  server: SubgraphServer;
  /** Headers that let a test call this subgraph directly, as the gateway would for the default caller: a token signed for exactly the body postGraphQL sends. */
  gatewayHeaders(query: string, variables?: Record<string, unknown>): Promise<Record<string, string>>;
  /** Names of the database commands this subgraph has sent since the last reset. */
  commands: { name: string; command: Record<string, unknown> }[];
  stop(): Promise<void>;
}

export interface TestFederation {
  gatewayUrl: string;
  gateway: GatewayServer;
  /** Every registered subgraph, by name. */
  subgraphs: Record<CoreSubgraphName, TestSubgraph> & Record<string, TestSubgraph>;
  databaseSuffix: string;
  /** The agencies and keys this federation trusts. */
  identity: DevIdentity;
  /** The gateway's audit store (its own database) and the chain this gateway writes. */
  audit: { connection: Connection; trail: AuditTrail; databaseName: string };
  /** POSTs an operation as the default caller (an NCB-FR analyst, criminal investigation). */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** POSTs an operation with a token minted for the given caller and purpose. */
  queryAs<T = any>(
    caller: Omit<MintOptions, 'identity'>,
    purpose: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

/** The request postGraphQL sends to `url` for this operation, as a gateway token is signed for it. */
export function subgraphRequest(url: string, query: string, variables?: Record<string, unknown>): SubgraphRequest {
  const { pathname, search } = new URL(url);
  return { method: 'POST', path: pathname + search, body: Buffer.from(JSON.stringify({ query, variables })) };
}

/**
 * Starts one subgraph in this process, on a free port (HTTPS with `tls`), with command
 * monitoring on, trusting the identity's token key for this subgraph, reading release grants from
 * `releaseGrantsDatabase` (the federation's audit database) on a connection of its own, so
 * that its reads are not counted among the subgraph's commands.
 */
export async function startTestSubgraph(
  name: string,
  databaseName: string,
  identity: DevIdentity,
  logger: Logger = silentLogger,
  releaseGrantsDatabase: string = getSubgraph('accountability').databaseName,
  tls?: ServerTlsSettings,
): Promise<TestSubgraph> {
  const subgraph = subgraphPackage(name);
  const connection = await connectDatabase(testDatabaseUri(), databaseName, { monitorCommands: true });
  subgraph.createModels(connection);
  await syncIndexes(connection);
  const releaseGrants = await connectDatabase(testDatabaseUri(), releaseGrantsDatabase);
  const tokenKeys = subgraphTokenKeysOf(identity);
  const verifyRequest = createGatewayTokenVerifier({
    keys: tokenKeys[name] ?? [],
    subgraph: name,
    replayCache: createReplayCache({ maxEntries: 100_000 }),
  });
  const server = await subgraph.createServer({
    connection,
    logger,
    gateway: { verifyRequest, ...(tls ? { tls } : {}) },
    releaseGrants,
    gatewayJwks: identity.gateway.jwks,
  });
  const sign = createGatewayTokenSigner({ keys: tokenKeys, ttlSeconds: 5 });
  const url = `${await listen(server.http, '127.0.0.1', 0)}/graphql`;
  const commands: TestSubgraph['commands'] = [];
  connection.getClient().on('commandStarted', (event) => commands.push({ name: event.commandName, command: event.command }));
  let stopped = false;
  return {
    name,
    url,
    connection,
    server,
    commands,
    gatewayHeaders: async (query, variables) => ({
      [GATEWAY_TOKEN_HEADER]: sign(DEFAULT_CALLER_CONTEXT, name, subgraphRequest(url, query, variables)),
    }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await close(server.http);
      await server.apollo.stop();
      await connection.close();
      await releaseGrants.close();
    },
  };
}

/** A gateway's options over these subgraphs, trusting this identity, with the project's policy and no audit. */
function gatewayOptionsFor(subgraphs: Record<string, TestSubgraph>, identity: DevIdentity): GatewayServerOptions {
  return {
    supergraphPath,
    subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
    identity: testIdentityOptions(identity),
    subgraphTokens: { keys: subgraphTokenKeysOf(identity), ttlSeconds: 5 },
    policy: gatewayPolicy(),
    audit: null,
    logger: silentLogger,
  };
}

/**
 * A second gateway over a running federation's subgraphs, on a free port: the same identity
 * and policy, no audit unless `overrides` gives one. `overrides` change what a test is
 * about (a subgraph URL, trusted documents, the workbench, a logger, the plan executor, by
 * default the product's whatever the environment says). Stop it yourself.
 */
export async function startExtraGateway(
  federation: TestFederation,
  overrides: Partial<GatewayServerOptions> = {},
): Promise<{ gateway: GatewayServer; url: string }> {
  const base = gatewayOptionsFor(federation.subgraphs, federation.identity);
  const gateway = await createGatewayServer({ ...base, ...overrides, subgraphUrls: { ...base.subgraphUrls, ...overrides.subgraphUrls } });
  return { gateway, url: `${await listen(gateway.http, '127.0.0.1', 0)}/graphql` };
}

/**
 * A whole federation for one test file: its own seeded databases, every registered
 * subgraph and the gateway, all real servers on free loopback ports. Subgraphs the seed
 * does not cover (a contributed one) start on an empty database of their own. Each service
 * logs nothing unless `logger` gives it a logger (by service name: `gateway`, `interpol`, …).
 */
export async function startTestFederation(
  options: {
    seedSize?: number;
    limits?: OperationLimits;
    trustedDocuments?: TrustedDocuments;
    workbench?: boolean;
    logger?: (service: string) => Logger;
    /** Every subgraph serves HTTPS with `subgraphs`, and the gateway calls them with `gateway` (mutual TLS when both say so). */
    tls?: { subgraphs: ServerTlsSettings; gateway: ClientTlsSettings };
    /** The gateway's plan executor; by default the product's, whatever GATEWAY_EXECUTOR the environment holds. */
    planExecutor?: GatewayExecutorKind;
  } = {},
): Promise<TestFederation> {
  const databaseSuffix = uniqueSuffix();
  await seedDatabases({ uri: testDatabaseUri(), size: options.seedSize ?? 200, databaseSuffix });
  const databaseNames = subgraphRegistry.map((s) => s.databaseName + databaseSuffix);
  const identity = await createDevIdentity();
  const auditDatabaseName = getSubgraph('accountability').databaseName + databaseSuffix;
  const loggerOf = options.logger ?? (() => silentLogger);
  const subgraphs = {} as TestFederation['subgraphs'];
  for (const subgraph of subgraphRegistry) {
    subgraphs[subgraph.name] = await startTestSubgraph(
      subgraph.name,
      subgraph.databaseName + databaseSuffix,
      identity,
      loggerOf(subgraph.name),
      auditDatabaseName,
      options.tls?.subgraphs,
    );
  }
  // Monitored, so that a test can see what the gateway reads from its audit database (its release grants).
  const auditConnection = await connectDatabase(testDatabaseUri(), auditDatabaseName, { failFast: true, monitorCommands: true });
  const trail = await AuditTrail.open(auditConnection, identity.gateway.privateKey, silentLogger);
  const gateway = await createGatewayServer({
    ...gatewayOptionsFor(subgraphs, identity),
    audit: trail,
    ...(options.tls ? { subgraphTls: options.tls.gateway } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.trustedDocuments ? { trustedDocuments: options.trustedDocuments } : {}),
    ...(options.planExecutor ? { planExecutor: options.planExecutor } : {}),
    workbench: options.workbench ?? false,
    logger: loggerOf('gateway'),
  });
  const gatewayUrl = `${await listen(gateway.http, '127.0.0.1', 0)}/graphql`;
  // The hits of an answer are written shortly after it (HIT_BATCH_MS): a test reads them, as their owner would, once they are.
  const queryAs = async <T>(caller: Omit<MintOptions, 'identity'>, purpose: string, query: string, variables?: Record<string, unknown>) => {
    const result = await postGraphQL<T>(
      gatewayUrl,
      query,
      variables,
      callerHeaders(await mintAgencyToken({ identity, ...caller }), purpose),
    );
    await trail.whenHitsWritten();
    return result;
  };
  return {
    gatewayUrl,
    gateway,
    subgraphs,
    databaseSuffix,
    identity,
    audit: { connection: auditConnection, trail, databaseName: auditDatabaseName },
    queryAs,
    query: <T>(query: string, variables?: Record<string, unknown>) =>
      queryAs<T>(DEFAULT_CALLER, 'CRIMINAL_INVESTIGATION', query, variables),
    stop: async () => {
      await gateway.stop();
      for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
      const cleanup = await connectDatabase(testDatabaseUri(), databaseNames[0]!);
      for (const name of databaseNames) await cleanup.useDb(name).dropDatabase();
      await cleanup.close();
      await trail.close();
      await auditConnection.close();
    },
  };
}

export interface GraphQLResult<T> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** The caller tests use unless they say otherwise. */
const DEFAULT_PRINCIPAL = {
  user: 'ncb-fr-user',
  agency: 'NCB-FR',
  agencyKind: 'NCB',
  agencyGroups: ['EU'],
  // An NCB analyst who also works in analysis projects: the policy lets this caller read
  // every owner's data that the federation tests join.
  roles: ['ANALYST', 'AP_ANALYST'],
  clearance: 'RESTRICTED',
  purposes: ['CRIMINAL_INVESTIGATION', 'BORDER_CONTROL'],
  projects: [],
} satisfies Omit<Principal, 'country'>;

export const DEFAULT_CALLER: Omit<MintOptions, 'identity'> = DEFAULT_PRINCIPAL;

/** The same caller as the gateway passes it to a subgraph (country from the agency's registration). */
export const DEFAULT_CALLER_CONTEXT: CallerContext = {
  principal: { ...DEFAULT_PRINCIPAL, country: DEV_AGENCIES.find((a) => a.code === DEFAULT_PRINCIPAL.agency)!.country },
  purpose: 'CRIMINAL_INVESTIGATION',
};

/** Gateway identity settings for a test identity. */
export function testIdentityOptions(identity: DevIdentity) {
  return { registry: identity.registry, audience: 'intel-gateway', clockToleranceSeconds: 5 };
}

/** The headers an authenticated caller sends. */
export function callerHeaders(token: string, purpose: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, [PURPOSE_HEADER]: purpose };
}

/** POSTs a GraphQL operation as JSON (a non-simple request, so CSRF prevention lets it through). */
export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult<T>['body'] };
}

/**
 * A proxy in front of a subgraph, on a free loopback port: it hands each request body the
 * gateway sends to `onRequest` (with its method, path and headers), and passes each answer
 * through `transform` (to play a subgraph gone wrong) on its way back, `delayMs` late (to
 * play a slow one).
 */
export async function startSubgraphProxy(
  target: string,
  options: {
    onRequest?: (body: string, request: { method: string; path: string; headers: IncomingHttpHeaders }) => void;
    transform?: (answer: string) => string;
    delayMs?: number;
  } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      options.onRequest?.(body, { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length', 'keep-alive'].includes(name)),
      ) as Record<string, string>;
      fetch(target, { method: 'POST', headers, body })
        .then(async (answer) => {
          const text = await answer.text();
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(options.transform ? options.transform(text) : text);
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  return { url: `${await listen(proxy, '127.0.0.1', 0)}/graphql`, close: () => close(proxy) };
}
