import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mongoose';
import { AuditTrail, createGatewayServer, gatewayPolicy, type GatewayServer } from '@intel-gateway/gateway';
import { type AuditRecord, createAuditModels, verifyAuditTrail } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import { listen } from '@intel-gateway/shared/http';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { childEnvironment, mintAgencyToken, STORY, subgraphTokenKeysOf } from '@intel-gateway/tools';
import {
  callerHeaders,
  postGraphQL,
  silentLogger,
  startTestFederation,
  testDatabaseUri,
  type TestFederation,
  testIdentityOptions,
  uniqueSuffix,
} from './harness';

/**
 * The disclosure audit: one hash-chained, signed record per operation, written durably
 * before the answer leaves, with a hit for each owner whose record was disclosed.
 */
let federation: TestFederation;
const scratch: Connection[] = [];
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(async () => {
  for (const connection of scratch) {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
  await federation.stop();
});

/** A database of its own for one test's audit trail. */
async function scratchDatabase(): Promise<Connection> {
  const connection = await connectDatabase(testDatabaseUri(), `audit_scratch${uniqueSuffix()}`, { failFast: true });
  scratch.push(connection);
  return connection;
}

/** A gateway of its own on the test federation's subgraphs, auditing into `trail`. */
async function startAuditedGateway(trail: AuditTrail): Promise<{ server: GatewayServer; url: string }> {
  const server = await createGatewayServer({
    supergraphPath: join(repositoryRoot, 'gateway', 'supergraph.graphql'),
    subgraphUrls: Object.fromEntries(Object.values(federation.subgraphs).map((s) => [s.name, s.url])),
    identity: testIdentityOptions(federation.identity),
    subgraphTokens: { keys: subgraphTokenKeysOf(federation.identity), ttlSeconds: 60 },
    policy: gatewayPolicy(),
    audit: trail,
    logger: silentLogger,
  });
  return { server, url: `${await listen(server.http, '127.0.0.1', 0)}/graphql` };
}

const DOCUMENT_CHECK = `query DocumentCheck { travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") {
  issuingCountry sltd { status circumstances } cases { id } } }`;
/** The check as a frontline officer's schema allows it: circumstances and cases are outside it; the record's sharing conditions are decided per record. */
const OFFICER_CHECK = `query DocumentCheck { travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") {
  issuingCountry sltd { status provenance { restrictions { deniedAgencies } } } } }`;

/** Whether an answer refuses the operation as invalid for the caller's schema: 400, no data, validation errors only. */
const refusedAsUnknown = ({ status, body }: { status: number; body: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] } }) =>
  status === 400 &&
  body.data === undefined &&
  !!body.errors?.length &&
  body.errors.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');

it('a frontline officer of NCB-FR checks a stolen GB passport: STOLEN and the issuing country only; one audit record names the document and the fields; NCB-GB has the hit', async () => {
  const models = createAuditModels(federation.audit.connection);
  const { chainId } = federation.audit.trail;
  const before = await models.AuditRecord.countDocuments({ chainId });

  const officer = { agency: 'NCB-FR', user: 'fr-border-officer-7', roles: ['FRONTLINE' as const], purposes: ['BORDER_CONTROL' as const] };
  // Fields outside the officer's schema: refused as unknown, before anything is read, so nothing is disclosed or recorded.
  expect(refusedAsUnknown(await federation.queryAs<any>(officer, 'BORDER_CONTROL', DOCUMENT_CHECK))).toBe(true);
  expect(await models.AuditRecord.countDocuments({ chainId })).toBe(before);
  const { body, headers } = await federation.queryAs<any>(officer, 'BORDER_CONTROL', OFFICER_CHECK);
  expect(body.data.travelDocument).toEqual({ issuingCountry: 'GB', sltd: { status: 'STOLEN', provenance: { restrictions: null } } });
  expect(body.errors?.map((e) => `${e.path?.join('.')} ${e.extensions?.reason}`)).toEqual([
    'travelDocument.sltd.provenance.restrictions NOT_RECORD_OWNER',
  ]);

  const written = await models.AuditRecord.find({ chainId }).sort({ seq: 1 }).lean<AuditRecord[]>();
  expect(written).toHaveLength(before + 1);
  const record = written.at(-1)!;
  // The answer names its audit record.
  expect(headers.get('x-request-id')).toBe(record.requestId);
  expect(record).toMatchObject({
    user: 'fr-border-officer-7',
    agency: 'NCB-FR',
    purpose: 'BORDER_CONTROL',
    operationName: 'DocumentCheck',
    outcome: 'partial',
  });
  expect(record.operationHash).toMatch(/^[0-9a-f]{64}$/);
  expect(record.disclosures).toEqual([{ type: 'SltdRecord', id: 'SLTD-GB-STORY-1', owner: 'NCB-GB', fields: ['status', 'provenance'] }]);
  expect(record.denials.map((d) => `${d.field} ${d.reason}`).sort()).toEqual(['Provenance.restrictions NOT_RECORD_OWNER']);
  // The trail holds no content: neither the document number nor the circumstances.
  expect(JSON.stringify(record)).not.toContain(STORY.stolenGbPassport.number);

  const hits = await models.Hit.find({ owner: 'NCB-GB', auditId: record._id }).lean();
  expect(hits).toEqual([
    expect.objectContaining({
      recordType: 'SltdRecord',
      recordId: 'SLTD-GB-STORY-1',
      agency: 'NCB-FR',
      user: 'fr-border-officer-7',
      purpose: 'BORDER_CONTROL',
    }),
  ]);
});

