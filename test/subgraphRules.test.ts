import { readFileSync } from 'node:fs';
import { close, listen } from '@intel-gateway/shared/http';
import {
  type CallerContext,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  GATEWAY_TOKEN_HEADER,
  subgraphTokenKey,
} from '@intel-gateway/shared/identity';
import { commonSdlPath } from '@intel-gateway/shared/registry';
import { createSubgraphServer, hasRole, subgraphPermissions } from '@intel-gateway/shared/subgraph';
import { newSubgraphTokenKey, STORY, subgraphTokenKeysOf } from '@intel-gateway/tools';
import { DEFAULT_CALLER_CONTEXT, postGraphQL, silentLogger, startTestFederation, subgraphRequest, type TestFederation } from './harness';

/**
 * Each subgraph's own rules, behind the gateway: deny by default, entity types guarded
 * as well as Query (since `_entities` bypasses Query rules), and a caller with no role
 * reads nothing, even with a valid gateway token.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

const NO_ROLES: CallerContext = { principal: { ...DEFAULT_CALLER_CONTEXT.principal, roles: [] }, purpose: 'CRIMINAL_INVESTIGATION' };

async function asCaller(
  subgraph: 'interpol' | 'europol' | 'national',
  caller: CallerContext,
  query: string,
  variables?: Record<string, unknown>,
) {
  const sign = createGatewayTokenSigner({ keys: subgraphTokenKeysOf(federation.identity), ttlSeconds: 5 });
  const { url } = federation.subgraphs[subgraph];
  return postGraphQL(url, query, variables, { [GATEWAY_TOKEN_HEADER]: sign(caller, subgraph, subgraphRequest(url, query, variables)) });
}

describe.each([
  ['interpol', `{ notice(id: "${STORY.redNotice.id}") { id } }`, 'Notice', { id: STORY.redNotice.id }],
  ['europol', `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id } }`, 'PersonEntry', { id: STORY.redNotice.europolEntryId }],
  ['national', `{ caseFile(id: "${STORY.stolenGbPassport.caseFileId}") { id } }`, 'CaseFile', { id: STORY.stolenGbPassport.caseFileId }],
] as const)('%s', (subgraph, query, entityType, key) => {
  it('gives a caller with no role nothing through Query, but answers __typename', async () => {
    const { body } = await asCaller(subgraph, NO_ROLES, `${query.slice(0, -1)} __typename }`);
    expect(body.data).toEqual({ [Object.keys(body.data ?? { x: 0 })[0]!]: null, __typename: 'Query' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_PERMITTED' });
    expect(JSON.stringify(body)).not.toContain(Object.values(key)[0]);
  });

  it('gives a caller with no role nothing through _entities either', async () => {
    const { body } = await asCaller(
      subgraph,
      NO_ROLES,
      `query E($r: [_Any!]!) { _entities(representations: $r) { ... on ${entityType} { id } } }`,
      {
        r: [{ __typename: entityType, ...key }],
      },
    );
    expect(body.data?._entities).toEqual([null]);
    expect(body.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('answers a caller with a role', async () => {
    const { body } = await asCaller(subgraph, DEFAULT_CALLER_CONTEXT, query);
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data as object)[0]).toEqual(key);
  });
});

describe('per-role rules, even with a valid gateway token', () => {
  const as = (changes: Partial<CallerContext['principal']>): CallerContext => ({
    principal: { ...DEFAULT_CALLER_CONTEXT.principal, ...changes },
    purpose: 'CRIMINAL_INVESTIGATION',
  });

  it('national: a frontline officer reads no case file, directly or as an entity', async () => {
    const frontline = as({ roles: ['FRONTLINE'] });
    const direct = await asCaller('national', frontline, `{ caseFile(id: "${STORY.stolenGbPassport.caseFileId}") { id title } }`);
    expect(direct.body.data?.caseFile).toBeNull();
    expect(direct.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_PERMITTED' });
    const entity = await asCaller(
      'national',
      frontline,
      'query E($r: [_Any!]!) { _entities(representations: $r) { ... on CaseFile { title } } }',
      {
        r: [{ __typename: 'CaseFile', id: STORY.stolenGbPassport.caseFileId }],
      },
    );
    expect(entity.body.data?._entities).toEqual([null]);
    expect(JSON.stringify(entity.body)).not.toContain('"title":"');
  });

  it('interpol: a regional agency analyst reads notices but not the INTERPOL channel', async () => {
    const regional = as({ agency: 'EUROPOL', agencyKind: 'REGIONAL_AGENCY', country: 'NL', roles: ['ANALYST'] });
    const { body } = await asCaller('interpol', regional, `{ notice(id: "${STORY.redNotice.id}") { id redNotice { charges } } }`);
    expect(body.data?.notice).toEqual({ id: STORY.redNotice.id, redNotice: null });
    expect(body.errors?.map((e) => [e.path, e.extensions?.reason])).toEqual([[['notice', 'redNotice'], 'AGENCY_NOT_PERMITTED']]);
  });

  it('europol: an NCB analyst outside analysis projects reads no analysis data', async () => {
    const { body } = await asCaller(
      'europol',
      as({ roles: ['ANALYST'] }),
      `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id } }`,
    );
    expect(body.data?.personEntry).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_PERMITTED' });
  });
});

it('denies a type that has no rule (deny by default), while listed types answer', async () => {
  const probeKeys = [subgraphTokenKey('probe', newSubgraphTokenKey(), 'probe')];
  const server = await createSubgraphServer<{ caller: CallerContext }>({
    name: 'probe',
    sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
      type Query { listed: Listed  unlisted: Unlisted }
      type Listed @key(fields: "value") { value: String }
      type Unlisted { value: String }
      ${readFileSync(commonSdlPath, 'utf8')}`,
    resolvers: { Query: { listed: () => ({ value: 'open' }), unlisted: () => ({ value: 'hidden' }) } },
    permissions: subgraphPermissions({ Query: { '*': hasRole }, Listed: { '*': hasRole } }),
    gateway: { verifyRequest: createGatewayTokenVerifier({ keys: probeKeys, subgraph: 'probe' }) },
    context: async () => ({}),
    logger: silentLogger,
  });
  const url = `${await listen(server.http, '127.0.0.1', 0)}/graphql`;
  try {
    const sign = createGatewayTokenSigner({ keys: { probe: probeKeys }, ttlSeconds: 5 });
    const query = '{ listed { value } unlisted { value } }';
    const { body } = await postGraphQL(url, query, undefined, {
      [GATEWAY_TOKEN_HEADER]: sign(DEFAULT_CALLER_CONTEXT, 'probe', subgraphRequest(url, query)),
    });
    expect(body.data).toEqual({ listed: { value: 'open' }, unlisted: { value: null } });
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['unlisted', 'value'], 'FORBIDDEN']]);
    expect(JSON.stringify(body)).not.toContain('hidden');
  } finally {
    await close(server.http);
    await server.apollo.stop();
  }
});
