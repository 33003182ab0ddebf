import { createHmac, generateKeyPairSync, randomBytes, sign as ed25519Sign } from 'node:crypto';
import { RequestRefusedError } from '../errors';
import { createReplayCache } from './createReplayCache';
import {
  type CallerContext,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  GATEWAY_TOKEN_ISSUER,
  type SubgraphRequest,
} from './gatewayToken';
import { subgraphTokenKey } from './subgraphTokenKeys';

/** The gateway token's binding to one request, its keys, and a full replay cache, checked without a network. */
const newKey = (subgraph: string) => subgraphTokenKey(subgraph, randomBytes(32).toString('base64url'), 'test');
const nationalKey = newKey('national');
const europolKey = newKey('europol');
const sign = createGatewayTokenSigner({ keys: { national: [nationalKey], europol: [europolKey] }, ttlSeconds: 5 });
const verifier = (keys = [nationalKey]) => createGatewayTokenVerifier({ keys, subgraph: 'national' });
const AT = { method: 'POST', path: '/graphql' };
const caller: CallerContext = {
  principal: {
    user: 'u',
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
  const verify = verifier();
  const sent = request('{ a }');
  const token = sign(caller, 'national', sent);
  const check = await verify(token, { method: 'POST', path: '/graphql' });
  expect(check.caller).toEqual(caller);
  check.acceptBody(sent.body);
  expect(await refusal(async () => (await verify(token, { method: 'POST', path: '/graphql' })).acceptBody(sent.body))).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REPLAYED',
  });
});

it('refuses with 503 when the replay cache is full of live ids, and still knows every id it holds', async () => {
  const verify = createGatewayTokenVerifier({
    keys: [nationalKey],
    subgraph: 'national',
    replayCache: createReplayCache({ maxEntries: 1 }),
  });
  const first = request('{ first }');
  const firstToken = sign(caller, 'national', first);
  (await verify(firstToken, { method: 'POST', path: '/graphql' })).acceptBody(first.body);
  const second = request('{ second }');
  const secondCheck = await verify(sign(caller, 'national', second), { method: 'POST', path: '/graphql' });
  expect(await refusal(() => secondCheck.acceptBody(second.body))).toEqual({ status: 503, reason: 'GATEWAY_TOKEN_REPLAY_CACHE_FULL' });
  expect(await refusal(() => verify(firstToken, { method: 'POST', path: '/graphql' }))).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REPLAYED',
  });
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The claims the gateway would sign for `sent` to the national subgraph, from a token it signed. */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

it('is a compact HS256 JWT whose kid names the subgraph and its key version', () => {
  const token = sign(caller, 'national', request('{ a }'));
  const [header, , mac] = token.split('.');
  expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT', kid: nationalKey.kid });
  expect(nationalKey.kid).toMatch(/^national\.[A-Za-z0-9_-]{12}$/);
  expect(Buffer.from(mac!, 'base64url')).toHaveLength(32);
  expect(claimsOf(token)).toMatchObject({ iss: GATEWAY_TOKEN_ISSUER, aud: 'national', sub: 'u', htm: 'POST', htu: '/graphql' });
});

it("refuses a token MAC'd with another subgraph's key, whichever audience and kid it claims", async () => {
  const sent = request('{ a }');
  // The europol subgraph holds its own key only: with it, it can mint a national token that names its own kid, or national's.
  const forEuropol = sign(caller, 'europol', sent);
  expect(await refusal(() => verifier()(forEuropol, AT))).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  const claims = { ...claimsOf(forEuropol), aud: 'national' };
  for (const kid of [europolKey.kid, nationalKey.kid]) {
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(claims)}`;
    const forged = `${input}.${createHmac('sha256', europolKey.secret).update(input).digest('base64url')}`;
    expect(await refusal(() => verifier()(forged, AT))).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  }
});

it('refuses an Ed25519-signed (old-style) token, an alg:none token and any other algorithm', async () => {
  const claims = claimsOf(sign(caller, 'national', request('{ a }')));
  const { privateKey } = generateKeyPairSync('ed25519');
  const edInput = `${b64({ alg: 'EdDSA', typ: 'JWT', kid: nationalKey.kid })}.${b64(claims)}`;
  const ed25519 = `${edInput}.${ed25519Sign(null, Buffer.from(edInput), privateKey).toString('base64url')}`;
  const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  const noneWithKid = `${b64({ alg: 'none', kid: nationalKey.kid })}.${b64(claims)}.`;
  // Right key, wrong algorithm name: HS512 (or HS384) with the subgraph's key is still refused.
  const hsInput = `${b64({ alg: 'HS512', typ: 'JWT', kid: nationalKey.kid })}.${b64(claims)}`;
  const hs512 = `${hsInput}.${createHmac('sha512', nationalKey.secret).update(hsInput).digest('base64url')}`;
  for (const token of [ed25519, none, noneWithKid, hs512]) {
    expect(await refusal(() => verifier()(token, AT))).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  }
});

it('refuses a token whose claims or MAC were changed after signing', async () => {
  const token = sign(caller, 'national', request('{ a }'));
  const [header, payload, mac] = token.split('.');
  const raised = `${header}.${b64({ ...claimsOf(token), clearance: 'SECRET' })}.${mac}`;
  // The MAC's first character replaced by another: a MAC that always differs, whatever the random key and id made of it.
  const flipped = `${header}.${payload}.${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`;
  for (const bad of [raised, flipped, `${token}.x`, token.split('.').slice(0, 2).join('.')]) {
    expect(await refusal(() => verifier()(bad, AT))).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  }
});

it('accepts the previous key while it is still listed during a rotation, and refuses it once removed', async () => {
  const previous = nationalKey;
  const current = newKey('national');
  const signedWithPrevious = createGatewayTokenSigner({ keys: { national: [previous] }, ttlSeconds: 5 });
  const signedWithCurrent = createGatewayTokenSigner({ keys: { national: [current, previous] }, ttlSeconds: 5 });
  const rolling = verifier([current, previous]);
  for (const signer of [signedWithPrevious, signedWithCurrent]) {
    const sent = request('{ a }');
    (await rolling(signer(caller, 'national', sent), AT)).acceptBody(sent.body);
  }
  const rotated = verifier([current]);
  expect(await refusal(() => rotated(signedWithPrevious(caller, 'national', request('{ a }')), AT))).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_INVALID',
  });
  const sent = request('{ b }');
  (await rotated(signedWithCurrent(caller, 'national', sent), AT)).acceptBody(sent.body);
});

it('refuses another body, another method or path, and a token for a subgraph with no key', async () => {
  const sent = request('{ a }');
  const check = await verifier()(sign(caller, 'national', sent), AT);
  expect(await refusal(() => check.acceptBody(request('{ b }').body))).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_BODY_MISMATCH' });
  expect(await refusal(() => verifier()(sign(caller, 'national', sent), { method: 'GET', path: '/graphql' }))).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REQUEST_MISMATCH',
  });
  expect(await refusal(() => verifier()(sign(caller, 'national', sent), { method: 'POST', path: '/graphql?x=1' }))).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REQUEST_MISMATCH',
  });
  expect(() => sign(caller, 'interpol', sent)).toThrow('no token key for subgraph "interpol"');
});