it("an owner's own reads are audited but are not hits on its records", async () => {
  const models = createAuditModels(federation.audit.connection);
  const { body } = await federation.queryAs<any>({ agency: 'NCB-GB', roles: ['ANALYST'] }, 'CRIMINAL_INVESTIGATION', DOCUMENT_CHECK);
  expect(body.data.travelDocument.sltd.circumstances).toEqual(expect.any(String));
  const record = await models.AuditRecord.findOne({ chainId: federation.audit.trail.chainId }).sort({ seq: -1 }).lean<AuditRecord>();
  expect(record?.disclosures).toEqual([
    { type: 'SltdRecord', id: 'SLTD-GB-STORY-1', owner: 'NCB-GB', fields: ['status', 'circumstances'] },
    { type: 'CaseFile', id: STORY.stolenGbPassport.caseFileId, owner: 'NCB-FR', fields: ['id'] },
  ]);
  // The French case file is a hit for NCB-FR; NCB-GB's own passport record is not a hit.
  expect((await models.Hit.find({ auditId: record!._id }).lean()).map((h) => [h.owner, h.recordId])).toEqual([
    ['NCB-FR', STORY.stolenGbPassport.caseFileId],
  ]);
});

it('records of several owners in one operation, through entity references, each with their own fields', async () => {
  const models = createAuditModels(federation.audit.connection);
  const { body } = await federation.query<any>(
    `{ notice(id: "${STORY.redNotice.id}") { id subject { name { familyName } } nationalRecords { id role } europolEntries { id } } }`,
  );
  expect(body.errors).toBeUndefined();
  const record = await models.AuditRecord.findOne({ chainId: federation.audit.trail.chainId }).sort({ seq: -1 }).lean<AuditRecord>();
  const byId = Object.fromEntries(record!.disclosures.map((d) => [d.id, d]));
  expect(byId[STORY.redNotice.id]).toEqual({
    type: 'Notice',
    id: STORY.redNotice.id,
    owner: 'IPSG',
    fields: expect.arrayContaining(['id', 'subject', 'subject.name', 'subject.name.familyName', 'nationalRecords', 'europolEntries']),
  });
  expect(byId[STORY.redNotice.nationalPersonIds[1]]).toEqual({
    type: 'NationalPerson',
    id: STORY.redNotice.nationalPersonIds[1],
    owner: 'NCB-DE',
    fields: ['id', 'role'],
  });
  expect(byId[STORY.redNotice.europolEntryId]).toMatchObject({ type: 'PersonEntry', owner: 'EUROPOL', fields: ['id'] });
  // NCB-FR asked: every owner but NCB-FR has a hit.
  const owners = (await models.Hit.find({ auditId: record!._id }).lean()).map((h) => h.owner).sort();
  expect(owners).toEqual(['EUROPOL', 'IPSG', 'NCB-DE']);
});

