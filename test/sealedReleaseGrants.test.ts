import type { Connection } from 'mongoose';
import { AuditTrail, honourSealedGrants } from '@intel-gateway/gateway';
import { createNationalModels, type NationalPersonRecord } from '@intel-gateway/national';
import {
  type AuditRecord,
  createAuditModels,
  isSealedRecord,
  publicKeysOf,
  RELEASE_GRANT_PROBLEM,
  type ReleaseRequestRecord,
  type SealedReleaseGrant,
  sealedReleaseGrant,
  verifyAuditTrail,
  verifyReleaseGrants,
} from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { ReleaseGrantRecord } from '@intel-gateway/shared/policy';
import { retentionDates } from '@intel-gateway/shared/records';
import { createDevIdentity, databaseNames, type DevIdentity, STORY } from '@intel-gateway/tools';
import { entryWithHits, scratchDatabases, sealGrants, sealRequests } from './auditFixtures';
import { silentLogger, startTestFederation, testDatabaseUri, type TestFederation } from './harness';

/**
 * Release grants are outside the hash chain, but each one an owner approves is sealed in
 * the audit record of the approving operation: verification requires every stored grant
 * to be exactly one of those, and the gateway honours no other. The attacker is an insider
 * with write access to the audit database (not the gateway's key), who inserts a grant to
 * release a record, widens one, or deletes one.
 */
let federation: TestFederation;
let identity: DevIdentity;
let national: Connection;
const scratch = scratchDatabases('sealed_grants');

/** A person of NCB-DE's that NCB-GB may know only exists: what it sees is decided by the provenance the gateway checks again. */
const CREATED = new Date('2026-06-01T00:00:00Z');
const PERSON: NationalPersonRecord = {
  _id: 'DE-P-SEALED-0001',
  caseFileId: 'DE-CF-999998',
  role: 'SUSPECT',
  biometrics: [],
  name: { familyName: 'Falk', forenames: 'Jonas', original: null, script: 'LATIN', transliterations: [] },
  dateOfBirth: '1979-08-14',
  nationalities: ['DE'],
  interpolNoticeId: null,
  provenance: {
    owner: 'NCB-DE',
    ownerCountry: 'DE',
    createdAt: CREATED,
    ...retentionDates(CREATED),
    purposes: ['CRIMINAL_INVESTIGATION'],
    restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: ['NCB-GB'] },
    handling: { code: 'H0', conditions: null },
    tlp: 'AMBER',
    evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
    classification: 'RESTRICTED',
  },
};

/** Another such person, for requests of their own. */
const OTHER_PERSON: NationalPersonRecord = {
  ...PERSON,
  _id: 'DE-P-SEALED-0002',
  name: { ...PERSON.name, familyName: 'Brandt' },
};

/** Persons of a test of their own that leaves a grant behind, so that no other test's person is released meanwhile (grants take effect within seconds). */
const APPROVED_PERSON: NationalPersonRecord = { ...OTHER_PERSON, _id: 'DE-P-SEALED-0003' };
const UNSEALED_GRANT_PERSON: NationalPersonRecord = { ...OTHER_PERSON, _id: 'DE-P-SEALED-0004' };

beforeAll(async () => {
  [federation, identity] = await Promise.all([startTestFederation(), createDevIdentity()]);
  national = await connectDatabase(testDatabaseUri(), databaseNames(federation.databaseSuffix).national);
  await createNationalModels(national).NationalPerson.insertMany([PERSON, OTHER_PERSON, APPROVED_PERSON, UNSEALED_GRANT_PERSON]);
}, 300_000);
afterAll(async () => {
  await national.close();
  await federation.stop();
  await scratch.dropAll();
});

const requester = {
  agency: 'NCB-GB',
  user: 'gb-analyst-9',
  roles: ['ANALYST' as const],
  purposes: ['CRIMINAL_INVESTIGATION' as const, 'BORDER_CONTROL' as const],
};
const personQuery = `{ person(id: "${PERSON._id}") { id name { familyName } } }`;
const verify = (connection: Connection, jwks = federation.identity.gateway.jwks) =>
  verifyAuditTrail(connection, jwks, { grantSealWaitMs: 0, concerns: true });
