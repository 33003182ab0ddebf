import { SignJWT } from 'jose';
import {
  createGatewayTokenSigner,
  GATEWAY_TOKEN_HEADER,
  GATEWAY_TOKEN_ISSUER,
  type SubgraphTokenKey,
  subgraphTokenKey,
} from '@intel-gateway/shared/identity';
import { mintAgencyToken, newSubgraphTokenKey, STORY, subgraphTokenKeysOf } from '@intel-gateway/tools';
import {
  DEFAULT_CALLER,
  DEFAULT_CALLER_CONTEXT,
  postGraphQL,
  startTestFederation,
  startTestSubgraph,
  subgraphRequest,
  type TestFederation,
} from './harness';

/**
 * Defence in depth: a subgraph answers only the gateway. Reached directly, with an agency
 * token, an expired gateway token, another subgraph's token, a token signed by some other
 * key, or none, it returns 401 and no data.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

const OPERATIONS: Record<string, string> = {
  interpol: `{ notice(id: "${STORY.redNotice.id}") { id subject { name { familyName } } } }`,
  europol: `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id category } }`,
  national: `{ caseFile(id: "${STORY.stolenGbPassport.caseFileId}") { id title } }`,
};
const SECRETS = [STORY.redNotice.id, STORY.redNotice.europolEntryId, STORY.stolenGbPassport.caseFileId];

/** A gateway token (HS256) for `subgraph`, signed with its own key unless `key` is given, issued two minutes ago. */
async function gatewayTokenFor(subgraph: string, options: { expiresIn?: string; key?: SubgraphTokenKey } = {}) {
  const key = options.key ?? subgraphTokenKeysOf(federation.identity)[subgraph]![0]!;
  const { principal, purpose } = DEFAULT_CALLER_CONTEXT;
  return new SignJWT({
    agency: principal.agency,
    agencyKind: principal.agencyKind,
    agencyGroups: principal.agencyGroups,
    country: principal.country,
    roles: principal.roles,
    clearance: principal.clearance,
    purposes: principal.purposes,
    projects: [],
    purpose,
  })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setIssuer(GATEWAY_TOKEN_ISSUER)
    .setAudience(subgraph)
    .setSubject(principal.user)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
    .setExpirationTime(options.expiresIn ?? '1m')
    .sign(key.secret);
}

describe.each(['interpol', 'europol', 'national'] as const)('%s subgraph reached directly', (name) => {
  const call = async (headers: Record<string, string>) => {
    const { status, body } = await postGraphQL(federation.subgraphs[name].url, OPERATIONS[name]!, undefined, headers);
    const text = JSON.stringify(body);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(body).not.toHaveProperty('data');
    return { status, reason: body.errors?.[0]?.extensions?.reason };
  };

  it('answers the gateway (a valid gateway token for this subgraph)', async () => {
    const { status, body } = await postGraphQL(
      federation.subgraphs[name].url,
      OPERATIONS[name]!,
      undefined,
      await federation.subgraphs[name].gatewayHeaders(OPERATIONS[name]!),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data as object)[0]).not.toBeNull();
  });

  it('refuses a request with no token', async () => expect(await call({})).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_MISSING' }));

  it("refuses an agency's own token, however valid at the gateway", async () => {
    const agencyToken = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER });
    expect(await call({ authorization: `Bearer ${agencyToken}`, 'x-purpose': 'CRIMINAL_INVESTIGATION' })).toEqual({
      status: 401,
      reason: 'GATEWAY_TOKEN_MISSING',
    });
    expect(await call({ [GATEWAY_TOKEN_HEADER]: agencyToken })).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  });

  it('refuses an expired gateway token', async () => {
    expect(await call({ [GATEWAY_TOKEN_HEADER]: await gatewayTokenFor(name, { expiresIn: '-30s' }) })).toEqual({
      status: 401,
      reason: 'GATEWAY_TOKEN_EXPIRED',
    });
  });

  it('refuses a gateway token made for another subgraph', async () => {
    const other = name === 'interpol' ? 'national' : 'interpol';
    const sign = createGatewayTokenSigner({ keys: subgraphTokenKeysOf(federation.identity), ttlSeconds: 5 });
    const request = subgraphRequest(federation.subgraphs[name].url, OPERATIONS[name]!);
    expect(await call({ [GATEWAY_TOKEN_HEADER]: sign(DEFAULT_CALLER_CONTEXT, other, request) })).toEqual({
      status: 401,
      reason: 'GATEWAY_TOKEN_INVALID',
    });
  });

  it('refuses a token signed by a key that is not this subgraph’s, even under its kid', async () => {
    const own = subgraphTokenKeysOf(federation.identity)[name]![0]!;
    const stranger = { ...subgraphTokenKey(name, newSubgraphTokenKey(), 'test'), kid: own.kid };
    expect(await call({ [GATEWAY_TOKEN_HEADER]: await gatewayTokenFor(name, { key: stranger }) })).toEqual({
      status: 401,
      reason: 'GATEWAY_TOKEN_INVALID',
    });
  });

  it("refuses a token signed with another subgraph's key for this one: a subgraph can mint tokens for no other", async () => {
    const other = name === 'interpol' ? 'national' : 'interpol';
    const otherKey = subgraphTokenKeysOf(federation.identity)[other]![0]!;
    const sign = createGatewayTokenSigner({ keys: { [name]: [otherKey] }, ttlSeconds: 5 });
    const request = subgraphRequest(federation.subgraphs[name].url, OPERATIONS[name]!);
    expect(await call({ [GATEWAY_TOKEN_HEADER]: sign(DEFAULT_CALLER_CONTEXT, name, request) })).toEqual({
      status: 401,
      reason: 'GATEWAY_TOKEN_INVALID',
    });
  });
});

describe('key rotation', () => {
  /** A national subgraph (on the federation's database) that holds `keys`, the current one first. */
  async function nationalWith(keys: string[]) {
    const identity = { ...federation.identity, subgraphTokenKeys: { ...federation.identity.subgraphTokenKeys, national: keys } };
    return startTestSubgraph('national', federation.subgraphs.national.connection.name, identity);
  }
  /** The status and refusal reason of the national operation signed with `key` for the subgraph at `url`. */
  async function callWith(url: string, key: string) {
    const sign = createGatewayTokenSigner({ keys: { national: [subgraphTokenKey('national', key, 'test')] }, ttlSeconds: 5 });
    const { status, body } = await postGraphQL(url, OPERATIONS.national!, undefined, {
      [GATEWAY_TOKEN_HEADER]: sign(DEFAULT_CALLER_CONTEXT, 'national', subgraphRequest(url, OPERATIONS.national!)),
    });
    return {
      status,
      reason: body.errors?.[0]?.extensions?.reason,
      answered: body.data?.caseFile?.id === STORY.stolenGbPassport.caseFileId,
    };
  }

  it('accepts the previous key while it is still listed, and refuses it once removed', async () => {
    const previous = federation.identity.subgraphTokenKeys.national![0]!;
    const current = newSubgraphTokenKey();
    const rolling = await nationalWith([current, previous]);
    try {
      expect(await callWith(rolling.url, previous)).toEqual({ status: 200, reason: undefined, answered: true });
      expect(await callWith(rolling.url, current)).toEqual({ status: 200, reason: undefined, answered: true });
    } finally {
      await rolling.stop();
    }
    const rotated = await nationalWith([current]);
    try {
      expect(await callWith(rotated.url, previous)).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID', answered: false });
      expect(await callWith(rotated.url, current)).toEqual({ status: 200, reason: undefined, answered: true });
    } finally {
      await rotated.stop();
    }
  });
});