it('the owner lists the hits on its record through the gateway; nobody else sees them', async () => {
  const query = `{ hitsOnOurRecords(recordId: "SLTD-GB-STORY-1") { nodes { recordType recordId agency user purpose at } } }`;
  const owner = await federation.queryAs<any>({ agency: 'NCB-GB', roles: ['OWNER_ADMIN'] }, 'CRIMINAL_INVESTIGATION', query);
  expect(owner.body.errors).toBeUndefined();
  expect(owner.body.data.hitsOnOurRecords.nodes).toEqual(
    expect.arrayContaining([
      {
        recordType: 'SltdRecord',
        recordId: 'SLTD-GB-STORY-1',
        agency: 'NCB-FR',
        user: 'fr-border-officer-7',
        purpose: 'BORDER_CONTROL',
        at: expect.stringMatching(/^2\d{3}-/),
      },
    ]),
  );
  // NCB-FR owns no such record: the same question lists nothing for it.
  const other = await federation.queryAs<any>({ agency: 'NCB-FR', roles: ['OWNER_ADMIN'] }, 'CRIMINAL_INVESTIGATION', query);
  expect(other.body.data.hitsOnOurRecords.nodes).toEqual([]);
  // Outside a frontline officer's schema: refused as unknown.
  expect(refusedAsUnknown(await federation.queryAs<any>({ agency: 'NCB-GB', roles: ['FRONTLINE'] }, 'CRIMINAL_INVESTIGATION', query))).toBe(
    true,
  );
});

it("an auditor lists who searched its agency's record and for which purpose, sees no content, and cannot list their own entries", async () => {
  // The record's owner's auditor: the entries of other agencies' users that disclosed its records are in its scope.
  const auditor = { agency: 'NCB-GB', user: 'gb-auditor-1', roles: ['AUDITOR' as const] };
  const trail = await federation.queryAs<any>(
    auditor,
    'CRIMINAL_INVESTIGATION',
    `{ auditTrail(filter: { recordId: "SLTD-GB-STORY-1" }, first: 100) { nodes { agency user purpose at disclosures { type id owner fields } } } }`,
  );
  expect(trail.body.errors).toBeUndefined();
  const nodes = trail.body.data.auditTrail.nodes as { agency: string; user: string; purpose: string }[];
  expect(nodes).toEqual(
    expect.arrayContaining([expect.objectContaining({ agency: 'NCB-FR', user: 'fr-border-officer-7', purpose: 'BORDER_CONTROL' })]),
  );
  expect(JSON.stringify(nodes)).not.toContain('Stolen in a burglary');

  // The auditor's own operations are audited too, but never listed to them.
  const own = await federation.queryAs<any>(
    auditor,
    'CRIMINAL_INVESTIGATION',
    `{ auditTrail(filter: { user: "gb-auditor-1" }) { nodes { id } } }`,
  );
  expect(own.body.data.auditTrail.nodes).toEqual([]);
  const models = createAuditModels(federation.audit.connection);
  expect(await models.AuditRecord.countDocuments({ user: 'gb-auditor-1' })).toBeGreaterThanOrEqual(2);

  // And they read no record content.
  expect(refusedAsUnknown(await federation.queryAs<any>(auditor, 'CRIMINAL_INVESTIGATION', DOCUMENT_CHECK))).toBe(true);

  const integrity = await federation.queryAs<any>(
    auditor,
    'CRIMINAL_INVESTIGATION',
    '{ auditIntegrity { verified problems { problem } chains { records } } }',
  );
  expect(integrity.body.data.auditIntegrity).toMatchObject({ verified: true, problems: [] });
});

