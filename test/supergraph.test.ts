import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import pino from 'pino';
import { composeSupergraph, createGatewayServer, type GatewayPolicy, gatewayPolicy, type GatewayServer } from '@intel-gateway/gateway';
import { listen } from '@intel-gateway/shared/http';
import { defaultSubgraphUrl, loadSubgraphSdl, subgraphRegistry } from '@intel-gateway/shared/registry';
import { composeProjectSupergraph, mintAgencyToken, STORY, subgraphTokenKeysOf, supergraphPath } from '@intel-gateway/tools';
import {
  callerHeaders,
  DEFAULT_CALLER,
  postGraphQL,
  startTestFederation,
  type TestFederation,
  testIdentityOptions,
  waitFor,
} from './harness';

it('the committed supergraph is what the subgraph schemas compose to (run `npm run compose` if not)', () => {
  expect(readFileSync(supergraphPath, 'utf8')).toBe(composeProjectSupergraph());
});

it('composition errors name the conflict', () => {
  const broken = subgraphRegistry.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s) }));
  broken[2] = { ...broken[2]!, sdl: broken[2]!.sdl.replace('enum DocumentType {', 'enum DocumentType {\n  BIRTH_CERTIFICATE') };
  expect(() => composeSupergraph(broken)).toThrow(/composition failed[\s\S]*DocumentType/);
});

/** The gateway's policy cut down to a supergraph's types and fields, as its operator would deploy it. */
function policyWithin(supergraphSdl: string): GatewayPolicy {
  const schema = buildSchema(supergraphSdl);
  const rules = Object.entries(gatewayPolicy().rules).flatMap(([typeName, fields]) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return [];
    return [
      [typeName, Object.fromEntries(Object.entries(fields).filter(([field]) => field === '*' || field in type.getFields()))] as const,
    ];
  });
  return { version: 'without-national', rules: Object.fromEntries(rules) };
}

describe('hot reload of the supergraph file', () => {
  let federation: TestFederation;
  let gateway: GatewayServer;
  let directory: string;
  let url: string;
  let headers: Record<string, string>;
  /** The gateway's warnings, as JSON lines: each adopted supergraph logs the fields it has no rule for. */
  const warnings: string[] = [];
  const unruledFieldsLogged = () => warnings.some((line) => (JSON.parse(line) as { fields?: string[] }).fields?.includes('CaseFile.id'));

  beforeAll(async () => {
    federation = await startTestFederation();
    directory = mkdtempSync(join(tmpdir(), 'supergraph-'));
    // Start from a supergraph without the national subgraph.
    const withoutNational = composeSupergraph(
      subgraphRegistry
        .filter((s) => s.name !== 'national')
        .map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s) })),
    );
    writeFileSync(join(directory, 'supergraph.graphql'), withoutNational);
    gateway = await createGatewayServer({
      supergraphPath: join(directory, 'supergraph.graphql'),
      subgraphUrls: Object.fromEntries(Object.values(federation.subgraphs).map((s) => [s.name, s.url])),
      identity: testIdentityOptions(federation.identity),
      subgraphTokens: { keys: subgraphTokenKeysOf(federation.identity), ttlSeconds: 60 },
      policy: policyWithin(withoutNational),
      audit: null,
      logger: pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) }),
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
  const check = `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status } } }`;
  const refusal = (body: { errors?: { message: string; extensions?: { code?: unknown } }[] }) =>
    body.errors?.map((e) => [e.extensions?.code, e.message]);
  const casesUnknown = [['GRAPHQL_VALIDATION_FAILED', 'Cannot query field "cases" on type "TravelDocument".']];

  it('picks up a new supergraph written in place by rename, without a restart', async () => {
    const before = await postGraphQL(url, query, undefined, headers);
    expect(refusal(before.body)).toEqual(casesUnknown);
    expect(unruledFieldsLogged()).toBe(false);

    copyFileSync(supergraphPath, join(directory, 'next.graphql'));
    renameSync(join(directory, 'next.graphql'), join(directory, 'supergraph.graphql'));

    await waitFor(unruledFieldsLogged, 'the gateway to adopt the new supergraph');
    // The new subgraph's fields are in the API schema now (the gateway lists those without a rule).
    // `TravelDocument.cases` falls under the type's '*' rule, but the new CaseFile type has no
    // rules yet, so no caller may read any of its fields: `cases` stays outside every caller's
    // schema and is refused exactly as before, when it did not exist.
    expect(unruledFieldsLogged()).toBe(true);
    const after = await postGraphQL(url, query, undefined, headers);
    expect(after.status).toBe(400);
    expect(JSON.stringify(after.body)).toBe(JSON.stringify(before.body));
    expect((await postGraphQL(url, check, undefined, headers)).body).toEqual({
      data: { travelDocument: { sltd: { status: 'STOLEN' } } },
      extensions: expect.anything(),
    });
  });

  it('keeps serving the last good supergraph when the file becomes invalid', async () => {
    writeFileSync(join(directory, 'supergraph.graphql'), 'this is not a supergraph');
    // Ask only once the gateway has read the file and refused it (else the answers below would be the old ones by timing).
    await waitFor(
      () => warnings.some((line) => (JSON.parse(line) as { msg?: string }).msg === 'new supergraph rejected; keeping the current one'),
      'the gateway to reject the invalid supergraph',
    );
    const result = await postGraphQL(url, check, undefined, headers);
    expect(result.body.data.travelDocument.sltd.status).toBe('STOLEN');
    expect(refusal((await postGraphQL(url, query, undefined, headers)).body)).toEqual(casesUnknown);
  });
});
