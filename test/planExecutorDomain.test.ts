import { createServer } from 'node:http';
import { close, listen } from '@intel-gateway/shared/http';
import { mintAgencyToken, type MintOptions, STORY } from '@intel-gateway/tools';
import {
  callerHeaders,
  DEFAULT_CALLER,
  type GraphQLResult,
  postGraphQL,
  startExtraGateway,
  startTestFederation,
  type TestFederation,
} from './harness';

/**
 * The project's own federation (policy on) through two gateways over the same subgraphs,
 * one with @apollo/gateway's executor and one with the own (GATEWAY_EXECUTOR=own): every
 * operation must answer the same, policy errors, handling extension and hit answers
 * included (a hit's reference is a fresh handle per answer, so only its shape is compared).
 */

type Gateway = Awaited<ReturnType<typeof startExtraGateway>>;
let federation: TestFederation;
const started: Gateway[] = [];

/** A gateway over the federation's subgraphs with the given executor. */
async function gatewayWith(executor: 'apollo' | 'own', subgraphUrls: Record<string, string> = {}): Promise<string> {
  const gateway = await startExtraGateway(federation, { subgraphUrls, planExecutor: executor });
  started.push(gateway);
  return gateway.url;
}

let apolloUrl: string;
let ownUrl: string;
beforeAll(async () => {
  federation = await startTestFederation();
  apolloUrl = await gatewayWith('apollo');
  ownUrl = await gatewayWith('own');
});
afterAll(async () => {
  for (const { gateway } of started) await gateway.stop();
  await federation?.stop();
});

/** The body as compared: hit references (fresh per answer) replaced by a marker. */
function comparable(body: GraphQLResult<unknown>['body']): unknown {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) =>
    key === 'reference' && typeof value === 'string' ? '<reference>' : value,
  );
}

async function both(
  urls: { apollo: string; own: string },
  query: string,
  variables?: Record<string, unknown>,
  caller: Omit<MintOptions, 'identity'> = DEFAULT_CALLER,
  purpose = 'CRIMINAL_INVESTIGATION',
) {
  const headers = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...caller }), purpose);
  const apollo = await postGraphQL(urls.apollo, query, variables, headers);
  const own = await postGraphQL(urls.own, query, variables, headers);
  expect(own.status).toBe(apollo.status);
  expect(comparable(own.body)).toEqual(comparable(apollo.body));
  return own.body;
}

describe('the own executor on the domain federation answers as @apollo/gateway does', () => {
  const urls = () => ({ apollo: apolloUrl, own: ownUrl });

  it('joins a notice across all owners, with the handling extension', async () => {
    const body = await both(
      urls(),
      `query Subject($id: ID!) {
        notice(id: $id) {
          id type status requestingNcb
          subject { name { familyName original script transliterations } dateOfBirth }
          provenance { owner tlp handling { code } }
          nationalRecords { id role provenance { owner } caseFile { id reference } }
          europolEntries { id category project { code } provenance { owner handling { code } } }
        }
      }`,
      { id: STORY.redNotice.id },
    );
    expect(body.data.notice.id).toBe(STORY.redNotice.id);
    expect(body.extensions?.handling).toEqual(expect.arrayContaining([expect.objectContaining({ owner: 'EUROPOL' })]));
  });

  it('resolves a union (LinkedEntry) and nested entity joins', async () => {
    const body = await both(
      urls(),
      `{ objectEntry(id: "${STORY.stolenVehicle.europolObjectId}") { __typename kind vehicle { vin smv { status } cases { id } } links { kind from { __typename ... on PersonEntry { id } ... on ObjectEntry { kind } } } } }`,
    );
    expect(body.data.objectEntry.links).toEqual([
      { kind: 'USES', from: { __typename: 'PersonEntry', id: STORY.redNotice.europolEntryId } },
    ]);
  });

  it.each([true, false])('applies @include(if: %s) on an entity join', async (withCases) => {
    const body = await both(
      urls(),
      `query V($withCases: Boolean!) { vehicle(vin: "${STORY.stolenVehicle.vin}") { vin cases @include(if: $withCases) { id } smv { status } } }`,
      { withCases },
    );
    expect('cases' in body.data.vehicle).toBe(withCases);
  });

  it('gives the same policy denials to a caller with fewer roles', async () => {
    const body = await both(
      urls(),
      `{ analysisProjects(first: 3) { nodes { code participants persons(first: 2) { nodes { id project { code } } } } } }`,
      undefined,
      { ...DEFAULT_CALLER, roles: ['ANALYST'] },
    );
    expect(body.errors?.length ?? 0).toBeGreaterThan(0);
  });

  it('gives the same hit/no-hit answer, at the same path', async () => {
    const body = await both(urls(), `{ biometricCheck(kind: DNA, profile: "${STORY.dnaProfile}") { matched } }`, undefined, {
      agency: 'NCB-DE',
      user: 'de-checks-4',
      roles: ['ANALYST'],
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('HIT');
  });

  it('never hands a caller the query plan, whatever header it sends', async () => {
    // @apollo/gateway's executor answers `Apollo-Query-Plan-Experimental` with the plan (subgraphs, the policy's added fields) unless NODE_ENV=production.
    const headers = {
      ...callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION'),
      'Apollo-Query-Plan-Experimental': '1',
      'Apollo-Query-Plan-Experimental-Format': 'internal',
    };
    const { body } = await postGraphQL(ownUrl, `{ vehicle(vin: "${STORY.stolenVehicle.vin}") { vin cases { id } } }`, undefined, headers);
    expect(body.data?.vehicle?.vin).toBe(STORY.stolenVehicle.vin);
    expect(JSON.stringify(body)).not.toMatch(/queryPlan|QueryPlan|_policy_/);
  });

  it('gives the same partial data and SUBGRAPH_UNAVAILABLE errors when a subgraph is down', async () => {
    const dead = createServer();
    const deadUrl = `${await listen(dead, '127.0.0.1', 0)}/graphql`;
    await close(dead);
    const broken = { apollo: await gatewayWith('apollo', { europol: deadUrl }), own: await gatewayWith('own', { europol: deadUrl }) };
    const body = await both(
      broken,
      `query Subject($id: ID!) { notice(id: $id) { id type europolEntries { id category } nationalRecords { id } } }`,
      { id: STORY.redNotice.id },
    );
    expect(body.data.notice.id).toBe(STORY.redNotice.id);
    expect(body.errors?.some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
  });
});
