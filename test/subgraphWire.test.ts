import { createHash, createHmac, createPrivateKey, type JsonWebKey, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { close, listen } from '@intel-gateway/shared/http';
import { GATEWAY_TOKEN_HEADER, gatewayTokenClaims } from '@intel-gateway/shared/identity';
import { createLogger } from '@intel-gateway/shared/observability';
import { mintAgencyToken, STORY, subgraphTokenKeysOf } from '@intel-gateway/tools';
import {
  DEFAULT_CALLER,
  DEFAULT_CALLER_CONTEXT,
  silentLogger,
  startExtraGateway,
  startSubgraphProxy,
  startTestFederation,
  type TestFederation,
} from './harness';

/**
 * Attacks by someone on the network between the gateway and the subgraphs. A recording
 * proxy sits between a gateway and the national subgraph and captures what the gateway
 * really sends (and, for a second gateway, an interceptor keeps the request and never
 * delivers it, so its token is still unspent); each test then plays the captured request (or its token) as an attacker
 * would, straight to a subgraph. None of them may get data: a gateway token fits one
 * request (method, path, exact body, subgraph), once, for a few seconds.
 */
let federation: TestFederation;
let gatewayUrl: string;
let interceptingGatewayUrl: string;
let stopExtra: () => Promise<void>;
const intercepted: Captured[] = [];
interface Captured {
  body: string;
  method: string;
  path: string;
  token: string;
}
const captured: Captured[] = [];

/** An NCB-FR analyst's operation that the gateway sends on to the national subgraph. */
const OPERATION = `query Q($id: ID!) { notice(id: $id) { id nationalRecords { id } } }`;

/** What the national subgraph logs at `warn` and above (each line, as written). */
const nationalWarnings: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      nationalWarnings.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line.length > 0),
      );
      done();
    },
  });
  federation = await startTestFederation({
    logger: (service) => (service === 'national' ? createLogger(service, 'warn', sink) : silentLogger),
  });
  const proxy = await startSubgraphProxy(federation.subgraphs.national.url, {
    onRequest: (body, request) => {
      const token = request.headers[GATEWAY_TOKEN_HEADER];
      if (typeof token === 'string') captured.push({ body, method: request.method, path: request.path, token });
    },
  });
  const extra = await startExtraGateway(federation, { subgraphUrls: { national: proxy.url } });
  gatewayUrl = extra.url;
  // A man in the middle that keeps the national request and never delivers it.
  const interceptor = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const token = req.headers[GATEWAY_TOKEN_HEADER];
      if (typeof token === 'string')
        intercepted.push({ body: Buffer.concat(chunks).toString('utf8'), method: req.method ?? 'GET', path: req.url ?? '/', token });
      res.writeHead(503).end();
    });
  });
  const interceptorUrl = `${await listen(interceptor, '127.0.0.1', 0)}/graphql`;
  const intercepting = await startExtraGateway(federation, { subgraphUrls: { national: interceptorUrl } });
  interceptingGatewayUrl = intercepting.url;
  stopExtra = async () => {
    await extra.gateway.stop();
    await intercepting.gateway.stop();
    await proxy.close();
    await close(interceptor);
  };
});
afterAll(async () => {
  await stopExtra();
  await federation.stop();
});

/** Runs the operation through the recording gateway and returns what it sent the national subgraph. */
async function captureRequest() {
  const before = captured.length;
  const { body } = await postThroughRecordingGateway();
  expect(body.errors).toBeUndefined();
  expect(captured.length).toBeGreaterThan(before);
  return captured[captured.length - 1]!;
}

/** Runs the operation through the gateway whose national calls are intercepted, and returns the request that never arrived. */
async function interceptRequest() {
  const before = intercepted.length;
  const { body } = await postThroughRecordingGateway(interceptingGatewayUrl);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'national' });
  expect(intercepted.length).toBe(before + 1);
  return intercepted[before]!;
}

/** Runs the operation, as the default caller, through the gateway whose national calls are recorded (or another). */
async function postThroughRecordingGateway(url = gatewayUrl) {
  const token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'CRIMINAL_INVESTIGATION' },
    body: JSON.stringify({ query: OPERATION, variables: { id: STORY.redNotice.id } }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: Record<string, unknown> }[] } };
}

