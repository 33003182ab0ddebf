import type { Connection } from 'mongoose';
import { AuditTrail } from '@intel-gateway/gateway';
import {
  type AuditRecord,
  createAuditModels,
  RELEASE_GRANT_PROBLEM,
  type SealedReleaseGrant,
  verifyAuditTrail,
} from '@intel-gateway/shared/audit';
import type { ReleaseGrantRecord } from '@intel-gateway/shared/policy';
import { createDevIdentity, type DevIdentity, STORY } from '@intel-gateway/tools';
import { entryWithHits, scratchDatabases } from './auditFixtures';
import { silentLogger, startTestFederation, type TestFederation } from './harness';

/**
 * Release grants are outside the hash chain, but each one an owner approves is sealed in
 * the audit record of the approving operation: verification requires every stored grant
 * to be exactly one of those. The attacker is an insider with write access to the audit
 * database (not the gateway's key), who inserts a grant to release a record, widens one,
 * or deletes one.
 */
let federation: TestFederation;
let identity: DevIdentity;
const scratch = scratchDatabases('sealed_grants');
beforeAll(async () => {
  [federation, identity] = await Promise.all([startTestFederation(), createDevIdentity()]);
}, 300_000);
afterAll(async () => {
  await federation.stop();
  await scratch.dropAll();
});

const requester = { agency: 'NCB-GB', user: 'gb-analyst-9', roles: ['AP_ANALYST' as const], purposes: ['CRIMINAL_INVESTIGATION' as const] };
const entryQuery = `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id category } }`;
const verify = (connection: Connection, jwks = federation.identity.gateway.jwks) =>
  verifyAuditTrail(connection, jwks, { grantSealWaitMs: 0, concerns: true });
const grantProblems = (report: Awaited<ReturnType<typeof verify>>) => report.problems.filter((p) => p.chainId === RELEASE_GRANT_PROBLEM);

/** NCB-GB matches the Europol entry, asks for its release, and Europol's administrator approves: the grant's id. */
async function approvedRelease(): Promise<string> {
  const hit = await federation.queryAs<any>(requester, 'CRIMINAL_INVESTIGATION', entryQuery);
  const { reference } = hit.body.errors?.[0]?.extensions?.hit as { reference: string };
  const requested = await federation.queryAs<any>(
    requester,
    'CRIMINAL_INVESTIGATION',
    `mutation { requestRelease(reference: "${reference}", justification: "Needed to identify the suspect in our case.") { id } }`,
  );
  const { id } = requested.body.data.requestRelease as { id: string };
  const decided = await federation.queryAs<any>(
    { agency: 'EUROPOL', roles: ['OWNER_ADMIN'] },
    'CRIMINAL_INVESTIGATION',
    `mutation { decideRelease(id: "${id}", approve: true, conditions: "Not for court.") { status } }`,
  );
  expect(decided.body.errors).toBeUndefined();
  expect(decided.body.data.decideRelease).toEqual({ status: 'APPROVED' });
  return id;
}