describe("an agency's auditor sees its own agency's users and its own agency's records, nothing else; the operator's supervisor sees all", () => {
  const TRAIL = `{ auditTrail(filter: { agency: "NCB-FR" }, first: 100) { nodes { user agency operationName disclosures { type id owner } denials { field } } } }`;
  const nodesOf = (body: any) =>
    body.data.auditTrail.nodes as {
      user: string;
      agency: string;
      operationName: string | null;
      disclosures: { type: string; id: string; owner: string }[];
      denials: unknown[];
    }[];
  beforeAll(async () => {
    // An NCB-FR analyst reads INTERPOL's notice only, and another checks NCB-GB's stolen passport with NCB-FR's own case.
    await federation.queryAs(
      { agency: 'NCB-FR', user: 'fr-scope-notice', roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      `query NoticeOnly { notice(id: "${STORY.redNotice.id}") { id } }`,
    );
    const check = await federation.queryAs<any>(
      { agency: 'NCB-FR', user: 'fr-scope-document', roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      DOCUMENT_CHECK,
    );
    expect(check.body.data.travelDocument.cases).toEqual([{ id: STORY.stolenGbPassport.caseFileId }]);
    // A third reads NCB-GB's stolen passport and INTERPOL's notice in one operation.
    const both = await federation.queryAs<any>(
      { agency: 'NCB-FR', user: 'fr-scope-both', roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      `query DocumentAndNotice { travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") {
        sltd { status } } notice(id: "${STORY.redNotice.id}") { id } }`,
    );
    expect(both.body.errors).toBeUndefined();
  });

  it("NCB-GB's auditor asking for another owner's record in NCB-FR's entries gets exactly the answer for a record that does not exist", async () => {
    const probe = async (recordId: string) =>
      (
        await federation.queryAs<any>(
          { agency: 'NCB-GB', user: 'gb-auditor-3', roles: ['AUDITOR'] },
          'CRIMINAL_INVESTIGATION',
          `{ auditTrail(filter: { agency: "NCB-FR", recordId: "${recordId}" }, first: 100) {
            nodes { user agency at disclosures { id owner } } pageInfo { hasNextPage endCursor } } }`,
        )
      ).body;
    const unknown = await probe('FR-2026-999999');
    expect(unknown).toEqual({ data: { auditTrail: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } });
    // NCB-FR's case file and INTERPOL's notice, each disclosed by an NCB-FR user in an entry that also disclosed NCB-GB's passport.
    expect(await probe(STORY.stolenGbPassport.caseFileId)).toEqual(unknown);
    expect(await probe(STORY.redNotice.id)).toEqual(unknown);
    // NCB-GB's own record finds those entries.
    const own = await probe('SLTD-GB-STORY-1');
    expect(own.data.auditTrail.nodes.map((n: { user: string }) => n.user)).toEqual(
      expect.arrayContaining(['fr-scope-document', 'fr-scope-both']),
    );
  });

  it("an agency's auditor reads no entry's place in the store, nor another agency's operation hash or outcome; the supervisor does", async () => {
    const { chainId } = federation.audit.trail;
    const page = (after?: string) =>
      `{ auditTrail(filter: { agency: "NCB-FR" }, first: 1${after ? `, after: "${after}"` : ''}) {
        nodes { id chainId seq user operationHash outcome } pageInfo { endCursor hasNextPage } } }`;
    const gbAuditor = { agency: 'NCB-GB', user: 'gb-auditor-4', roles: ['AUDITOR' as const] };
    const first = (await federation.queryAs<any>(gbAuditor, 'CRIMINAL_INVESTIGATION', page())).body.data.auditTrail;
    expect(first.nodes).toEqual([
      { id: expect.any(String), chainId: null, seq: null, user: expect.any(String), operationHash: null, outcome: null },
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    // Neither the handle nor the cursor names the chain or a sequence number; the next page continues after the cursor.
    const cursorText = Buffer.from(first.pageInfo.endCursor, 'base64url').toString();
    for (const shown of [first.nodes[0].id, cursorText]) expect(shown).not.toContain(chainId);
    expect(first.nodes[0].id).not.toMatch(/:\d+$/);
    const second = (await federation.queryAs<any>(gbAuditor, 'CRIMINAL_INVESTIGATION', page(first.pageInfo.endCursor))).body.data
      .auditTrail;
    expect(second.nodes).toEqual([expect.objectContaining({ chainId: null, seq: null })]);
    expect(second.nodes[0].id).not.toBe(first.nodes[0].id);
    // The same entry keeps its handle.
    expect((await federation.queryAs<any>(gbAuditor, 'CRIMINAL_INVESTIGATION', page())).body.data.auditTrail.nodes[0].id).toBe(
      first.nodes[0].id,
    );
    // A cursor made up from a stored id is not one this API gave.
    const forged = Buffer.from(`c1:${chainId}:0`).toString('base64url');
    const refused = await federation.queryAs<any>(gbAuditor, 'CRIMINAL_INVESTIGATION', page(forged));
    expect(refused.body.data?.auditTrail ?? null).toBeNull();
    expect(refused.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);

    // NCB-FR's auditor reads its own users' hashes and outcomes, but no place in the store either.
    const own = await federation.queryAs<any>(
      { agency: 'NCB-FR', user: 'fr-auditor-3', roles: ['AUDITOR'] },
      'CRIMINAL_INVESTIGATION',
      page(),
    );
    expect(own.body.data.auditTrail.nodes).toEqual([
      expect.objectContaining({
        chainId: null,
        seq: null,
        operationHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        outcome: expect.any(String),
      }),
    ]);

    const supervisor = await federation.queryAs<any>(
      { agency: 'OPERATOR', user: 'dpo-2', roles: ['DATA_PROTECTION_SUPERVISOR'] },
      'CRIMINAL_INVESTIGATION',
      page(),
    );
    expect(supervisor.body.data.auditTrail.nodes).toEqual([
      expect.objectContaining({ id: `${chainId}:${supervisor.body.data.auditTrail.nodes[0].seq}`, chainId, seq: expect.any(Number) }),
    ]);
  });

  it("an owner's hits show neither the chain nor the sequence of the operations that made them", async () => {
    const { chainId } = federation.audit.trail;
    const owner = { agency: 'NCB-GB', roles: ['OWNER_ADMIN' as const] };
    const query = (after?: string) =>
      `{ hitsOnOurRecords(recordId: "SLTD-GB-STORY-1", first: 1${after ? `, after: "${after}"` : ''}) { nodes { id user } pageInfo { endCursor } } }`;
    const first = (await federation.queryAs<any>(owner, 'CRIMINAL_INVESTIGATION', query())).body.data.hitsOnOurRecords;
    const second = (await federation.queryAs<any>(owner, 'CRIMINAL_INVESTIGATION', query(first.pageInfo.endCursor))).body.data
      .hitsOnOurRecords;
    expect(second.nodes).toHaveLength(1);
    for (const shown of [...first.nodes, ...second.nodes].map((n: { id: string }) => n.id)) {
      expect(shown).not.toContain(chainId);
      expect(shown).not.toMatch(/:\d+$/);
    }
    expect(Buffer.from(first.pageInfo.endCursor, 'base64url').toString()).not.toContain(chainId);
    expect(second.nodes[0].id).not.toBe(first.nodes[0].id);
  });

  it("NCB-FR's auditor finds its own users' entries by any record they disclosed", async () => {
    const { body } = await federation.queryAs<any>(
      { agency: 'NCB-FR', user: 'fr-auditor-2', roles: ['AUDITOR'] },
      'CRIMINAL_INVESTIGATION',
      `{ auditTrail(filter: { recordId: "${STORY.redNotice.id}" }, first: 100) { nodes { user } } }`,
    );
    expect(body.data.auditTrail.nodes.map((n: { user: string }) => n.user)).toEqual(
      expect.arrayContaining(['fr-scope-notice', 'fr-scope-both']),
    );
  });

  it("NCB-GB's auditor reads no NCB-FR user's entry except where it disclosed NCB-GB's records, and of those only NCB-GB's part", async () => {
    const { body } = await federation.queryAs<any>(
      { agency: 'NCB-GB', user: 'gb-auditor-2', roles: ['AUDITOR'] },
      'CRIMINAL_INVESTIGATION',
      TRAIL,
    );
    expect(body.errors).toBeUndefined();
    const nodes = nodesOf(body);
    expect(nodes.map((n) => n.user)).not.toContain('fr-scope-notice');
    expect(nodes.find((n) => n.user === 'fr-scope-document')).toEqual({
      user: 'fr-scope-document',
      agency: 'NCB-FR',
      operationName: null,
      disclosures: [{ type: 'SltdRecord', id: expect.any(String), owner: 'NCB-GB' }],
      denials: [],
    });
    for (const node of nodes) expect(node.disclosures.length > 0 && node.disclosures.every((d) => d.owner === 'NCB-GB')).toBe(true);
    expect(JSON.stringify(nodes)).not.toContain(STORY.stolenGbPassport.caseFileId);
    expect(JSON.stringify(nodes)).not.toContain(STORY.redNotice.id);
  });

  it("NCB-FR's auditor reads its own users' entries whole", async () => {
    const { body } = await federation.queryAs<any>(
      { agency: 'NCB-FR', user: 'fr-auditor-1', roles: ['AUDITOR'] },
      'CRIMINAL_INVESTIGATION',
      TRAIL,
    );
    const nodes = nodesOf(body);
    expect(nodes.find((n) => n.user === 'fr-scope-notice')).toMatchObject({
      operationName: 'NoticeOnly',
      disclosures: [{ type: 'Notice', id: STORY.redNotice.id, owner: 'IPSG' }],
    });
    expect(
      nodes
        .find((n) => n.user === 'fr-scope-document')!
        .disclosures.map((d) => d.owner)
        .sort(),
    ).toEqual(['NCB-FR', 'NCB-GB']);
  });

  it('an auditor of another agency, with no part in these entries, reads none of them', async () => {
    const { body } = await federation.queryAs<any>(
      { agency: 'NCB-DE', user: 'de-auditor-1', roles: ['AUDITOR'] },
      'CRIMINAL_INVESTIGATION',
      TRAIL,
    );
    expect(nodesOf(body).map((n) => n.user)).not.toEqual(expect.arrayContaining(['fr-scope-notice']));
    expect(nodesOf(body).filter((n) => n.user.startsWith('fr-scope-'))).toEqual([]);
  });

  it("an agency's integrity check gives the verdict, but no other agency's activity counts", async () => {
    const query = '{ auditIntegrity { verified chains { chainId records } hits problems { problem } } }';
    const agencyAuditor = await federation.queryAs<any>(
      { agency: 'NCB-DE', user: 'de-auditor-1', roles: ['AUDITOR'] },
      'CRIMINAL_INVESTIGATION',
      query,
    );
    const ownHits = await createAuditModels(federation.audit.connection).Hit.countDocuments({ owner: 'NCB-DE' });
    expect(agencyAuditor.body.data.auditIntegrity).toEqual({ verified: true, chains: [], hits: ownHits, problems: [] });
    const supervisor = await federation.queryAs<any>(
      { agency: 'OPERATOR', user: 'dpo-1', roles: ['DATA_PROTECTION_SUPERVISOR'] },
      'CRIMINAL_INVESTIGATION',
      query,
    );
    expect(supervisor.body.data.auditIntegrity.chains.length).toBeGreaterThan(0);
  });

  it("the operator's data-protection supervisor reads every agency's entries, and no record content", async () => {
    const supervisor = { agency: 'OPERATOR', user: 'dpo-1', roles: ['DATA_PROTECTION_SUPERVISOR' as const] };
    const { body } = await federation.queryAs<any>(supervisor, 'CRIMINAL_INVESTIGATION', TRAIL);
    expect(body.errors).toBeUndefined();
    expect(nodesOf(body).find((n) => n.user === 'fr-scope-notice')).toMatchObject({
      operationName: 'NoticeOnly',
      disclosures: [{ type: 'Notice', id: STORY.redNotice.id, owner: 'IPSG' }],
    });
    expect(refusedAsUnknown(await federation.queryAs<any>(supervisor, 'CRIMINAL_INVESTIGATION', DOCUMENT_CHECK))).toBe(true);
  });
});

describe('tampering is detected', () => {
  /** A trail with five records (each disclosing a record of NCB-GB to NCB-FR), in a database of its own. */
  async function trailOfFive() {
    const connection = await scratchDatabase();
    const trail = await AuditTrail.open(connection, federation.identity.gateway.privateKey, silentLogger, 'chain-a');
    for (let i = 0; i < 5; i++) {
      await trail.record({
        requestId: `r${i}`,
        at: new Date(Date.UTC(2026, 10, 24, 12, 0, i)),
        user: 'u',
        agency: 'NCB-FR',
        purpose: 'CRIMINAL_INVESTIGATION',
        operationName: null,
        operationHash: 'a'.repeat(64),
        variablesHash: 'b'.repeat(64),
        disclosures: [{ type: 'SltdRecord', id: `S${i}`, owner: 'NCB-GB', fields: ['status'] }],
        matches: [],
        denials: [],
        outcome: 'ok',
      });
    }
    // The chain document's head as the gateway leaves it within AUDIT_HEAD_CHECKPOINT_MS of the last write (after its hits).
    await trail.whenHitsWritten();
    await trail.checkpointHead();
    return { connection, records: connection.collection('auditRecords') };
  }
  const verify = async (connection: Connection) => verifyAuditTrail(connection, federation.identity.gateway.jwks);

  it('an untouched trail verifies', async () => {
    const { connection } = await trailOfFive();
    expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 5 }], hits: 5, releaseGrants: 0, problems: [] });
  });

  it('an edited record', async () => {
    const { connection, records } = await trailOfFive();
    await records.updateOne({ _id: 'chain-a:2' as never }, { $set: { agency: 'NCB-DE' } });
    expect((await verify(connection)).problems).toEqual([expect.objectContaining({ seq: 2, problem: expect.stringContaining('altered') })]);
  });

  it('an edited record re-hashed by someone without the key', async () => {
    const { connection, records } = await trailOfFive();
    const stored = (await records.findOne({ _id: 'chain-a:4' as never })) as unknown as AuditRecord;
    const { auditHash } = await import('@intel-gateway/shared/audit');
    const { hash: _hash, signature: _signature, ...unsealed } = stored;
    const forged = auditHash({ ...unsealed, purpose: 'STRATEGIC_ANALYSIS' });
    await records.updateOne({ _id: 'chain-a:4' as never }, { $set: { purpose: 'STRATEGIC_ANALYSIS', hash: forged } });
    const problems = (await verify(connection)).problems.map((p) => p.problem);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('signature')]));
    expect(problems.join()).not.toContain('deleted');
  });

  it('an inserted record', async () => {
    const { connection, records } = await trailOfFive();
    const copy = (await records.findOne({ _id: 'chain-a:1' as never }))!;
    await records.deleteOne({ _id: 'chain-a:4' as never });
    await records.insertOne({ ...copy, _id: 'chain-a:4' as never, seq: 4, requestId: 'inserted' });
    expect((await verify(connection)).problems.map((p) => p.seq)).toEqual(expect.arrayContaining([4]));
  });

  it('a deleted record, in the middle and at the end', async () => {
    const middle = await trailOfFive();
    await middle.records.deleteOne({ _id: 'chain-a:2' as never });
    expect((await verify(middle.connection)).problems.map((p) => p.problem)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('records 2–2 are missing'),
        expect.stringContaining('points at a missing audit record'),
      ]),
    );
    const end = await trailOfFive();
    await end.records.deleteOne({ _id: 'chain-a:4' as never });
    expect((await verify(end.connection)).problems.map((p) => p.problem)).toEqual(
      expect.arrayContaining([expect.stringContaining('records deleted from the end')]),
    );
  });

  it('npm run audit:verify reports it, and exits 1', async () => {
    const { connection, records } = await trailOfFive();
    const directory = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    try {
      const jwksPath = join(directory, 'gateway-jwks.json');
      writeFileSync(jwksPath, JSON.stringify(federation.identity.gateway.jwks));
      const run = () =>
        promisify(execFile)(
          process.execPath,
          [join(repositoryRoot, 'tools', 'dist', 'auditVerify.js'), '--database', connection.name, '--jwks', jwksPath],
          {
            env: childEnvironment({ MONGODB_URI: testDatabaseUri() }),
          },
        );
      expect((await run()).stdout).toContain('audit trail verified');
      await records.updateOne({ _id: 'chain-a:3' as never }, { $set: { user: 'someone-else' } });
      await expect(run()).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('PROBLEM chain chain-a record 3') });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

it('with the audit store unavailable, a query gets an error and no data', async () => {
  const connection = await scratchDatabase();
  const trail = await AuditTrail.open(connection, federation.identity.gateway.privateKey, silentLogger);
  const gateway = await startAuditedGateway(trail);
  try {
    const token = await mintAgencyToken({ identity: federation.identity, agency: 'NCB-GB', roles: ['ANALYST'] });
    const working = await postGraphQL(gateway.url, DOCUMENT_CHECK, undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION'));
    expect(working.body.data.travelDocument.sltd.status).toBe('STOLEN');

    await connection.close(true);
    const { status, body } = await postGraphQL(gateway.url, DOCUMENT_CHECK, undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION'));
    expect(status).toBe(503);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }) })]);
    expect(JSON.stringify(body)).not.toContain('STOLEN');
  } finally {
    await gateway.server.stop();
    scratch.splice(scratch.indexOf(connection), 1);
  }
});