/** Sends a request to a subgraph as an attacker on the wire would; returns the status, the refusal reason and whether any data came back. */
async function sendToSubgraph(
  subgraph: 'national' | 'interpol',
  options: { token: string; body: string; method?: string; pathSuffix?: string },
) {
  const response = await fetch(federation.subgraphs[subgraph].url + (options.pathSuffix ?? ''), {
    method: options.method ?? 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_TOKEN_HEADER]: options.token },
    ...(options.method === 'GET' ? {} : { body: options.body }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { reason?: string } }[] };
  return { status: response.status, reason: body.errors?.[0]?.extensions?.reason, data: body.data };
}

/** A body asking the national subgraph for what the attacker wants, not what the gateway asked. */
const OTHER_BODY = JSON.stringify({
  query: `query E($r: [_Any!]!) { caseFile(id: "${STORY.stolenGbPassport.caseFileId}") { id title } _entities(representations: $r) { ... on NationalPerson { id } } }`,
  variables: { r: STORY.redNotice.nationalPersonIds.map((id) => ({ __typename: 'NationalPerson', id })) },
});

it('the federation still answers through the gateway, and the national subgraph was asked', async () => {
  const { status, body } = await postThroughRecordingGateway();
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.notice.id).toBe(STORY.redNotice.id);
  expect(body.data.notice.nationalRecords.length).toBeGreaterThan(0);
});

it('a captured request replayed verbatim is refused as replayed', async () => {
  const request = await captureRequest();
  expect(await sendToSubgraph('national', { token: request.token, body: request.body })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REPLAYED',
    data: undefined,
  });
});

it('a captured token, already used, with another body is refused', async () => {
  const request = await captureRequest();
  expect(await sendToSubgraph('national', { token: request.token, body: OTHER_BODY })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REPLAYED',
    data: undefined,
  });
});

it('an intercepted token (never delivered) with another body is refused, and the changed body does not spend it', async () => {
  const request = await interceptRequest();
  expect(await sendToSubgraph('national', { token: request.token, body: OTHER_BODY })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_BODY_MISMATCH',
    data: undefined,
  });
  // The attacker cannot burn the genuine request's token with a changed body either: delivered late, it still answers (once).
  const delivered = await sendToSubgraph('national', { token: request.token, body: request.body });
  expect(delivered.status).toBe(200);
  expect(await sendToSubgraph('national', { token: request.token, body: request.body })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REPLAYED',
    data: undefined,
  });
});

it('an intercepted token with the same body re-encoded (one space more) is refused: the exact bytes are signed', async () => {
  const request = await interceptRequest();
  const reencoded = JSON.stringify(JSON.parse(request.body), null, 1);
  expect(await sendToSubgraph('national', { token: request.token, body: reencoded })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_BODY_MISMATCH',
    data: undefined,
  });
});

it('a captured token sent to another subgraph is refused', async () => {
  const request = await captureRequest();
  const body = JSON.stringify({ query: `{ notice(id: "${STORY.redNotice.id}") { id } }` });
  expect(await sendToSubgraph('interpol', { token: request.token, body })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_INVALID',
    data: undefined,
  });
});

it('a captured token used with another method or path is refused', async () => {
  const request = await captureRequest();
  const query = encodeURIComponent(`{ caseFile(id: "${STORY.stolenGbPassport.caseFileId}") { id title } }`);
  expect(await sendToSubgraph('national', { token: request.token, body: '', method: 'GET', pathSuffix: `?query=${query}` })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REQUEST_MISMATCH',
    data: undefined,
  });
  expect(await sendToSubgraph('national', { token: request.token, body: request.body, pathSuffix: '?x=1' })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_REQUEST_MISMATCH',
    data: undefined,
  });
});

it('each subgraph request carries its own token: a new id, a lifetime of seconds, never reused', async () => {
  const first = await captureRequest();
  const second = await captureRequest();
  expect(second.body).toBe(first.body);
  expect(second.token).not.toBe(first.token);
  const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const [a, b] = [claims(first.token), claims(second.token)];
  expect(typeof a.jti).toBe('string');
  expect(a.jti).not.toBe(b.jti);
  expect((a.exp as number) - (a.iat as number)).toBeLessThanOrEqual(5);
  expect(a).toMatchObject({
    aud: 'national',
    htm: 'POST',
    htu: first.path,
    body_sha256: createHash('sha256').update(first.body).digest('base64url'),
  });
});

/** How a crafted token is signed: HS256 under a subgraph's key (national's by default, named by its kid unless `kid` says otherwise), Ed25519 under the gateway's own key (the old tokens), or not at all. */
type Signing = { alg: 'HS256'; subgraph: string; kid?: string } | { alg: 'EdDSA' } | { alg: 'none' };