const grantProblems = (report: Awaited<ReturnType<typeof verify>>) => report.problems.filter((p) => p.chainId === RELEASE_GRANT_PROBLEM);
/** A grant of NCB-DE's person `recordId` to NCB-FR, as a scratch store holds one; `fields` change it. */
const scratchGrant = (id: string, fields: Partial<ReleaseGrantRecord> = {}): ReleaseGrantRecord => ({
  _id: id,
  agency: 'NCB-FR',
  purpose: 'CRIMINAL_INVESTIGATION',
  recordType: 'NationalPerson',
  owner: 'NCB-DE',
  recordId: 'P1',
  until: null,
  conditions: null,
  grantedAt: new Date('2026-11-01T00:00:00Z'),
  ...fields,
});

/** Asks until `ready` holds for the answer, for up to 30 s; gives the last answer either way. */
async function eventually<T>(ask: () => Promise<T>, ready: (answer: T) => boolean): Promise<T> {
  const deadline = performance.now() + 30_000;
  let answer = await ask();
  while (!ready(answer) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await ask();
  }
  return answer;
}

/** NCB-GB matches the person, asks for its release, and NCB-DE's administrator approves: the grant's id. */
async function approvedRelease(): Promise<string> {
  const hit = await federation.queryAs<any>(requester, 'CRIMINAL_INVESTIGATION', personQuery);
  const { reference } = hit.body.errors?.[0]?.extensions?.hit as { reference: string };
  const requested = await federation.queryAs<any>(
    requester,
    'CRIMINAL_INVESTIGATION',
    `mutation { requestRelease(reference: "${reference}", justification: "Needed to identify the suspect in our case.") { id } }`,
  );
  const { id } = requested.body.data.requestRelease as { id: string };
  const decided = await federation.queryAs<any>(
    { agency: 'NCB-DE', roles: ['OWNER_ADMIN'] },
    'CRIMINAL_INVESTIGATION',
    `mutation { decideRelease(id: "${id}", approve: true, conditions: "Not for court.") { status } }`,
  );
  expect(decided.body.errors).toBeUndefined();
  expect(decided.body.data.decideRelease).toEqual({ status: 'APPROVED' });
  return id;
}

/** The grant NCB-DE's approval wrote, as stored: every test leaves it as it found it. */
let grantId: string;
let grant: ReleaseGrantRecord;
beforeAll(async () => {
  grantId = await approvedRelease();
  grant = (await createAuditModels(federation.audit.connection).ReleaseGrant.findById(grantId).lean<ReleaseGrantRecord>())!;
});