describe('an approval seals its grant, and verification holds every stored grant to it', () => {
  let grantId: string;
  let grant: ReleaseGrantRecord;
  const models = () => createAuditModels(federation.audit.connection);

  beforeAll(async () => {
    grantId = await approvedRelease();
    grant = (await models().ReleaseGrant.findById(grantId).lean<ReleaseGrantRecord>())!;
  });

  it("the approving operation's audit record carries the grant exactly as stored, and the trail verifies", async () => {
    const record = await models().AuditRecord.findOne({ 'releaseGrants._id': grantId }).lean<AuditRecord>();
    expect(record).toMatchObject({ agency: 'EUROPOL', outcome: 'ok' });
    const sealed: SealedReleaseGrant = {
      _id: grantId,
      agency: 'NCB-GB',
      purpose: 'CRIMINAL_INVESTIGATION',
      recordType: 'PersonEntry',
      owner: 'EUROPOL',
      recordId: STORY.redNotice.europolEntryId,
      until: null,
      conditions: 'Not for court.',
      grantedAt: grant.grantedAt.toISOString(),
    };
    expect(record!.releaseGrants).toEqual([sealed]);
    const report = await verify(federation.audit.connection);
    expect(report.problems).toEqual([]);
    expect(report.releaseGrants).toBe(1);
  });

  it('a grant inserted outside the release flow is reported, as concerning its owner and the agency it releases to', async () => {
    const forged = { ...grant, _id: 'forged-grant-1', agency: 'NCB-FR' };
    await models().ReleaseGrant.collection.insertOne(forged as never);
    try {
      expect(grantProblems(await verify(federation.audit.connection))).toEqual([
        {
          chainId: RELEASE_GRANT_PROBLEM,
          concerns: ['EUROPOL', 'NCB-FR'],
          problem: expect.stringMatching(/^release grant forged-grant-1 .* has no approval sealed in the audit trail: .*\(inserted\)$/),
        },
      ]);
    } finally {
      await models().ReleaseGrant.deleteOne({ _id: 'forged-grant-1' });
    }
  });

  it.each([
    ['a later end', { until: new Date('2099-01-01T00:00:00Z') }],
    ['another agency', { agency: 'NCB-US' }],
    ['another record', { recordId: 'EP-OTHER' }],
    ['other conditions', { conditions: null }],
    ['a field added', { note: 'approved by phone' }],
  ])('a grant widened with %s is reported as altered', async (_, change) => {
    await models().ReleaseGrant.collection.updateOne({ _id: grantId } as never, { $set: change });
    try {
      const problems = grantProblems(await verify(federation.audit.connection));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.problem).toMatch(
        new RegExp(`^release grant ${grantId} .* differs from the approval sealed in the audit trail \\(altered\\)$`),
      );
    } finally {
      await models().ReleaseGrant.collection.replaceOne({ _id: grantId } as never, grant);
    }
    expect(grantProblems(await verify(federation.audit.connection))).toEqual([]);
  });

  it('a sealed grant deleted from the store is reported as missing', async () => {
    await models().ReleaseGrant.deleteOne({ _id: grantId });
    try {
      expect(grantProblems(await verify(federation.audit.connection))).toEqual([
        expect.objectContaining({
          problem: expect.stringMatching(new RegExp(`^release grant ${grantId} .* is missing from the grant store \\(deleted\\)$`)),
        }),
      ]);
    } finally {
      await models().ReleaseGrant.collection.insertOne(grant as never);
    }
  });
});

describe("a grant whose approval's record lands after the trail was read", () => {
  const at = new Date(Date.UTC(2026, 11, 1, 9, 0, 0));
  const lateGrant: ReleaseGrantRecord = {
    _id: 'late-grant',
    agency: 'NCB-FR',
    purpose: 'CRIMINAL_INVESTIGATION',
    recordType: 'NationalPerson',
    owner: 'NCB-DE',
    recordId: 'P1',
    until: null,
    conditions: null,
    grantedAt: at,
  };
  const sealedForm: SealedReleaseGrant = { ...lateGrant, until: null, grantedAt: at.toISOString() };

  /** A store with the grant and, written during verification's wait, the record sealing it (by a trail signed with `signer`'s key). */
  async function verifyWithLateRecord(signer: DevIdentity): Promise<ReturnType<typeof grantProblems>> {
    const connection = await scratch.open();
    const trail = await AuditTrail.open(connection, signer.gateway.privateKey, silentLogger, `late-${Math.random()}`);
    await createAuditModels(connection).ReleaseGrant.create(lateGrant);
    const verification = verifyAuditTrail(connection, identity.gateway.jwks, { grantSealWaitMs: 1_500, concerns: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await trail.record({ ...entryWithHits(1, at), agency: 'NCB-DE', releaseGrants: [sealedForm] });
    const report = await verification;
    await trail.close();
    return grantProblems(report);
  }

  it('is looked for again after the wait, and found', async () => {
    expect(await verifyWithLateRecord(identity)).toEqual([]);
  });

  it('a record found on that second look seals nothing unless the gateway signed it', async () => {
    const stranger = await createDevIdentity();
    expect(await verifyWithLateRecord(stranger)).toEqual([
      expect.objectContaining({ problem: expect.stringMatching(/^release grant late-grant .* \(inserted\)$/) }),
    ]);
  });
});
