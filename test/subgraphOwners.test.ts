import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { composeSupergraph, type GatewayPolicy, gatewayPolicy, type GatewayServer, NAMED_RULES } from '@intel-gateway/gateway';
import { close, listen } from '@intel-gateway/shared/http';
import { commonSdlPath, defaultSubgraphUrl, loadSubgraphSdl, servesOwner, subgraphRegistry } from '@intel-gateway/shared/registry';
import { mintAgencyToken, newSubgraphTokenKey, STORY, subgraphTokenKeysOf } from '@intel-gateway/tools';
import { callerHeaders, postGraphQL, startExtraGateway, startTestFederation, type TestFederation } from './harness';

/**
 * A subgraph speaks only for the owners the registry says it serves. A contributed
 * subgraph gone bad (a test-only one on loopback, composed in with the others) that
 * answers a hit for another owner, or returns a record claiming another owner, is
 * dropped and logged: nothing is disclosed, answered or audited as that owner.
 */
const CUSTOMS_OWNER = 'CUSTOMS-NL';
const CUSTOMS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type Query {
  customsCheck(number: String!): CustomsCheck
  customsRecord(id: ID!): CustomsRecord
}
type CustomsCheck {
  matched: Boolean!
}
type CustomsRecord @key(fields: "id") {
  id: ID!
  reference: String!
  provenance: Provenance!
}
`;

/** What the bad subgraph answers next: a hit or a record, for the owner the test sets. */
let claim = { owner: CUSTOMS_OWNER };
function badAnswer(query: string): unknown {
  if (query.includes('customsCheck')) {
    return {
      data: { customsCheck: null },
      errors: [
        {
          message: 'A record matches.',
          path: ['customsCheck'],
          extensions: {
            code: 'HIT',
            hit: {
              matched: true,
              owner: claim.owner,
              contactPoint: null,
              reference: `NationalPerson/${STORY.redNotice.nationalPersonIds[1]}`,
              advice: 'Ask the owner.',
            },
          },
        },
      ],
    };
  }
  const provenance = {
    owner: claim.owner,
    tlp: 'GREEN',
    handling: { code: 'H0', conditions: null },
    retainUntil: '2099-01-01T00:00:00.000Z',
    purposes: ['CRIMINAL_INVESTIGATION'],
    restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [] },
    classification: 'UNCLASSIFIED',
  };
  return { data: { customsRecord: { id: 'CUS-1', reference: 'Seizure 2026/17', _policy_record_provenance: provenance } } };
}

let federation: TestFederation;
let bad: ReturnType<typeof createServer>;
let gateway: { gateway: GatewayServer; url: string };
let work: string;
const logLines: string[] = [];

beforeAll(async () => {
  federation = await startTestFederation();
  bad = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { query } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(badAnswer(query)));
    });
  });
  const badUrl = `${await listen(bad, '127.0.0.1', 0)}/graphql`;
  work = mkdtempSync(join(tmpdir(), 'intel-gateway-owners-'));
  const supergraphPath = join(work, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph([
      ...subgraphRegistry.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s) })),
      { name: 'customs', url: badUrl, sdl: `${CUSTOMS_SDL}\n${readFileSync(commonSdlPath, 'utf8')}` },
    ]),
  );
  const base = gatewayPolicy();
  const policy: GatewayPolicy = {
    version: 'with-customs',
    rules: {
      ...base.rules,
      Query: { ...base.rules.Query, customsCheck: NAMED_RULES.operationalStaff, customsRecord: NAMED_RULES.operationalStaff },
      CustomsCheck: { '*': NAMED_RULES.structural },
      CustomsRecord: { '*': NAMED_RULES.operationalStaff },
    },
  };
  const logger = pino(
    { level: 'warn' },
    new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString('utf8')), done()) }),
  );
  gateway = await startExtraGateway(federation, {
    supergraphPath,
    subgraphUrls: { customs: badUrl },
    // The test-only subgraph gets a gateway-token key of its own, as every composed subgraph must.
    subgraphTokens: {
      keys: subgraphTokenKeysOf({ subgraphTokenKeys: { ...federation.identity.subgraphTokenKeys, customs: [newSubgraphTokenKey()] } }),
      ttlSeconds: 5,
    },
    subgraphOwners: [...subgraphRegistry, { name: 'customs', owners: [CUSTOMS_OWNER] }],
    policy,
    audit: federation.audit.trail,
    logger,
  });
});
afterAll(async () => {
  await gateway.gateway.stop();
  await close(bad);
  await federation.stop();
  rmSync(work, { recursive: true, force: true });
});

async function ask(user: string, query: string) {
  const token = await mintAgencyToken({ identity: federation.identity, agency: 'NCB-FR', user, roles: ['ANALYST'] });
  return postGraphQL(gateway.url, query, undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION'));
}
const auditOf = (user: string) => federation.audit.connection.collection('auditRecords').find({ user }).toArray();

it('the registry says whose records each subgraph serves', () => {
  const owners = Object.fromEntries(subgraphRegistry.map((s) => [s.name, s.owners]));
  expect(owners).toMatchObject({ interpol: ['IPSG', 'NCB-*'], europol: ['EUROPOL'], national: ['NCB-*'], accountability: [] });
  const national = subgraphRegistry.find((s) => s.name === 'national')!;
  expect(['NCB-DE', 'NCB-GB'].map((owner) => servesOwner(national, owner))).toEqual([true, true]);
  expect(['EUROPOL', 'IPSG', 'NCBX'].map((owner) => servesOwner(national, owner))).toEqual([false, false, false]);
});

describe('hits', () => {
  it('a hit the subgraph answers for its own agency reaches the caller and the audit', async () => {
    claim = { owner: CUSTOMS_OWNER };
    const { body } = await ask('owners-test-own-hit', `{ customsCheck(number: "X1") { matched } }`);
    expect(body.errors?.map((e) => [e.extensions?.code, (e.extensions?.hit as { owner: string }).owner])).toEqual([['HIT', CUSTOMS_OWNER]]);
    const [entry] = await auditOf('owners-test-own-hit');
    expect(entry?.matches.map((m: { owner: string }) => m.owner)).toEqual([CUSTOMS_OWNER]);
  });

  it('a hit it answers for another owner is dropped and logged: not answered, not audited as that owner', async () => {
    claim = { owner: 'NCB-DE' };
    logLines.length = 0;
    const { body } = await ask('owners-test-foreign-hit', `{ customsCheck(number: "X1") { matched } }`);
    expect(body.data).toEqual({ customsCheck: null });
    expect(body.errors ?? []).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('NCB-DE');
    const entries = await auditOf('owners-test-foreign-hit');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.matches).toEqual([]);
    expect(logLines.join('')).toContain('a subgraph answered a hit for an owner it does not serve');
    expect(logLines.join('')).toContain('"subgraph":"customs"');
  });
});

describe('records', () => {
  it('a record of its own agency is answered and audited', async () => {
    claim = { owner: CUSTOMS_OWNER };
    const { body } = await ask('owners-test-own-record', `{ customsRecord(id: "CUS-1") { id reference } }`);
    expect(body.data).toEqual({ customsRecord: { id: 'CUS-1', reference: 'Seizure 2026/17' } });
    const [entry] = await auditOf('owners-test-own-record');
    expect(entry?.disclosures.map((d: { owner: string }) => d.owner)).toEqual([CUSTOMS_OWNER]);
  });

  it('a record claiming another owner withholds the answer and is logged: nothing disclosed or audited as that owner', async () => {
    claim = { owner: 'NCB-DE' };
    logLines.length = 0;
    const { body } = await ask('owners-test-foreign-record', `{ customsRecord(id: "CUS-1") { id reference } }`);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['ANSWER_WITHHELD']);
    expect(JSON.stringify(body)).not.toContain('Seizure');
    const entries = await auditOf('owners-test-foreign-record');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.disclosures).toEqual([]);
    expect(logLines.join('')).toContain('a subgraph returned records of an owner it does not serve');
  });
});
