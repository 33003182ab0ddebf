import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Connection } from 'mongoose';
import pino from 'pino';
import {
  AuditTrail,
  composeSupergraph,
  createGatewayServer,
  type GatewayExecutorKind,
  type GatewayPolicy,
  gatewayPolicy,
  type GatewayServer,
  HELD_GRANTS_PER_CALLER,
  NAMED_RULES,
} from '@intel-gateway/gateway';
import { connectDatabase, syncIndexes } from '@intel-gateway/shared/database';
import { close, listen } from '@intel-gateway/shared/http';
import { createReleaseGrantModel, type ReleaseGrantRecord } from '@intel-gateway/shared/policy';
import type { Purpose } from '@intel-gateway/shared/records';
import { commonSdlPath, defaultSubgraphUrl, loadSubgraphSdl, subgraphRegistry } from '@intel-gateway/shared/registry';
import { createDevIdentity, type DevIdentity, mintAgencyToken, subgraphTokenKeysOf } from '@intel-gateway/tools';
import { sealGrants } from './auditFixtures';
import { callerHeaders, postGraphQL, silentLogger, testDatabaseUri, testIdentityOptions, uniqueSuffix, waitFor } from './harness';

/**
 * The gateway's second release check against the release grants it holds per (agency,
 * purpose), read in the background: a grant held in memory lets through only what its
 * owner released, to that agency, for that purpose, and only while in force; a record the
 * held grants do not release is confirmed by a read by record before it is withheld, so an
 * approval made since the grants were read is served, not reported as an incident.
 *
 * The records come from a contributed subgraph (a test-only one on loopback) that serves
 * whatever it is asked for: the gateway's check is the only one between it and the caller.
 * Its records are existence-only for NCB-FR, so only a release on request lets them through.
 */
