import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentId, type GatewayServer, loadTrustedDocuments } from '@intel-gateway/gateway';
import type { Principal } from '@intel-gateway/shared/identity';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { childEnvironment, DEV_AGENCIES, mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, startExtraGateway, startTestFederation, type TestFederation } from './harness';

const DOCUMENT_CHECK = `query DocumentCheck($number: String!) {
  travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: $number) { number sltd { status } }
}`;
const NOTICE_LOOKUP = `query NoticeLookup($id: ID!) { notice(id: $id) { id type } }`;
const UNLISTED = `query Unlisted($number: String!) { travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: $number) { number sltd { status reportingCountry } } }`;

/** The dashboard agency: NCB-DE has a manifest; NCB-FR has none. */
const DASHBOARD = {
  user: 'ncb-de-dashboard',
  agency: 'NCB-DE',
  agencyKind: 'NCB',
  agencyGroups: ['EU'],
  roles: ['ANALYST'],
  clearance: 'RESTRICTED',
  purposes: ['CRIMINAL_INVESTIGATION'],
  projects: [],
} satisfies Omit<Principal, 'country'>;
const OTHER = { ...DASHBOARD, user: 'ncb-fr-analyst', agency: 'NCB-FR' };

const manifestDir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
writeFileSync(
  join(manifestDir, 'NCB-DE.json'),
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [
      { id: documentId(DOCUMENT_CHECK), name: 'DocumentCheck', type: 'query', body: DOCUMENT_CHECK },
      { id: documentId(NOTICE_LOOKUP), name: 'NoticeLookup', type: 'query', body: NOTICE_LOOKUP },
    ],
  }),
);
const knownAgencies = new Set<string>(DEV_AGENCIES.map((agency) => agency.code));

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation({ trustedDocuments: loadTrustedDocuments(manifestDir, knownAgencies, true) });
}, 120_000);
afterAll(async () => {
  await federation?.stop();
  rmSync(manifestDir, { recursive: true, force: true });
});

async function headersFor(caller: typeof DASHBOARD): Promise<Record<string, string>> {
  return {
    'content-type': 'application/json',
    ...callerHeaders(await mintAgencyToken({ identity: federation.identity, ...caller }), 'CRIMINAL_INVESTIGATION'),
  };
}