it('two gateway instances serving at once keep separate chains, and both verify', async () => {
  const connection = await scratchDatabase();
  const first = await AuditTrail.open(connection, federation.identity.gateway.privateKey, silentLogger);
  const second = await AuditTrail.open(connection, federation.identity.gateway.privateKey, silentLogger);
  expect(first.chainId).not.toBe(second.chainId);
  const gateways = [await startAuditedGateway(first), await startAuditedGateway(second)];
  try {
    const token = await mintAgencyToken({ identity: federation.identity, agency: 'NCB-FR', roles: ['ANALYST'] });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postGraphQL(gateways[i % 2]!.url, DOCUMENT_CHECK, undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION')),
      ),
    );
    for (const answer of answers) expect(answer.body.data.travelDocument.sltd.status).toBe('STOLEN');
    const report = await verifyAuditTrail(connection, federation.identity.gateway.jwks);
    expect(report.problems).toEqual([]);
    expect(report.chains.sort((a, b) => a.chainId.localeCompare(b.chainId))).toEqual(
      [first.chainId, second.chainId].sort().map((chainId) => ({ chainId, records: 10 })),
    );
  } finally {
    for (const gateway of gateways) await gateway.server.stop();
  }
});

it("the federation's own trail verifies after everything above", async () => {
  const report = await verifyAuditTrail(federation.audit.connection, federation.identity.gateway.jwks);
  expect(report.problems).toEqual([]);
  expect(report.chains).toEqual([{ chainId: federation.audit.trail.chainId, records: expect.any(Number) }]);
  expect(report.chains[0]!.records).toBeGreaterThanOrEqual(3);
});

