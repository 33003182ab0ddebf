import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { createGatewayTokenSigner, GATEWAY_TOKEN_HEADER, GATEWAY_TOKEN_ISSUER } from '@intel-gateway/shared';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { DEFAULT_CALLER, DEFAULT_CALLER_CONTEXT, postGraphQL, startTestFederation, subgraphRequest, type TestFederation } from './harness';

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

async function gatewayTokenFor(subgraph: string, options: { expiresIn?: string; key?: Parameters<SignJWT['sign']>[0] } = {}) {
  const key = options.key ?? (await importJWK(federation.identity.gateway.privateKey, 'EdDSA'));
  const { principal, purpose } = DEFAULT_CALLER_CONTEXT;
  return new SignJWT({ agency: principal.agency, agencyKind: principal.agencyKind, agencyGroups: principal.agencyGroups, country: principal.country, roles: principal.roles, clearance: principal.clearance, purposes: principal.purposes, projects: [], purpose })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(GATEWAY_TOKEN_ISSUER)
    .setAudience(subgraph)
    .setSubject(principal.user)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
    .setExpirationTime(options.expiresIn ?? '1m')
    .sign(key);
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
    const { status, body } = await postGraphQL(federation.subgraphs[name].url, OPERATIONS[name]!, undefined, await federation.subgraphs[name].gatewayHeaders(OPERATIONS[name]!));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data as object)[0]).not.toBeNull();
  });

  it('refuses a request with no token', async () => expect(await call({})).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_MISSING' }));

  it("refuses an agency's own token, however valid at the gateway", async () => {
    const agencyToken = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER });
    expect(await call({ authorization: `Bearer ${agencyToken}`, 'x-purpose': 'CRIMINAL_INVESTIGATION' })).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_MISSING' });
    expect(await call({ [GATEWAY_TOKEN_HEADER]: agencyToken })).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  });

  it('refuses an expired gateway token', async () => {
    expect(await call({ [GATEWAY_TOKEN_HEADER]: await gatewayTokenFor(name, { expiresIn: '-30s' }) })).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_EXPIRED' });
  });

  it("refuses a gateway token made for another subgraph", async () => {
    const other = name === 'interpol' ? 'national' : 'interpol';
    const sign = createGatewayTokenSigner({ privateKey: federation.identity.gateway.privateKey, ttlSeconds: 5 });
    const request = subgraphRequest(federation.subgraphs[name].url, OPERATIONS[name]!);
    expect(await call({ [GATEWAY_TOKEN_HEADER]: sign(DEFAULT_CALLER_CONTEXT, other, request) })).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  });

  it('refuses a token signed by a key that is not the gateway’s', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    expect(await call({ [GATEWAY_TOKEN_HEADER]: await gatewayTokenFor(name, { key: privateKey }) })).toEqual({ status: 401, reason: 'GATEWAY_TOKEN_INVALID' });
  });
});