async function post(url: string, caller: typeof DASHBOARD, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: await headersFor(caller), body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const number = STORY.stolenGbPassport.number;
const interpolCommands = () => federation.subgraphs.interpol.commands.filter((c) => c.name === 'find' || c.name === 'aggregate').length;

describe('a dashboard agency with a manifest', () => {
  it('runs a listed operation by id (documentId, with or without the sha256: prefix)', async () => {
    for (const id of [`sha256:${documentId(DOCUMENT_CHECK)}`, documentId(DOCUMENT_CHECK)]) {
      const result = await post(federation.gatewayUrl, DASHBOARD, { documentId: id, variables: { number } });
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data.travelDocument).toEqual({ number, sltd: { status: 'STOLEN' } });
    }
  });

  it("runs a listed operation by id in Apollo clients' form (extensions.persistedQuery)", async () => {
    const result = await post(federation.gatewayUrl, DASHBOARD, {
      variables: { id: STORY.redNotice.id },
      extensions: { persistedQuery: { version: 1, sha256Hash: documentId(NOTICE_LOOKUP) } },
    });
    expect(result.status).toBe(200);
    expect(result.body.data.notice).toEqual({ id: STORY.redNotice.id, type: 'RED' });
  });

  it('runs a listed operation sent as its exact text, and by GET with an id', async () => {
    const byText = await post(federation.gatewayUrl, DASHBOARD, { query: DOCUMENT_CHECK, variables: { number } });
    expect(byText.body.data.travelDocument.sltd).toEqual({ status: 'STOLEN' });
    const url = new URL(federation.gatewayUrl);
    url.searchParams.set('documentId', `sha256:${documentId(DOCUMENT_CHECK)}`);
    url.searchParams.set('variables', JSON.stringify({ number }));
    const headers = await headersFor(DASHBOARD);
    const byGet = await fetch(url, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    expect(byGet.status).toBe(200);
    expect(((await byGet.json()) as any).data.travelDocument.sltd).toEqual({ status: 'STOLEN' });
  });

  it('is refused an unlisted operation, with nothing fetched', async () => {
    // A listed operation reaches INTERPOL, so the count below can tell.
    expect((await post(federation.gatewayUrl, DASHBOARD, { query: DOCUMENT_CHECK, variables: { number } })).status).toBe(200);
    const before = interpolCommands();
    expect(before).toBeGreaterThan(0);
    for (const query of [UNLISTED, `${DOCUMENT_CHECK} `, '{ __schema { types { name } } }']) {
      const result = await post(federation.gatewayUrl, DASHBOARD, { query, variables: { number } });
      expect(result.status).toBe(403);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors).toHaveLength(1);
      expect(result.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      expect(result.body.errors[0].message).toContain('NCB-DE runs only its trusted documents');
    }
    expect(interpolCommands()).toBe(before);
  });

  it('is refused unlisted text before any other work: no parse, validation or limit answer, no suggestion', async () => {
    const fanOut = `{ ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F40 on Query { __typename }`;
    const unparsable = '{ travelDocument(';
    const misspelt = '{ travelDocumnt(issuingCountry: "GB", documentType: PASSPORT, number: "X12345") { number } }';
    const overLimits = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    for (const query of [unparsable, misspelt, overLimits, fanOut]) {
      const started = performance.now();
      const result = await post(federation.gatewayUrl, DASHBOARD, { query });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(result.status).toBe(403);
      expect(result.body).toEqual({
        errors: [
          {
            message: expect.stringContaining('NCB-DE runs only its trusted documents'),
            extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', reason: 'OPERATION_NOT_LISTED' },
          },
        ],
      });
    }
    // The same texts from an agency without a manifest get GraphQL's answers, so the refusal above came first.
    expect((await post(federation.gatewayUrl, OTHER, { query: unparsable })).body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await post(federation.gatewayUrl, OTHER, { query: misspelt })).body.errors[0].message).toContain(
      'Did you mean "travelDocument"?',
    );
  });

  it('is refused an unlisted operation by GET and through the STIX export too', async () => {
    const url = new URL(federation.gatewayUrl);
    url.searchParams.set('query', UNLISTED);
    url.searchParams.set('variables', JSON.stringify({ number }));
    const byGet = await fetch(url, { headers: { ...(await headersFor(DASHBOARD)), 'apollo-require-preflight': 'true' } });
    expect(byGet.status).toBe(403);
    expect(((await byGet.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');

    const exported = await post(federation.gatewayUrl.replace(/\/graphql$/, '/export/stix'), DASHBOARD, {
      query: UNLISTED,
      variables: { number },
    });
    expect(exported.status).toBe(403);
    expect(exported.body.objects).toBeUndefined();
    expect(exported.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('gets PERSISTED_QUERY_NOT_FOUND for an id its manifest does not list, and BAD_REQUEST for a malformed or mismatched one', async () => {
    const unknown = await post(federation.gatewayUrl, DASHBOARD, { documentId: `sha256:${documentId(UNLISTED)}`, variables: { number } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND', reason: 'DOCUMENT_NOT_LISTED' });
    expect(unknown.body.data).toBeUndefined();

    const malformed = await post(federation.gatewayUrl, DASHBOARD, { documentId: 'DocumentCheck' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', reason: 'DOCUMENT_ID_MALFORMED' });

    const mismatched = await post(federation.gatewayUrl, DASHBOARD, {
      documentId: documentId(DOCUMENT_CHECK),
      query: UNLISTED,
      variables: { number },
    });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', reason: 'DOCUMENT_ID_MISMATCH' });
  });
});

describe('an agency without a manifest', () => {
  it("is not restricted, and cannot use another agency's ids", async () => {
    const free = await post(federation.gatewayUrl, OTHER, { query: UNLISTED, variables: { number } });
    expect(free.status).toBe(200);
    expect(free.body.data.travelDocument.sltd.reportingCountry).toBe('GB');

    const borrowed = await post(federation.gatewayUrl, OTHER, { documentId: documentId(DOCUMENT_CHECK), variables: { number } });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(borrowed.body.errors[0].message).toContain('NCB-FR');
  });
});

describe('with enforcement off', () => {
  let gateway: GatewayServer;
  let url: string;
  beforeAll(async () => {
    ({ gateway, url } = await startExtraGateway(federation, {
      audit: federation.audit.trail,
      trustedDocuments: loadTrustedDocuments(manifestDir, knownAgencies, false),
    }));
  });
  afterAll(async () => gateway?.stop());

  it('lets the agency run unlisted operations while ids still resolve', async () => {
    const unlisted = await post(url, DASHBOARD, { query: UNLISTED, variables: { number } });
    expect(unlisted.status).toBe(200);
    expect(unlisted.body.data.travelDocument.sltd.status).toBe('STOLEN');
    const byId = await post(url, DASHBOARD, { documentId: documentId(DOCUMENT_CHECK), variables: { number } });
    expect(byId.body.data.travelDocument.sltd).toEqual({ status: 'STOLEN' });
  });
});

describe('npm run trusted:add', () => {
  const command = join(repositoryRoot, 'tools', 'dist', 'trustedAdd.js');
  const add = (dir: string, ...files: string[]) =>
    spawnSync(process.execPath, [command, '--agency', 'NCB-DE', '--dir', dir, ...files.flatMap((file) => ['--file', file])], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      env: childEnvironment({ INIT_CWD: repositoryRoot }),
    });

  it('adds checked operations to an agency manifest the gateway loads, and refuses one the API schema does not allow, changing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trusted-add-'));
    try {
      writeFileSync(join(dir, 'DocumentCheck.graphql'), `${DOCUMENT_CHECK}\n`);
      writeFileSync(join(dir, 'Invalid.graphql'), 'query Invalid { travelDocument(number: "1") { chipSerial } }');
      writeFileSync(join(dir, 'Two.graphql'), `${NOTICE_LOOKUP}\n${UNLISTED}`);
      const added = add(dir, join(dir, 'DocumentCheck.graphql'));
      expect(added.stderr).toBe('');
      expect(added.stdout).toContain(`NCB-DE: DocumentCheck sha256:${documentId(DOCUMENT_CHECK)}`);
      const written = readFileSync(join(dir, 'NCB-DE.json'), 'utf8');
      const trusted = loadTrustedDocuments(dir, knownAgencies, true);
      expect(trusted.body('NCB-DE', documentId(DOCUMENT_CHECK))).toBe(DOCUMENT_CHECK);

      const invalid = add(dir, join(dir, 'Invalid.graphql'));
      expect(invalid.status).toBe(1);
      expect(invalid.stderr).toContain('not valid against the API schema');
      const two = add(dir, join(dir, 'Two.graphql'));
      expect(two.status).toBe(1);
      expect(two.stderr).toContain('exactly one named operation (found 2)');
      expect(readFileSync(join(dir, 'NCB-DE.json'), 'utf8')).toBe(written);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