describe('an approval seals its grant, and verification holds every stored grant to it', () => {
  const models = () => createAuditModels(federation.audit.connection);

  it("the approving operation's audit record carries the grant exactly as stored, and the trail verifies", async () => {
    const record = await models().AuditRecord.findOne({ 'releaseGrants._id': grantId }).lean<AuditRecord>();
    expect(record).toMatchObject({ agency: 'NCB-DE', outcome: 'ok' });
    const sealed: SealedReleaseGrant = {
      _id: grantId,
      agency: 'NCB-GB',
      purpose: 'CRIMINAL_INVESTIGATION',
      recordType: 'NationalPerson',
      owner: 'NCB-DE',
      recordId: PERSON._id,
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
          concerns: ['NCB-DE', 'NCB-FR'],
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

describe('the gateway honours only a grant its approval sealed, exactly as sealed', () => {
  const grants = () => createAuditModels(federation.audit.connection).ReleaseGrant;
  /** The requester's answer for the released person, once it is (`served`) or is not served, asked until so (grants are read again every few seconds). */
  const personOnceServed = (served: boolean) =>
    eventually(
      () => federation.queryAs<any>(requester, 'CRIMINAL_INVESTIGATION', personQuery),
      (answer) => (answer.body.data?.person != null) === served,
    );

  beforeAll(async () => {
    expect((await personOnceServed(true)).body.data.person).toEqual({ id: PERSON._id, name: { familyName: 'Falk' } });
  });

  /** What the gateway answers when the owning subgraph served the person on a grant the gateway does not honour: nothing, as for any record it cannot confirm. */
  const WITHHELD = { data: null, errors: [expect.objectContaining({ extensions: { code: 'ANSWER_WITHHELD' } })] };

  it('a grant altered in the store (its conditions dropped): the owning subgraph serves the person on it, the gateway withholds the answer', async () => {
    await grants().updateOne({ _id: grantId }, { $set: { conditions: null } });
    try {
      expect((await personOnceServed(false)).body).toEqual(WITHHELD);
    } finally {
      await grants().replaceOne({ _id: grantId }, grant);
    }
    expect((await personOnceServed(true)).body.data.person).not.toBeNull();
  });

  it('the same grant stored under an id no approval sealed: withheld too', async () => {
    await grants().deleteOne({ _id: grantId });
    await grants().create({ ...grant, _id: `${grantId}-copy` });
    try {
      expect((await personOnceServed(false)).body).toEqual(WITHHELD);
    } finally {
      await grants().deleteOne({ _id: `${grantId}-copy` });
      await grants().create(grant);
    }
    expect((await personOnceServed(true)).body.data.person).not.toBeNull();
  });
});

describe('project data served on a grant the gateway refuses', () => {
  it('is withheld too, though the gateway cannot check project participation itself', async () => {
    const analyst = {
      agency: 'NCB-GB',
      user: 'gb-ap-analyst',
      roles: ['AP_ANALYST' as const],
      purposes: ['CRIMINAL_INVESTIGATION' as const],
    };
    const ask = () =>
      federation.queryAs<any>(
        analyst,
        'CRIMINAL_INVESTIGATION',
        `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id category } }`,
      );
    const before = await ask();
    expect(before.body.data).toEqual({ personEntry: null });
    expect(before.body.errors?.map((e: any) => e.extensions?.code)).toEqual(['HIT']);
    const forged: ReleaseGrantRecord = {
      _id: 'forged-entry-grant',
      agency: 'NCB-GB',
      purpose: 'CRIMINAL_INVESTIGATION',
      recordType: 'PersonEntry',
      owner: 'EUROPOL',
      recordId: STORY.redNotice.europolEntryId,
      until: null,
      conditions: null,
      grantedAt: new Date(),
    };
    const grants = createAuditModels(federation.audit.connection).ReleaseGrant;
    await grants.create(forged);
    try {
      // Europol reads its grants again within seconds, and then serves the entry on this one.
      const answer = await eventually(ask, (a) => a.body.errors?.[0]?.extensions?.code !== 'HIT');
      expect(answer.body).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'ANSWER_WITHHELD' } })] });
    } finally {
      await grants.deleteOne({ _id: forged._id });
    }
  });
});