/** A token for exactly this body to the national subgraph, with the times given (seconds from now), signed as `signing` says. */
async function craftedToken(body: string, times: { iat: number; exp: number }, signing: Signing = { alg: 'HS256', subgraph: 'national' }) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    ...gatewayTokenClaims(DEFAULT_CALLER_CONTEXT, 'national', { method: 'POST', path: '/graphql', body: Buffer.from(body) }, 0),
    iat: now + times.iat,
    exp: now + times.exp,
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  if (signing.alg === 'none') return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
  if (signing.alg === 'EdDSA') {
    const input = `${encode({ alg: 'EdDSA', typ: 'JWT', kid: federation.identity.gateway.privateKey.kid })}.${encode(claims)}`;
    return `${input}.${sign(null, Buffer.from(input), createPrivateKey({ key: federation.identity.gateway.privateKey as JsonWebKey, format: 'jwk' })).toString('base64url')}`;
  }
  const key = subgraphTokenKeysOf(federation.identity)[signing.subgraph]![0]!;
  const input = `${encode({ alg: 'HS256', typ: 'JWT', kid: signing.kid ?? key.kid })}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', key.secret).update(input).digest('base64url')}`;
}

it("a token crafted with the national subgraph's own key answers (the crafted tokens below differ from it only in how they are signed)", async () => {
  const result = await sendToSubgraph('national', { token: await craftedToken(OTHER_BODY, { iat: 0, exp: 5 }), body: OTHER_BODY });
  expect(result).toMatchObject({ status: 200, reason: undefined });
  expect(result.data).toBeDefined();
});

it("a token HMAC'd with another subgraph's key is refused, under that subgraph's kid or national's: a subgraph can mint tokens for no other", async () => {
  const interpolKid = subgraphTokenKeysOf(federation.identity).interpol![0]!.kid;
  const nationalKid = subgraphTokenKeysOf(federation.identity).national![0]!.kid;
  for (const kid of [interpolKid, nationalKid]) {
    const token = await craftedToken(OTHER_BODY, { iat: 0, exp: 5 }, { alg: 'HS256', subgraph: 'interpol', kid });
    expect(await sendToSubgraph('national', { token, body: OTHER_BODY })).toEqual({
      status: 401,
      reason: 'GATEWAY_TOKEN_INVALID',
      data: undefined,
    });
  }
});

it("an Ed25519 token signed with the gateway's own key (the old tokens) is refused", async () => {
  const token = await craftedToken(OTHER_BODY, { iat: 0, exp: 5 }, { alg: 'EdDSA' });
  expect(await sendToSubgraph('national', { token, body: OTHER_BODY })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_INVALID',
    data: undefined,
  });
});

it('an unsigned token (alg none) is refused', async () => {
  const token = await craftedToken(OTHER_BODY, { iat: 0, exp: 5 }, { alg: 'none' });
  expect(await sendToSubgraph('national', { token, body: OTHER_BODY })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_INVALID',
    data: undefined,
  });
});

it('an expired token is refused, even for its own body', async () => {
  expect(await sendToSubgraph('national', { token: await craftedToken(OTHER_BODY, { iat: -40, exp: -30 }), body: OTHER_BODY })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_EXPIRED',
    data: undefined,
  });
});

it('a token that lives longer than the subgraph accepts is refused', async () => {
  expect(await sendToSubgraph('national', { token: await craftedToken(OTHER_BODY, { iat: 0, exp: 3_600 }), body: OTHER_BODY })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_LIFETIME_TOO_LONG',
    data: undefined,
  });
});

it('a token issued in the future is refused', async () => {
  expect(await sendToSubgraph('national', { token: await craftedToken(OTHER_BODY, { iat: 600, exp: 605 }), body: OTHER_BODY })).toEqual({
    status: 401,
    reason: 'GATEWAY_TOKEN_ISSUED_IN_FUTURE',
    data: undefined,
  });
});

it('the subgraph logs each refusal as a warning with its reason, never the token', async () => {
  const request = await captureRequest();
  const before = nationalWarnings.length;
  await sendToSubgraph('national', { token: request.token, body: request.body });
  const logged = nationalWarnings.slice(before).map((line) => JSON.parse(line) as { msg: string; reason?: string });
  expect(logged).toEqual([expect.objectContaining({ msg: 'gateway token refused', reason: 'GATEWAY_TOKEN_REPLAYED' })]);
  expect(nationalWarnings.join('\n')).not.toContain(request.token.split('.')[2]);
});
