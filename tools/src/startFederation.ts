import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { GATEWAY_NODE_FLAGS } from '@intel-gateway/gateway';
import { getSubgraph, repositoryRoot, subgraphRegistry } from '@intel-gateway/shared/registry';
import { childEnvironment } from './config';
import { spawnTied, stopChild } from './process/spawnTied';

export interface FederationOptions {
  databaseUri: string;
  /** Where the gateway keeps its audit trail, when not in `databaseUri` (the bench counts the subgraphs' traffic alone). */
  auditDatabaseUri?: string;
  gatewayHost: string;
  gatewayPort: number;
  /** First subgraph port (each subgraph takes the next); unset means the registry's ports. 0 means free ports. */
  subgraphPortBase?: number;
  /** The agency registry the gateway trusts. */
  agencyRegistryPath: string;
  /** The gateway's Ed25519 signing key (audit records), and its public JWKS (the accountability subgraph's audit check). */
  gatewaySigningKeyPath: string;
  gatewayJwksPath: string;
  /** The gateway's file of every subgraph's gateway-token key (SUBGRAPH_TOKEN_KEYS_PATH). */
  subgraphTokenKeysPath: string;
  /** Each subgraph's own gateway-token key file (its GATEWAY_TOKEN_KEY_PATH). */
  subgraphTokenKeyPath: (subgraph: string) => string;
  /** Appended to each subgraph's database name. */
  databaseSuffix?: string;
  /** Whether the gateway serves the analyst workbench; unset leaves it to the gateway's own default (on). */
  workbench?: boolean;
  logLevel: string;
  /** Further settings every service gets (for instance tracing's); each service's own config validates them. */
  environment?: Record<string, string>;
  /** Receives each line the services print, prefixed with the service's name. */
  output: (line: string) => void;
}

export interface RunningFederation {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  /** The process of each service, by name. */
  processes: Map<string, ChildProcess>;
  stop(): Promise<void>;
}

const listeningLine = (line: string): string | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    return entry.msg === 'listening' ? entry.url : undefined;
  } catch {
    return undefined;
  }
};

/** How long a service may take to report that it listens. */
const LISTENING_TIMEOUT_MS = 60_000;

/** A built service's process, and the URL it reports once it listens. */
export interface StartedService {
  child: ChildProcess;
  /** Rejects if the process exits, or has not reported listening within a minute (its log must be at `info`). */
  url: Promise<string>;
}

/**
 * Starts a built service (`dist/main.js`, tied to this process) with `env` over this
 * process's own environment (`undefined` removes a variable). Every line it writes goes to
 * `output`, prefixed with its name.
 */
export function startService(
  name: string,
  command: { script: string; nodeFlags?: readonly string[] },
  env: Record<string, string | undefined>,
  output: (line: string) => void,
): StartedService {
  const child = spawnTied(process.execPath, [...(command.nodeFlags ?? []), command.script], {
    env: childEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolveUrl, reject) => {
    let reported = false;
    const timer = setTimeout(() => {
      if (!reported)
        reject(new Error(`${name} did not report listening within ${LISTENING_TIMEOUT_MS / 1000} s (it logs "listening" at info)`));
    }, LISTENING_TIMEOUT_MS);
    const onLine = (line: string) => {
      const listening = listeningLine(line);
      if (listening && !reported) {
        reported = true;
        clearTimeout(timer);
        resolveUrl(listening);
      }
      output(`[${name}] ${line}`);
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!reported) reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was listening`));
    });
  });
  return { child, url };
}

async function waitUntilReady(gatewayUrl: string, timeoutMs: number): Promise<void> {
  const readyz = gatewayUrl.replace(/\/graphql$/, '/readyz');
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(readyz);
      if (response.ok) return;
      last = await response.text();
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gateway not ready after ${timeoutMs} ms: ${last}`);
}

/**
 * Starts every registered subgraph and the gateway as separate processes (each tied to this
 * one, so none outlives it), wires the gateway to the subgraphs' actual URLs, and waits
 * until `/readyz` says every subgraph answers.
 */
export async function startFederation(options: FederationOptions): Promise<RunningFederation> {
  const processes = new Map<string, ChildProcess>();
  const start = (name: string, command: { script: string; nodeFlags?: readonly string[] }, env: Record<string, string>) => {
    const service = startService(name, command, env, options.output);
    processes.set(name, service.child);
    return service.url;
  };
  const stop = async () => {
    const gateway = processes.get('gateway');
    if (gateway) await stopChild(gateway);
    await Promise.all([...processes].filter(([name]) => name !== 'gateway').map(([, child]) => stopChild(child)));
  };
  try {
    const subgraphUrls: Record<string, string> = {};
    await Promise.all(
      subgraphRegistry.map(async (subgraph, index) => {
        const port =
          options.subgraphPortBase === undefined
            ? subgraph.defaultPort
            : options.subgraphPortBase === 0
              ? 0
              : options.subgraphPortBase + index;
        subgraphUrls[subgraph.name] = await start(
          subgraph.name,
          { script: resolve(repositoryRoot, 'subgraphs', subgraph.name, 'dist', 'main.js') },
          {
            HOST: '127.0.0.1',
            PORT: String(port),
            MONGODB_URI: options.databaseUri,
            DATABASE_NAME: subgraph.databaseName + (options.databaseSuffix ?? ''),
            RELEASE_GRANTS_DATABASE: getSubgraph('accountability').databaseName + (options.databaseSuffix ?? ''),
            GATEWAY_TOKEN_KEY_PATH: options.subgraphTokenKeyPath(subgraph.name),
            ...(subgraph.name === 'accountability' ? { GATEWAY_JWKS_PATH: options.gatewayJwksPath } : {}),
            LOG_LEVEL: options.logLevel,
            ...options.environment,
          },
        );
      }),
    );
    const gatewayUrl = await start(
      'gateway',
      { script: resolve(repositoryRoot, 'gateway', 'dist', 'main.js'), nodeFlags: GATEWAY_NODE_FLAGS },
      {
        HOST: options.gatewayHost,
        PORT: String(options.gatewayPort),
        LOG_LEVEL: options.logLevel,
        AGENCY_REGISTRY_PATH: options.agencyRegistryPath,
        AUDIT_MONGODB_URI: options.auditDatabaseUri ?? options.databaseUri,
        AUDIT_DATABASE_NAME: getSubgraph('accountability').databaseName + (options.databaseSuffix ?? ''),
        GATEWAY_SIGNING_KEY_PATH: options.gatewaySigningKeyPath,
        GATEWAY_JWKS_PATH: options.gatewayJwksPath,
        SUBGRAPH_TOKEN_KEYS_PATH: options.subgraphTokenKeysPath,
        ...(options.workbench === undefined ? {} : { WORKBENCH_ENABLED: String(options.workbench) }),
        ...Object.fromEntries(subgraphRegistry.map((s) => [s.urlSetting, subgraphUrls[s.name]!])),
        ...options.environment,
      },
    );
    await waitUntilReady(gatewayUrl, 30_000);
    return { gatewayUrl, subgraphUrls, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
