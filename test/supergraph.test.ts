import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, createGatewayServer, type GatewayServer } from '@intel-gateway/gateway';
import { defaultSubgraphUrl, listen, loadSubgraphSdl, subgraphRegistry } from '@intel-gateway/shared';
import { composeProjectSupergraph, mintAgencyToken, STORY, supergraphPath } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, postGraphQL, silentLogger, startTestFederation, testIdentityOptions, type TestFederation } from './harness';

it('the committed supergraph is what the subgraph schemas compose to (run `npm run compose` if not)', () => {
  expect(readFileSync(supergraphPath, 'utf8')).toBe(composeProjectSupergraph());
});

it('composition errors name the conflict', () => {
  const broken = subgraphRegistry.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s) }));
  broken[2] = { ...broken[2]!, sdl: broken[2]!.sdl.replace('enum DocumentType {', 'enum DocumentType {\n  BIRTH_CERTIFICATE') };
  expect(() => composeSupergraph(broken)).toThrow(/composition failed[\s\S]*DocumentType/);
});

describe('hot reload of the supergraph file', () => {
  let federation: TestFederation;
  let gateway: GatewayServer;
  let directory: string;
  let url: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    federation = await startTestFederation();
    directory = mkdtempSync(join(tmpdir(), 'supergraph-'));
    // Start from a supergraph without the national subgraph.
    const withoutNational = composeSupergraph(
      subgraphRegistry.filter((s) => s.name !== 'national').map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s) })),
    );
    writeFileSync(join(directory, 'supergraph.graphql'), withoutNational);
    gateway = await createGatewayServer({
      supergraphPath: join(directory, 'supergraph.graphql'),
      subgraphUrls: Object.fromEntries(Object.values(federation.subgraphs).map((s) => [s.name, s.url])),
      identity: testIdentityOptions(federation.identity),
      subgraphTokens: { privateKey: federation.identity.gateway.privateKey, ttlSeconds: 60 },
      logger: silentLogger,
    });
    url = `${await listen(gateway.http, '127.0.0.1', 0)}/graphql`;
    headers = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
  });
  afterAll(async () => {
    await gateway.stop();
    await federation.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  const query = `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status } cases { id } } }`;

  it('picks up a new supergraph written in place by rename, without a restart', async () => {
    const before = await postGraphQL(url, query, undefined, headers);
    expect(before.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    copyFileSync(supergraphPath, join(directory, 'next.graphql'));
    renameSync(join(directory, 'next.graphql'), join(directory, 'supergraph.graphql'));

    let after = await postGraphQL(url, query, undefined, headers);
    for (let i = 0; i < 50 && after.body.errors; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await postGraphQL(url, query, undefined, headers);
    }
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.travelDocument.cases).toEqual([{ id: STORY.stolenGbPassport.caseFileId }]);
  });

  it('keeps serving the last good supergraph when the file becomes invalid', async () => {
    writeFileSync(join(directory, 'supergraph.graphql'), 'this is not a supergraph');
    await new Promise((r) => setTimeout(r, 500));
    const result = await postGraphQL(url, query, undefined, headers);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.travelDocument.sltd.status).toBe('STOLEN');
  });
});
