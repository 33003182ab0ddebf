import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { isInterfaceType, isObjectType } from 'graphql';
import { allow } from 'graphql-shield';
import pino from 'pino';
import {
  apiSchemaOf,
  createGatewayServer,
  DEFAULT_OPERATION_LIMITS,
  disableApolloTelemetry,
  type GatewayPolicy,
  loadGatewayConfig,
  PURPOSE_HEADER,
} from '@intel-gateway/gateway';
import { listen } from '@intel-gateway/shared/http';
import { createDevIdentity, type DevIdentity, subgraphTokenKeysOf } from '../identity/devKeys';
import { mintAgencyToken } from '../identity/mintAgencyToken';

/**
 * The gateways the conformance runner can test:
 *   stock               @apollo/gateway 2.14 with default settings, as the suite runs it
 *   hive                Hive Gateway's runtime with the Rust planner, as `npm run bench` runs it (a peer, for comparison)
 *   ours:off            this project's gateway, no field policy (as `npm run bench` runs "ours:off")
 *   ours:permissive     this project's gateway under a policy that allows every field of the suite's schema
 *   ours-apollo:off        as ours:off, with @apollo/gateway's plan executor instead of the own
 *   ours-apollo:permissive as ours:permissive, likewise
 */
export const CONFORMANCE_GATEWAYS = ['stock', 'hive', 'ours:off', 'ours:permissive', 'ours-apollo:off', 'ours-apollo:permissive'] as const;
export type ConformanceGatewayName = (typeof CONFORMANCE_GATEWAYS)[number];

/** A gateway that cannot be tested in this build (a setting it does not know), with the reason. */
export class GatewayUnavailable extends Error {}

/** A started gateway: where to POST, the headers each request carries, and how to stop it. */
export interface ConformanceGateway {
  url: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/** Every object and interface type of the API schema, every field allowed: the policy machinery runs, nothing is denied. */
export function permissivePolicyFor(supergraphSdl: string): GatewayPolicy {
  const rules: GatewayPolicy['rules'] = {};
  for (const type of Object.values(apiSchemaOf(supergraphSdl).getTypeMap())) {
    if (!type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type))) rules[type.name] = { '*': allow };
  }
  return { version: 'conformance-permissive', rules };
}

/**
 * Whether this gateway knows the setting that turns its own executor on (GATEWAY_EXECUTOR=own):
 * a gateway whose configuration does not know it cannot run that variant.
 */
function requireOwnExecutorSetting(): void {
  const config: Record<string, unknown> = loadGatewayConfig({ AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:1/unused', GATEWAY_EXECUTOR: 'own' });
  if (config.GATEWAY_EXECUTOR !== 'own') throw new GatewayUnavailable('the gateway does not know the setting GATEWAY_EXECUTOR');
}

/** The caller ours sees: a development agency's analyst, with a purpose; stock ignores both headers. */
export async function conformanceCaller(
  subgraphNames: readonly string[],
): Promise<{ identity: DevIdentity; headers: Record<string, string> }> {
  const identity = await createDevIdentity(subgraphNames);
  const token = await mintAgencyToken({ identity, agency: 'NCB-FR', roles: ['ANALYST'], ttlSeconds: 3_600 });
  return { identity, headers: { authorization: `Bearer ${token}`, [PURPOSE_HEADER]: 'CRIMINAL_INVESTIGATION' } };
}

/** Starts one gateway on loopback for a suite's supergraph. */
export async function startConformanceGateway(
  name: ConformanceGatewayName,
  supergraphSdl: string,
  caller: { identity: DevIdentity; headers: Record<string, string> },
): Promise<ConformanceGateway> {
  disableApolloTelemetry();
  if (name === 'stock') {
    const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
    const { url } = await startStandaloneServer(apollo, { listen: { host: '127.0.0.1', port: 0 } });
    return { url, headers: {}, stop: () => apollo.stop() };
  }
  if (name === 'hive') {
    // Loaded only when asked for: Hive Gateway is a development dependency of the tools.
    const { startHiveGateway } = await import('../bench/hiveGateway.js');
    return { headers: {}, ...(await startHiveGateway(supergraphSdl, { deduplicate: false })) };
  }
  const [engine, policy] = name.split(':') as ['ours' | 'ours-apollo', 'off' | 'permissive'];
  if (engine === 'ours') requireOwnExecutorSetting();
  const work = mkdtempSync(join(tmpdir(), 'intel-gateway-conformance-'));
  const supergraphPath = join(work, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphSdl);
  try {
    const server = await createGatewayServer({
      supergraphPath,
      identity: { registry: caller.identity.registry, audience: 'intel-gateway', clockToleranceSeconds: 30 },
      subgraphTokens: { keys: subgraphTokenKeysOf(caller.identity), ttlSeconds: 60 },
      policy: policy === 'permissive' ? permissivePolicyFor(supergraphSdl) : null,
      audit: null,
      limits: DEFAULT_OPERATION_LIMITS,
      planExecutor: engine === 'ours-apollo' ? 'apollo' : 'own',
      logger: pino({ level: 'silent' }),
    });
    const url = `${await listen(server.http, '127.0.0.1', 0)}/graphql`;
    return {
      url,
      headers: caller.headers,
      stop: async () => {
        await server.stop();
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