it("a hit deleted from the federation's store: auditIntegrity is no longer verified; agencies' auditors read how many problems concern them, never where", async () => {
  const models = createAuditModels(federation.audit.connection);
  const hit = (await models.Hit.findOne({ owner: 'NCB-GB', recordId: 'SLTD-GB-STORY-1', agency: 'NCB-FR' }).lean())!;
  await models.Hit.deleteOne({ _id: hit._id });
  const integrityFor = async (agency: string) =>
    (
      await federation.queryAs<any>(
        { agency, user: `${agency.toLowerCase()}-integrity-auditor`, roles: ['AUDITOR' as const] },
        'CRIMINAL_INVESTIGATION',
        '{ auditIntegrity { verified problems { chainId seq problem } } }',
      )
    ).body.data.auditIntegrity;
  const [chainId, seq] = [hit.auditId.slice(0, hit.auditId.lastIndexOf(':')), Number(hit.auditId.slice(hit.auditId.lastIndexOf(':') + 1))];
  const named = {
    verified: false,
    problems: [
      { chainId, seq, problem: expect.stringContaining(`hit ${hit._id} (NCB-GB's SltdRecord SLTD-GB-STORY-1, to NCB-FR) is missing`) },
    ],
  };
  // The operator's supervisor reads every problem in full, from a verification started by its call (an agency's auditor may read a report up to a minute old).
  const supervisor = await federation.queryAs<any>(
    { agency: 'OPERATOR', user: 'dpo-3', roles: ['DATA_PROTECTION_SUPERVISOR'] },
    'CRIMINAL_INVESTIGATION',
    '{ auditIntegrity { verified problems { chainId seq problem } } }',
  );
  expect(supervisor.body.data.auditIntegrity).toEqual(named);
  // The record's owner and the agency of the caller it was disclosed to learn that a problem concerns them.
  for (const agency of ['NCB-GB', 'NCB-FR']) {
    const own = await integrityFor(agency);
    expect(own).toEqual({
      verified: false,
      problems: [{ chainId: '(your agency)', seq: null, problem: expect.stringMatching(/^1 problem\(s\) about your agency/) }],
    });
    // Not where: a chain, a sequence number or a stored id would tell how many operations every agency ran.
    for (const text of [chainId, hit._id, hit.auditId]) expect(JSON.stringify(own)).not.toContain(text);
  }
  // Any other agency's auditor learns that the trail is not intact, and how many problems are not its agency's: not whose, nor where.
  const other = await integrityFor('IPSG');
  expect(other).toEqual({
    verified: false,
    problems: [{ chainId: '(other agencies)', seq: null, problem: expect.stringMatching(/^1 problem\(s\) about other agencies/) }],
  });
  for (const text of ['NCB-GB', 'NCB-FR', 'SLTD-GB-STORY-1', chainId]) expect(JSON.stringify(other)).not.toContain(text);
});
