import { generateKeyPairSync, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type CallerContext,
  createGatewayTokenSigner,
  gatewayTokenClaims,
  type GatewayTokenSigner,
  type SubgraphRequest,
  subgraphTokenKey,
} from '@intel-gateway/shared/identity';
import { newSubgraphTokenKey } from '../identity/devKeys';

/**
 * `node tools/dist/bench/tokenSigningCost.js [count]`: times `count` (100 000 by default)
 * gateway→subgraph tokens signed the way the gateway signed them before (one Ed25519
 * signature with the gateway's key) and the way it signs them now (HMAC-SHA256 under the
 * subgraph's key), for the same caller and a 1.5 KB body, and prints the figures. It
 * asserts nothing: it is a measurement for docs/benchmark.md (request binding may cost at most 5% of throughput).
 */
const count = Number(process.argv[2] ?? 100_000);
const caller: CallerContext = {
  principal: {
    user: 'analyst-1',
    agency: 'NCB-FR',
    agencyKind: 'NCB',
    agencyGroups: ['EU'],
    country: 'FR',
    roles: ['ANALYST'],
    clearance: 'RESTRICTED',
    purposes: ['CRIMINAL_INVESTIGATION'],
    projects: [],
  },
  purpose: 'CRIMINAL_INVESTIGATION',
};
const request: SubgraphRequest = {
  method: 'POST',
  path: '/graphql',
  body: Buffer.from(JSON.stringify({ query: `{ ${'notice(id: "N-1") { id subject { name { familyName } } } '.repeat(20)}}` })),
};

/** The previous signer: the same claims, signed with one Ed25519 signature by the gateway's key. */
function ed25519Signer(): GatewayTokenSigner {
  const { privateKey } = generateKeyPairSync('ed25519');
  const base64url = (data: string) => Buffer.from(data).toString('base64url');
  const header = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: 'gateway-1' }));
  return (caller, subgraph, request) => {
    const payload = base64url(JSON.stringify(gatewayTokenClaims(caller, subgraph, request, 5)));
    const input = `${header}.${payload}`;
    return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
  };
}

function time(label: string, signer: GatewayTokenSigner): void {
  for (let i = 0; i < 2_000; i += 1) signer(caller, 'national', request);
  const start = performance.now();
  for (let i = 0; i < count; i += 1) signer(caller, 'national', request);
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(26)} ${count} tokens in ${ms.toFixed(0).padStart(6)} ms: ${((ms * 1000) / count).toFixed(2).padStart(6)} µs each, ${Math.round((count / ms) * 1000)} per second`,
  );
}

time('before: Ed25519 (gateway)', ed25519Signer());
time(
  'after: HMAC-SHA256 (HS256)',
  createGatewayTokenSigner({ keys: { national: [subgraphTokenKey('national', newSubgraphTokenKey(), 'bench')] }, ttlSeconds: 5 }),
);