describe('a release request is decided on the terms it was made with', () => {
  const models = () => createAuditModels(federation.audit.connection);
  /** A fresh hit on `person` (the other person unless said) for the requester: its reference. */
  const freshReference = async (person: NationalPersonRecord = OTHER_PERSON) => {
    const hit = await federation.queryAs<any>(requester, 'CRIMINAL_INVESTIGATION', `{ person(id: "${person._id}") { id } }`);
    expect(hit.body.errors?.map((e: any) => e.extensions?.code)).toEqual(['HIT']);
    return (hit.body.errors![0]!.extensions!.hit as { reference: string }).reference;
  };
  const decide = (id: string) =>
    federation.queryAs<any>(
      { agency: 'NCB-DE', roles: ['OWNER_ADMIN'] },
      'CRIMINAL_INVESTIGATION',
      `mutation { decideRelease(id: "${id}", approve: true) { status } }`,
    );

  it('a pending request edited in the store (another record) cannot be decided, and no grant is written; as made, it can', async () => {
    const requested = await federation.queryAs<any>(
      requester,
      'CRIMINAL_INVESTIGATION',
      `mutation { requestRelease(reference: "${await freshReference(APPROVED_PERSON)}", justification: "Needed for our case.") { id } }`,
    );
    const { id } = requested.body.data.requestRelease as { id: string };
    // The request's record and agency were sealed when it was made; the insider points it at another record, for another agency.
    await models().ReleaseRequest.updateOne({ _id: id }, { $set: { recordId: PERSON._id, requesterAgency: 'NCB-US' } });
    const refused = await decide(id);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors?.map((e: any) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', expect.stringMatching(/not as it was made/)],
    ]);
    expect(await models().ReleaseGrant.findById(id).lean()).toBeNull();
    await models().ReleaseRequest.updateOne({ _id: id }, { $set: { recordId: APPROVED_PERSON._id, requesterAgency: 'NCB-GB' } });
    expect((await decide(id)).body.data).toEqual({ decideRelease: { status: 'APPROVED' } });
    expect(await models().ReleaseGrant.findById(id).lean()).toMatchObject({ recordId: APPROVED_PERSON._id, agency: 'NCB-GB' });
  });

  it('the owner is shown the record from the seal, the requester nothing of it; an edited justification shows, and cannot be decided', async () => {
    const requested = await federation.queryAs<any>(
      requester,
      'CRIMINAL_INVESTIGATION',
      `mutation { requestRelease(reference: "${await freshReference()}", justification: "A weak reason, for our case.") { id asMade recordId } }`,
    );
    const { id } = requested.body.data.requestRelease as { id: string };
    expect(requested.body.data.requestRelease).toEqual({ id, asMade: true, recordId: null });
    const view = `{ id recordType recordId asMade }`;
    const ownersView = async () =>
      (
        await federation.queryAs<any>(
          { agency: 'NCB-DE', roles: ['OWNER_ADMIN'] },
          'CRIMINAL_INVESTIGATION',
          `{ releaseRequestsToUs(status: PENDING, first: 100) { nodes ${view} } }`,
        )
      ).body.data.releaseRequestsToUs.nodes.find((n: { id: string }) => n.id === id);
    expect(await ownersView()).toEqual({ id, recordType: 'NationalPerson', recordId: OTHER_PERSON._id, asMade: true });
    const requestersView = await federation.queryAs<any>(
      requester,
      'CRIMINAL_INVESTIGATION',
      `{ ourReleaseRequests(status: PENDING, first: 100) { nodes ${view} } }`,
    );
    expect(requestersView.body.data.ourReleaseRequests.nodes.find((n: { id: string }) => n.id === id)).toEqual({
      id,
      recordType: null,
      recordId: null,
      asMade: true,
    });
    // The insider makes the weak reason a convincing one, and points the stored request at another record: the owner still sees the sealed record, and that the request is not as made.
    await models().ReleaseRequest.updateOne(
      { _id: id },
      { $set: { justification: 'Urgent: imminent threat to life, approved by the prosecutor.', recordId: PERSON._id } },
    );
    expect(await ownersView()).toEqual({ id, recordType: 'NationalPerson', recordId: OTHER_PERSON._id, asMade: false });
    expect((await decide(id)).body.errors?.map((e: any) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('a refusal reset to pending in the store is not put before the owner again: it cannot be decided, and does not stand', async () => {
    const reference = await freshReference();
    const requested = await federation.queryAs<any>(
      requester,
      'CRIMINAL_INVESTIGATION',
      `mutation { requestRelease(reference: "${reference}", justification: "Needed for our case.") { id } }`,
    );
    const { id } = requested.body.data.requestRelease as { id: string };
    const refused = await federation.queryAs<any>(
      { agency: 'NCB-DE', roles: ['OWNER_ADMIN'] },
      'CRIMINAL_INVESTIGATION',
      `mutation { decideRelease(id: "${id}", approve: false) { status } }`,
    );
    expect(refused.body.data).toEqual({ decideRelease: { status: 'REFUSED' } });
    await models().ReleaseRequest.updateOne({ _id: id }, { $set: { status: 'PENDING', decidedAt: null, decidedBy: null } });
    const again = await decide(id);
    expect(again.body.errors?.map((e: any) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', expect.stringMatching(/decided already/)],
    ]);
    expect(await models().ReleaseGrant.findById(id).lean()).toBeNull();
    // Asked again, the agency gets a new request, not the reset one.
    expect((await askAgain(reference)).id).not.toBe(id);
  });

  /** A request for `person` as stored by hand: `status`, its terms sealed or not. */
  const storedRequest = (reference: string, status: 'PENDING' | 'APPROVED', person = OTHER_PERSON): ReleaseRequestRecord => ({
    _id: `stored-${status.toLowerCase()}-${Math.random().toString(36).slice(2)}`,
    reference,
    recordType: 'NationalPerson',
    recordId: person._id,
    owner: 'NCB-DE',
    requesterAgency: 'NCB-GB',
    requesterUser: requester.user,
    purpose: 'CRIMINAL_INVESTIGATION',
    justification: 'Needed for our case.',
    status,
    requestedAt: new Date(),
    decidedAt: status === 'APPROVED' ? new Date() : null,
    decidedBy: status === 'APPROVED' ? 'de-admin' : null,
    until: null,
    conditions: null,
  });
  const askAgain = async (reference: string) =>
    (
      await federation.queryAs<any>(
        requester,
        'CRIMINAL_INVESTIGATION',
        `mutation { requestRelease(reference: "${reference}", justification: "Needed for our case.") { id status } }`,
      )
    ).body.data.requestRelease as { id: string; status: string };

  it('a pending request whose terms were never sealed (made before they were) does not stand: asking again makes a new one', async () => {
    const reference = await freshReference();
    const unsealed = storedRequest(reference, 'PENDING');
    await models().ReleaseRequest.create(unsealed);
    const again = await askAgain(reference);
    expect(again.status).toBe('PENDING');
    expect(again.id).not.toBe(unsealed._id);
    // And the new one, sealed, stands: asked once more, it is the one given.
    expect((await askAgain(reference)).id).toBe(again.id);
  });

  it('an approved request whose grant was never sealed (its audit write failed) does not stand either', async () => {
    const reference = await freshReference(UNSEALED_GRANT_PERSON);
    const approved = storedRequest(reference, 'APPROVED', UNSEALED_GRANT_PERSON);
    await models().ReleaseRequest.create(approved);
    await sealRequests(federation.audit.trail, [approved]);
    await models().ReleaseGrant.create({
      _id: approved._id,
      agency: 'NCB-GB',
      purpose: 'CRIMINAL_INVESTIGATION',
      recordType: 'NationalPerson',
      owner: 'NCB-DE',
      recordId: UNSEALED_GRANT_PERSON._id,
      until: null,
      conditions: null,
      grantedAt: new Date(),
    });
    try {
      const again = await askAgain(reference);
      expect(again.id).not.toBe(approved._id);
      expect(again.status).toBe('PENDING');
    } finally {
      await models().ReleaseGrant.deleteOne({ _id: approved._id });
    }
  });

  it('a reference whose audit record was edited in the store names nothing', async () => {
    const reference = await freshReference();
    const record = (await models().AuditRecord.findOne({ 'matches.reference': reference }).lean<AuditRecord>())!;
    await models().AuditRecord.collection.updateOne(
      { _id: record._id } as never,
      { $set: { 'matches.$[m].id': PERSON._id } },
      {
        arrayFilters: [{ 'm.reference': reference }],
      },
    );
    try {
      const requested = await federation.queryAs<any>(
        requester,
        'BORDER_CONTROL',
        `mutation { requestRelease(reference: "${reference}", justification: "Needed at the border.") { id } }`,
      );
      expect(requested.body.errors?.map((e: any) => [e.extensions?.code, e.message])).toEqual([
        ['BAD_USER_INPUT', expect.stringMatching(/no hit\/no-hit answer with this reference/)],
      ]);
    } finally {
      await models().AuditRecord.collection.replaceOne({ _id: record._id } as never, record);
    }
  });
});

describe("a grant whose approval's record lands after the trail was read", () => {
  const at = new Date(Date.UTC(2026, 11, 1, 9, 0, 0));
  const grantNamed = (id: string, grantedAt: Date) => scratchGrant(id, { grantedAt });

  /** A store with a grant just stored and, written during verification's wait, the record sealing it (by a trail signed with `signer`'s key). */
  async function verifyWithLateRecord(signer: DevIdentity): Promise<ReturnType<typeof grantProblems>> {
    const connection = await scratch.open();
    const trail = await AuditTrail.open(connection, signer.gateway.privateKey, silentLogger, `late-${Math.random()}`);
    const lateGrant = grantNamed('late-grant', new Date());
    await createAuditModels(connection).ReleaseGrant.create(lateGrant);
    const verification = verifyAuditTrail(connection, identity.gateway.jwks, { grantSealWaitMs: 1_500, concerns: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await trail.record({ ...entryWithHits(1, at), agency: 'NCB-DE', releaseGrants: [sealedReleaseGrant(lateGrant)] });
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

  it('only a grant stored within the wait is looked for again: an older one the first pass did not match is reported', async () => {
    const connection = await scratch.open();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'second-look');
    const models = createAuditModels(connection);
    const recent = grantNamed('recent', new Date());
    const old = grantNamed('old', new Date(Date.now() - 60_000));
    await models.ReleaseGrant.create([recent, old]);
    // Both are sealed in the store; an empty first pass stands for records that landed after the trail was read.
    await sealGrants(trail, [recent, old]);
    const check = { isSealed: (record: AuditRecord) => isSealedRecord(record, trail.sealKeys), sealWaitMs: 1_000, concerns: false };
    const report = await verifyReleaseGrants(models, new Map(), { ...check, now: Date.now() });
    expect(report.problems.map((p) => p.problem)).toEqual([expect.stringMatching(/^release grant old .* \(inserted\)$/)]);
    await trail.close();
  });
});

describe('one grant id sealed twice with different terms', () => {
  it('is reported, and the gateway honours the grant under neither', async () => {
    const connection = await scratch.open();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'twice');
    const models = createAuditModels(connection);
    const first = scratchGrant('twice', { recordId: 'P2', conditions: 'Not for court.' });
    await models.ReleaseGrant.create({ ...first, conditions: null });
    await sealGrants(trail, [first]);
    await sealGrants(trail, [{ ...first, conditions: null }]);
    const report = await verifyAuditTrail(connection, identity.gateway.jwks, { grantSealWaitMs: 0 });
    expect(grantProblems(report).map((p) => p.problem)).toEqual([
      expect.stringMatching(/^release grant twice .* is sealed 2 times with different terms/),
    ]);
    const honour = honourSealedGrants(models.AuditRecord, trail.sealKeys, silentLogger);
    expect(await honour([(await models.ReleaseGrant.findById('twice').lean<ReleaseGrantRecord>())!])).toEqual([]);
    await trail.close();
  });
});

describe('what an insider may store in place of a date or a signature', () => {
  it('a grant whose end is text reading as the sealed instant is altered, not the same grant', async () => {
    const connection = await scratch.open();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'text-dates');
    const models = createAuditModels(connection);
    const sealed = scratchGrant('text-dates', { recordId: 'P3', until: new Date('2027-01-01T00:00:00Z') });
    await models.ReleaseGrant.collection.insertOne({ ...sealed, until: '2027-01-01T00:00:00.000Z' } as never);
    await sealGrants(trail, [sealed]);
    const report = await verifyAuditTrail(connection, identity.gateway.jwks, { grantSealWaitMs: 0 });
    expect(grantProblems(report).map((p) => p.problem)).toEqual([expect.stringMatching(/^release grant text-dates .* \(altered\)$/)]);
    await trail.close();
  });

  it('a record naming a grant with a signature that is not text seals nothing, and breaks neither the gateway nor verification', async () => {
    const connection = await scratch.open();
    const models = createAuditModels(connection);
    const record = {
      ...entryWithHits(3, new Date()),
      _id: 'x:0',
      chainId: 'x',
      seq: 0,
      prevHash: '0'.repeat(64),
      hash: 'h',
      signature: 42,
    };
    const forged = scratchGrant('forged-signature', { recordId: 'P4' });
    await models.AuditRecord.collection.insertOne({ ...record, releaseGrants: [sealedReleaseGrant(forged)] } as never);
    await models.ReleaseGrant.create(forged);
    const honour = honourSealedGrants(models.AuditRecord, publicKeysOf(identity.gateway.jwks), silentLogger);
    expect(await honour([(await models.ReleaseGrant.findById(forged._id).lean<ReleaseGrantRecord>())!])).toEqual([]);
    const check = {
      isSealed: (record: AuditRecord) => isSealedRecord(record, publicKeysOf(identity.gateway.jwks)),
      sealWaitMs: 0,
      concerns: false,
    };
    const report = await verifyReleaseGrants(models, new Map(), { ...check, now: Date.now() });
    expect(report.problems.map((p) => p.problem)).toEqual([expect.stringMatching(/^release grant forged-signature .* \(inserted\)$/)]);
  });
});