const OWNER = 'CUSTOMS-NL';
const CUSTOMS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type Query {
  customsRecord(id: ID!): CustomsRecord
}
type CustomsRecord @key(fields: "id") {
  id: ID!
  reference: String!
  provenance: Provenance!
}
`;
const PURPOSE = 'CRIMINAL_INVESTIGATION';

/**
 * The contributed subgraph's answer: the record asked for, existence-only for NCB-FR; one
 * whose id starts with `passed-off-` claims NCB-DE as its owner; one whose id starts with
 * `open-` is released to every agency, for border control too, by its provenance.
 */
function customsAnswer(id: string): unknown {
  const provenance = {
    owner: id.startsWith('passed-off-') ? 'NCB-DE' : OWNER,
    tlp: 'GREEN',
    handling: { code: 'H0', conditions: null },
    retainUntil: '2099-01-01T00:00:00.000Z',
    purposes: id.startsWith('open-') ? [PURPOSE, 'BORDER_CONTROL'] : [PURPOSE],
    restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: id.startsWith('open-') ? [] : ['NCB-FR'] },
    classification: 'UNCLASSIFIED',
  };
  return { data: { customsRecord: { id, reference: `Seizure ${id}`, _policy_record_provenance: provenance } } };
}

let customs: ReturnType<typeof createServer>;
let identity: DevIdentity;
let work: string;
let supergraphPath: string;
let auditConnection: Connection;
let trail: AuditTrail;
let grantsWritten = 0;
const logLines: string[] = [];
/** Every read of the grant store the gateways sent, by whether it named records, when it started and whether it completed. */
const grantReads = new Map<number, { byRecord: boolean; limit: number | undefined; started: number; done: boolean }>();

beforeAll(async () => {
  customs = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: { id?: string } };
      const id = variables?.id ?? /id: *"([^"]+)"/.exec(query)?.[1] ?? 'unknown';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(customsAnswer(id)));
    });
  });
  const customsUrl = `${await listen(customs, '127.0.0.1', 0)}/graphql`;
  work = mkdtempSync(join(tmpdir(), 'intel-gateway-held-grants-'));
  supergraphPath = join(work, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph([
      ...subgraphRegistry.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s) })),
      { name: 'customs', url: customsUrl, sdl: `${CUSTOMS_SDL}\n${readFileSync(commonSdlPath, 'utf8')}` },
    ]),
  );
  identity = await createDevIdentity(['customs']);
  auditConnection = await connectDatabase(testDatabaseUri(), `held_grants${uniqueSuffix()}`, { failFast: true, monitorCommands: true });
  createReleaseGrantModel(auditConnection);
  await syncIndexes(auditConnection);
  const client = auditConnection.getClient();
  client.on('commandStarted', (event) => {
    const command = event.command as { find?: string; filter?: Record<string, unknown> };
    if (event.commandName === 'find' && command.find === 'releaseGrants')
      grantReads.set(event.requestId, {
        byRecord: 'recordId' in (command.filter ?? {}),
        limit: (command as { limit?: number }).limit,
        started: performance.now(),
        done: false,
      });
  });
  client.on('commandSucceeded', (event) => {
    const read = grantReads.get(event.requestId);
    if (read) read.done = true;
  });
  trail = await AuditTrail.open(auditConnection, identity.gateway.privateKey, silentLogger);
}, 120_000);
afterAll(async () => {
  await close(customs);
  await trail.close();
  await auditConnection.dropDatabase();
  await auditConnection.close();
  rmSync(work, { recursive: true, force: true });
});

/** A gateway over the supergraph with the contributed subgraph, with `planExecutor`, auditing into `audit` and reading grants from its database. */
async function startGateway(
  planExecutor: GatewayExecutorKind,
  audit: AuditTrail = trail,
): Promise<{ gateway: GatewayServer; url: string }> {
  const base = gatewayPolicy();
  const policy: GatewayPolicy = {
    version: 'with-customs',
    rules: {
      ...base.rules,
      Query: { ...base.rules.Query, customsRecord: NAMED_RULES.operationalStaff },
      CustomsRecord: { '*': NAMED_RULES.operationalStaff },
    },
  };
  const logger = pino(
    { level: 'warn' },
    new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString('utf8')), done()) }),
  );
  const gateway = await createGatewayServer({
    supergraphPath,
    identity: testIdentityOptions(identity),
    subgraphTokens: { keys: subgraphTokenKeysOf(identity), ttlSeconds: 5 },
    subgraphOwners: [...subgraphRegistry, { name: 'customs', owners: [OWNER] }],
    policy,
    audit,
    planExecutor,
    logger,
  });
  return { gateway, url: `${await listen(gateway.http, '127.0.0.1', 0)}/graphql` };
}

/** Writes a grant and seals it, as an owner's approval does. */
async function grant(fields: Partial<ReleaseGrantRecord> & Pick<ReleaseGrantRecord, 'recordId'>): Promise<void> {
  grantsWritten += 1;
  const written: ReleaseGrantRecord = {
    _id: `grant-${grantsWritten}-${uniqueSuffix()}`,
    agency: 'NCB-FR',
    purpose: PURPOSE,
    recordType: 'CustomsRecord',
    owner: OWNER,
    until: null,
    conditions: null,
    grantedAt: new Date(),
    ...fields,
  };
  // Sealed first, so that no read of the grants finds it before its seal.
  await sealGrants(trail, [written]);
  await createReleaseGrantModel(auditConnection).create(written);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withheldIncidents = () => logLines.filter((line) => line.includes('not released to the caller')).length;

describe.each<GatewayExecutorKind>(['own', 'apollo'])('the release grants the gateway holds (%s executor)', (planExecutor) => {
  let gateway: { gateway: GatewayServer; url: string };
  /** Record ids of this executor's tests, apart from the other executor's. */
  const id = (name: string) => `${planExecutor}-${name}`;
  beforeAll(async () => {
    gateway = await startGateway(planExecutor);
  });
  afterAll(async () => {
    await gateway.gateway.stop();
  });

  async function ask(recordId: string, purpose = PURPOSE) {
    const token = await mintAgencyToken({
      identity,
      agency: 'NCB-FR',
      user: `held-${planExecutor}`,
      roles: ['ANALYST'],
      purposes: [PURPOSE, 'BORDER_CONTROL'],
    });
    return postGraphQL(
      gateway.url,
      'query Check($id: ID!) { customsRecord(id: $id) { id reference } }',
      { id: recordId },
      callerHeaders(token, purpose),
    );
  }
  /** Waits until the gateway holds the grants as they are now: a read of them, started from now, has completed. */
  async function holdGrants(): Promise<void> {
    const mark = performance.now();
    // Held grants are read again, in the background, once older than 2 s: this answer starts that read.
    await sleep(2_100);
    await ask(id('trigger'));
    await waitFor(
      () => [...grantReads.values()].some((read) => !read.byRecord && read.started > mark && read.done),
      'the grants read again',
    );
  }
  const byRecordReads = () => [...grantReads.values()].filter((read) => read.byRecord).length;
  const expectServed = (body: Awaited<ReturnType<typeof ask>>['body'], recordId: string) => {
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ customsRecord: { id: recordId, reference: `Seizure ${recordId}` } });
  };
  const expectWithheld = (body: Awaited<ReturnType<typeof ask>>['body']) => {
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['ANSWER_WITHHELD']);
    expect(JSON.stringify(body)).not.toContain('Seizure');
  };

  it('a record released on request and held in memory is served with its conditions, with no read of the grants per answer', async () => {
    await grant({ recordId: id('held'), conditions: 'Not for onward transmission.' });
    await holdGrants();
    const reads = byRecordReads();
    for (let i = 0; i < 5; i++) {
      const { body } = await ask(id('held'));
      expectServed(body, id('held'));
      expect(body.extensions?.handling).toEqual([
        expect.objectContaining({ type: 'CustomsRecord', id: id('held'), owner: OWNER, releaseConditions: 'Not for onward transmission.' }),
      ]);
    }
    expect(byRecordReads()).toBe(reads);
  });

  it('an approval made after the grants were read is served at once, confirmed by record, not reported as an incident', async () => {
    await holdGrants();
    const incidents = withheldIncidents();
    const reads = byRecordReads();
    await grant({ recordId: id('fresh'), conditions: 'Confirm before acting.' });
    const { body } = await ask(id('fresh'));
    expectServed(body, id('fresh'));
    expect(body.extensions?.handling).toEqual([expect.objectContaining({ id: id('fresh'), releaseConditions: 'Confirm before acting.' })]);
    expect(withheldIncidents()).toBe(incidents);
    expect(byRecordReads()).toBe(reads + 1);
  });

  it('a grant whose end passes while it is held is refused at once', async () => {
    const until = new Date(Date.now() + 3_500);
    await grant({ recordId: id('ending'), until });
    await holdGrants();
    const before = await ask(id('ending'));
    expect(Date.now()).toBeLessThan(until.getTime());
    expectServed(before.body, id('ending'));
    await sleep(until.getTime() - Date.now() + 20);
    expectWithheld((await ask(id('ending'))).body);
  });

  it('a grant of the same id held by another owner, or for another record type, releases nothing', async () => {
    await grant({ recordId: id('other-owner'), owner: 'NCB-DE' });
    await grant({ recordId: id('other-type'), recordType: 'NationalPerson' });
    await holdGrants();
    expectWithheld((await ask(id('other-owner'))).body);
    expectWithheld((await ask(id('other-type'))).body);
  });

  it('a record passed off as an owner the subgraph does not serve is withheld, whatever grant that owner made', async () => {
    const passedOff = `passed-off-${planExecutor}`;
    await grant({ recordId: passedOff, owner: 'NCB-DE' });
    await holdGrants();
    const reads = byRecordReads();
    const logged = logLines.length;
    expectWithheld((await ask(passedOff)).body);
    expect(logLines.slice(logged).join('')).toContain('a subgraph returned records of an owner it does not serve');
    expect(byRecordReads()).toBe(reads);
  });

  it('a grant for another purpose, or to another agency, releases nothing', async () => {
    await grant({ recordId: id('other-purpose'), purpose: 'BORDER_CONTROL' });
    await grant({ recordId: id('other-agency'), agency: 'NCB-GB' });
    await holdGrants();
    expectWithheld((await ask(id('other-purpose'))).body);
    expectWithheld((await ask(id('other-agency'))).body);
    // Under the purpose it was granted for, the first is served.
    expectServed((await ask(id('other-purpose'), 'BORDER_CONTROL')).body, id('other-purpose'));
  });
});

describe('the grants the gateway holds are bounded', () => {
  let gateway: { gateway: GatewayServer; url: string };
  beforeAll(async () => {
    gateway = await startGateway('own');
  });
  afterAll(async () => {
    await gateway.gateway.stop();
  });

  it(`holds at most ${HELD_GRANTS_PER_CALLER} per agency and purpose, and serves a record released by one past them, read by record`, async () => {
    const purpose: Purpose = 'BORDER_CONTROL';
    const grantedAt = new Date();
    // In the store's order (type, owner, id), these come first and fill what is held.
    const first = Array.from({ length: HELD_GRANTS_PER_CALLER }, (_, i) => ({
      _id: `bounded-${i}-${uniqueSuffix()}`,
      agency: 'NCB-FR',
      purpose,
      recordType: 'CustomsRecord',
      owner: OWNER,
      recordId: `bounded-a-${String(i).padStart(6, '0')}`,
      until: null,
      conditions: null,
      grantedAt,
    }));
    await createReleaseGrantModel(auditConnection).insertMany(first, { lean: true });
    await sealGrants(trail, first);
    await grant({ recordId: 'bounded-z-past', purpose, conditions: 'Past the bound.' });
    const token = await mintAgencyToken({ identity, agency: 'NCB-FR', user: 'bounded', roles: ['ANALYST'], purposes: [purpose] });
    const askFor = (recordId: string) =>
      postGraphQL(gateway.url, 'query Check($id: ID!) { customsRecord(id: $id) { id } }', { id: recordId }, callerHeaders(token, purpose));
    const mark = performance.now();
    expect((await askFor('bounded-a-000000')).body.data).toEqual({ customsRecord: { id: 'bounded-a-000000' } });
    const heldReads = [...grantReads.values()].filter((read) => !read.byRecord && read.started > mark);
    expect(heldReads.map((read) => read.limit)).toEqual([HELD_GRANTS_PER_CALLER]);
    const byRecord = () => [...grantReads.values()].filter((read) => read.byRecord && read.started > mark).length;
    const past = await askFor('bounded-z-past');
    expect(past.body.errors).toBeUndefined();
    expect(past.body.data).toEqual({ customsRecord: { id: 'bounded-z-past' } });
    expect(past.body.extensions?.handling).toEqual([expect.objectContaining({ releaseConditions: 'Past the bound.' })]);
    expect(byRecord()).toBe(1);
  }, 120_000);

  it('past the bound, reads by record a record its provenance releases, for the conditions of a release held grants may have left out', async () => {
    const purpose = 'BORDER_CONTROL';
    // After the bounded grants of the test above in the store's order, so not among those held.
    await grant({ recordId: 'open-z-past', purpose, conditions: 'Past the bound, released anyway.' });
    const token = await mintAgencyToken({ identity, agency: 'NCB-FR', user: 'bounded-open', roles: ['ANALYST'], purposes: [purpose] });
    const answer = await postGraphQL(
      gateway.url,
      'query Check($id: ID!) { customsRecord(id: $id) { id reference } }',
      { id: 'open-z-past' },
      callerHeaders(token, purpose),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ customsRecord: { id: 'open-z-past', reference: 'Seizure open-z-past' } });
    expect(answer.body.extensions?.handling).toEqual([expect.objectContaining({ releaseConditions: 'Past the bound, released anyway.' })]);
  }, 60_000);
});

describe.each<GatewayExecutorKind>(['own', 'apollo'])('release grants that cannot be read (%s executor)', (planExecutor) => {
  let connection: Connection;
  let downTrail: AuditTrail;
  let gateway: { gateway: GatewayServer; url: string };
  beforeAll(async () => {
    connection = await connectDatabase(testDatabaseUri(), `held_grants_down${uniqueSuffix()}`, { failFast: true });
    downTrail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger);
    gateway = await startGateway(planExecutor, downTrail);
    // Once the gateway has started, the audit can still be written, but every read of the grants fails on the server.
    await connection.db!.collection('releaseGrants').drop();
    // A grant-shaped document each read of the grants finds, and cannot convert.
    const source = {
      agency: 'NCB-FR',
      purpose: PURPOSE,
      recordType: 'CustomsRecord',
      owner: OWNER,
      recordId: `${planExecutor}-down`,
      until: null,
    };
    await connection.db!.collection('grantSource').insertOne({ ...source, conditions: 'not a number' });
    await connection.db!.createCollection('releaseGrants', {
      viewOn: 'grantSource',
      pipeline: [{ $set: { conditions: { $toInt: '$conditions' } } }],
    });
  });
  afterAll(async () => {
    await gateway?.gateway.stop();
    await downTrail?.close();
    await connection.dropDatabase();
    await connection.close();
  });

  it('a record that needs a release gets 503 AUDIT_UNAVAILABLE and no data', async () => {
    const token = await mintAgencyToken({ identity, agency: 'NCB-FR', user: `down-${planExecutor}`, roles: ['ANALYST'] });
    const { status, body } = await postGraphQL(
      gateway.url,
      'query Check($id: ID!) { customsRecord(id: $id) { id reference } }',
      { id: `${planExecutor}-down` },
      callerHeaders(token, PURPOSE),
    );
    expect(status).toBe(503);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
    expect(JSON.stringify(body)).not.toContain('Seizure');
  });
});
