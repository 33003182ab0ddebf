import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { createReplayCache } from './createReplayCache';
import { RequestRefusedError } from './errors';
import { createGatewayTokenSigner, createGatewayTokenVerifier, type CallerContext, type SubgraphRequest } from './gatewayToken';

/** The gateway token's binding to one request, and a full replay cache, checked without a network. */
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const jwk = (key: typeof publicKey) => ({ ...(key.export({ format: 'jwk' }) as JWK), kid: 'test' });
const sign = createGatewayTokenSigner({ privateKey: jwk(privateKey), ttlSeconds: 5 });
const caller: CallerContext = {
  principal: { user: 'u', agency: 'NCB-FR', agencyKind: 'NCB', agencyGroups: ['EU'], country: 'FR', roles: ['ANALYST'], clearance: 'RESTRICTED', purposes: ['CRIMINAL_INVESTIGATION'], projects: [] },
  purpose: 'CRIMINAL_INVESTIGATION',
};
const request = (query: string): SubgraphRequest => ({ method: 'POST', path: '/graphql', body: Buffer.from(JSON.stringify({ query })) });

/** The refusal `run` throws: its status and reason. */
async function refusal(run: () => unknown): Promise<{ status: number; reason: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof RequestRefusedError) return { status: error.status, reason: error.reason };
    throw error;
  }
  throw new Error('not refused');
}

it('gives the caller back for the very request it was signed for, once', async () => {
  const verify = createGatewayTokenVerifier({ jwks: { keys: [jwk(publicKey)] }, subgraph: 'national' });
  const sent = request('{ a }');
  const token = sign(caller, 'national', sent);
  const check = await verify(token, { method: 'POST', path: '/graphql' });
  expect(check.caller).toEqual(caller);
  check.acceptBody(sent.body);
  expect(await refusal(async () => (await verify(token, { method: 'POST', path: '/graphql' })).acceptBody(sent.body))).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_REPLAYED' });
});

it('refuses with 503 when the replay cache is full of live ids, and still knows every id it holds', async () => {
  const verify = createGatewayTokenVerifier({ jwks: { keys: [jwk(publicKey)] }, subgraph: 'national', replayCache: createReplayCache({ maxEntries: 1 }) });
  const first = request('{ first }');
  const firstToken = sign(caller, 'national', first);
  (await verify(firstToken, { method: 'POST', path: '/graphql' })).acceptBody(first.body);
  const second = request('{ second }');
  const secondCheck = await verify(sign(caller, 'national', second), { method: 'POST', path: '/graphql' });
  expect(await refusal(() => secondCheck.acceptBody(second.body))).toEqual({ status: 503, reason: 'GATEWAY_TOKEN_REPLAY_CACHE_FULL' });
  expect(await refusal(() => verify(firstToken, { method: 'POST', path: '/graphql' }))).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_REPLAYED' });
});
