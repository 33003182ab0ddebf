import type { Connection } from 'mongoose';
import { createAccountabilityModels, createAccountabilityRepositories, loadOpaqueIds } from '@intel-gateway/accountability';
import { createEuropolModels, createEuropolRepositories, EUROPOL_RECORD_TYPES } from '@intel-gateway/europol';
import { AuditTrail } from '@intel-gateway/gateway';
import { createInterpolModels, createInterpolRepositories, INTERPOL_RECORD_TYPES } from '@intel-gateway/interpol';
import { createNationalModels, createNationalRepositories, NATIONAL_RECORD_TYPES } from '@intel-gateway/national';
import { createAuditModels, type ReleaseRequestRecord, sealedReleaseRequest, verifyReleaseGrants } from '@intel-gateway/shared/audit';
import { connectDatabase, syncIndexes } from '@intel-gateway/shared/database';
import { parsePageArgs } from '@intel-gateway/shared/pagination';
import { createReleaseGrantLookup, createReleaseGrantModel, findReleaseGrants, ReleasedRecords } from '@intel-gateway/shared/policy';
import { parsePersonSearch } from '@intel-gateway/shared/search';
import { createDevIdentity, databaseNames, seedDatabases, STORY } from '@intel-gateway/tools';
import { entryWithHits } from './auditFixtures';
import { DEFAULT_CALLER_CONTEXT, silentLogger, testDatabaseUri, uniqueSuffix } from './harness';
import { type CapturedQuery, captureQueries, expectEveryQueryIndexed, explainStages, INDEX_STAGES } from './indexUse';

/**
 * Every query a repository issues must be served by an index. Each repository method is
 * called, every command it sends is captured from the driver, and the server's own
 * `explain` of that command must show no collection scan. A method missing from the
 * table below fails the test, so a new query cannot skip the check.
 */

const suffix = uniqueSuffix();
const connections: Connection[] = [];

async function open(database: string): Promise<{ connection: Connection; captured: CapturedQuery[] }> {
  const connection = await connectDatabase(testDatabaseUri(), database, { monitorCommands: true });
  connections.push(connection);
  return { connection, captured: captureQueries(connection) };
}

const page = parsePageArgs({ first: 5 });
/** A person search with every criterion set, and one with the name only. */
const SEARCHES = [
  parsePersonSearch({ name: 'Yusuf al-Haddad', dateOfBirth: '1980-01-01', toleranceYears: 5, nationality: 'SY' }),
  parsePersonSearch({ name: 'Дмитрий Иванов' }),
];
const pageAfter = (id: string) => ({ first: 5, afterId: id });
/** Records of each type released to the caller on request, by two owners, so every query carries its release filter. */
const releasedOfEveryType = (types: readonly string[]) =>
  new ReleasedRecords(
    types.flatMap((recordType) =>
      ['NCB-DE', 'EUROPOL'].map((owner) => ({ recordType, owner, recordId: `${recordType}-released`, until: null, conditions: null })),
    ),
  );

beforeAll(async () => {
  await seedDatabases({ uri: testDatabaseUri(), size: 500, databaseSuffix: suffix });
});
afterAll(async () => {
  for (const name of Object.values(databaseNames(suffix))) await connections[0]!.useDb(name).dropDatabase();
  for (const connection of connections) await connection.close();
});

it('interpol: every repository query uses an index', async () => {
  const { connection, captured } = await open(databaseNames(suffix).interpol);
  const r = createInterpolRepositories(
    createInterpolModels(connection),
    DEFAULT_CALLER_CONTEXT,
    releasedOfEveryType(INTERPOL_RECORD_TYPES),
  );
  const doc = { issuingCountry: 'GB', documentType: 'PASSPORT' as const, number: STORY.stolenGbPassport.number };
  await expectEveryQueryIndexed(
    connection,
    captured,
    {
      'notices.findByIds': () => r.notices.findByIds([STORY.redNotice.id, 'A-10001/2024']),
      'notices.findExistenceOnlyByIds': () => r.notices.findExistenceOnlyByIds([STORY.redNotice.id, 'A-10001/2024']),
      'notices.searchBySubject': () => Promise.all(SEARCHES.map((search) => r.notices.searchBySubject(search, page))),
      'notices.list': async () => {
        await r.notices.list({}, page);
        await r.notices.list({ type: 'RED' }, pageAfter('A'));
        await r.notices.list({ status: 'PUBLISHED' }, page);
        await r.notices.list({ requestingNcb: 'NCB-FR' }, page);
      },
      'diffusions.findByIds': () => r.diffusions.findByIds(['DIF-0000001']),
      'diffusions.findExistenceOnlyByIds': () => r.diffusions.findExistenceOnlyByIds(['DIF-0000001']),
      'diffusions.listBySender': () => r.diffusions.listBySender('NCB-GB', pageAfter('DIF')),
      'review.dueForCaller': () => r.review.dueForCaller(),
      'sltd.findExistenceOnlyByDocumentKeys': () => r.sltd.findExistenceOnlyByDocumentKeys([doc]),
      'sltd.findByDocumentKeys': () => r.sltd.findByDocumentKeys([doc, { ...doc, number: 'XX0000001' }]),
      'sltd.listByCountry': async () => {
        await r.sltd.listByCountry('GB', undefined, page);
        await r.sltd.listByCountry('GB', 'STOLEN', pageAfter('SLTD'));
      },
      'smv.findByVins': () => r.smv.findByVins([STORY.stolenVehicle.vin]),
      'firearms.findByKeys': () => r.firearms.findByKeys([{ make: 'Glock', serialNumber: 'ABC000001' }]),
      'worksOfArt.list': async () => {
        await r.worksOfArt.list(undefined, page);
        await r.worksOfArt.list('FR', page);
      },
    },
    r,
  );
});

it('europol: every repository query uses an index', async () => {
  const { connection, captured } = await open(databaseNames(suffix).europol);
  const r = createEuropolRepositories(createEuropolModels(connection), DEFAULT_CALLER_CONTEXT, releasedOfEveryType(EUROPOL_RECORD_TYPES));
  await expectEveryQueryIndexed(
    connection,
    captured,
    {
      'projects.findByCodes': () => r.projects.findByCodes([STORY.project]),
      'projects.list': () => r.projects.list(page),
      'projects.membershipsOfCaller': () =>
        createEuropolRepositories(createEuropolModels(connection), {
          ...DEFAULT_CALLER_CONTEXT,
          principal: { ...DEFAULT_CALLER_CONTEXT.principal, projects: [STORY.project, 'AP-CYCLOPS'] },
        }).projects.membershipsOfCaller(),
      'contributions.findByIds': () => r.contributions.findByIds(['EU-CT-100001']),
      'contributions.findExistenceOnlyByIds': () => r.contributions.findExistenceOnlyByIds(['EU-CT-100001']),
      'contributions.createPageLoader': () => {
        const loader = r.contributions.createPageLoader();
        return Promise.all([loader.load({ parent: STORY.project, page }), loader.load({ parent: 'AP-CYCLOPS', page: pageAfter('EU-CT') })]);
      },
      'review.dueForCaller': () => r.review.dueForCaller(),
      'persons.findExistenceOnlyByIds': () => r.persons.findExistenceOnlyByIds([STORY.redNotice.europolEntryId]),
      'objects.findExistenceOnlyByIds': () => r.objects.findExistenceOnlyByIds([STORY.stolenVehicle.europolObjectId]),
      'persons.findByIds': () => r.persons.findByIds([STORY.redNotice.europolEntryId]),
      'persons.search': () => Promise.all(SEARCHES.map((search) => r.persons.search(search, page))),
      'persons.findByNoticeIds': () => r.persons.findByNoticeIds([STORY.redNotice.id]),
      'persons.createPageLoader': () => {
        const loader = r.persons.createPageLoader();
        return Promise.all([loader.load({ parent: STORY.project, page }), loader.load({ parent: 'AP-PHOENIX', page })]);
      },
      'objects.findByIds': () => r.objects.findByIds([STORY.stolenVehicle.europolObjectId]),
      'links.findByEntryIds': () => r.links.findByEntryIds([STORY.redNotice.europolEntryId]),
    },
    r,
  );
});

it('national: every repository query uses an index', async () => {
  const { connection, captured } = await open(databaseNames(suffix).national);
  const r = createNationalRepositories(
    createNationalModels(connection),
    DEFAULT_CALLER_CONTEXT,
    releasedOfEveryType(NATIONAL_RECORD_TYPES),
  );
  await expectEveryQueryIndexed(
    connection,
    captured,
    {
      'caseFiles.findByIds': () => r.caseFiles.findByIds([STORY.stolenGbPassport.caseFileId]),
      'caseFiles.findExistenceOnlyByIds': () => r.caseFiles.findExistenceOnlyByIds([STORY.stolenGbPassport.caseFileId]),
      'caseFiles.listByOwner': async () => {
        await r.caseFiles.listByOwner('NCB-FR', undefined, page);
        await r.caseFiles.listByOwner('NCB-DE', 'OPEN', pageAfter('DE'));
      },
      'caseFiles.findByDocumentNumbers': () => r.caseFiles.findByDocumentNumbers([STORY.stolenGbPassport.number]),
      'caseFiles.findByVins': () => r.caseFiles.findByVins([STORY.stolenVehicle.vin]),
      'persons.findByIds': () => r.persons.findByIds(['FR-P-000901']),
      'persons.findMatchesByIds': () => r.persons.findMatchesByIds([STORY.redNotice.nationalPersonIds[1]]),
      'persons.search': () => Promise.all(SEARCHES.map((search) => r.persons.search(search, page))),
      'biometrics.findHolder': () => r.biometrics.findHolder('DNA', STORY.dnaProfile),
      'persons.findByCaseFileIds': () => r.persons.findByCaseFileIds([STORY.stolenGbPassport.caseFileId]),
      'persons.findByNoticeIds': () => r.persons.findByNoticeIds([STORY.redNotice.id]),
      'requests.list': async () => {
        await r.requests.list('NCB-GB', 'SENT', undefined, page);
        await r.requests.list('NCB-FR', 'RECEIVED', 'SENT', page);
        await r.requests.list('NCB-DE', 'SENT', 'ANSWERED', pageAfter('RFA'));
        await r.requests.list('NCB-GB', 'RECEIVED', undefined, page);
      },
      'review.dueForCaller': () => r.review.dueForCaller(),
      'wanted.listByOwner': () => r.wanted.listByOwner('NCB-GB', page),
    },
    r,
  );
});

it('accountability: every repository query uses an index', async () => {
  const { connection, captured } = await open(`intel_gateway_audit${suffix}`);
  const opaque = await loadOpaqueIds(connection);
  // A pending request to decide for real, its terms sealed as the gateway seals them, so the decision's every read and write runs.
  const pending: ReleaseRequestRecord = {
    _id: '00000000-0000-4000-8000-000000000000',
    reference: 'PersonEntry/x',
    recordType: 'PersonEntry',
    recordId: 'x',
    owner: DEFAULT_CALLER_CONTEXT.principal.agency,
    requesterAgency: 'NCB-DE',
    requesterUser: 'u',
    purpose: 'CRIMINAL_INVESTIGATION',
    justification: 'index check',
    status: 'PENDING',
    requestedAt: new Date(),
    decidedAt: null,
    decidedBy: null,
    until: null,
    conditions: null,
  };
  const identity = await createDevIdentity();
  const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'index-check');
  await trail.record({ ...entryWithHits(0, new Date()), releaseRequests: [sealedReleaseRequest(pending)] });
  await trail.close();
  const sealing = { keys: trail.sealKeys, onRequestWritten: () => {}, onDecisionWritten: () => {}, onGrantWritten: () => {} };
  const r = createAccountabilityRepositories(createAccountabilityModels(connection), DEFAULT_CALLER_CONTEXT, opaque, sealing);
  await syncIndexes(connection);
  /** A page after a cursor as an agency's caller is given it: sealed (see OpaqueIds). */
  const sealedAfter = (id: string) => pageAfter(opaque.seal(id));
  const since = new Date('2026-01-01T00:00:00Z');
  await expectEveryQueryIndexed(
    connection,
    captured,
    {
      'hits.listForOwner': async () => {
        await r.hits.listForOwner(undefined, undefined, page);
        await r.hits.listForOwner('SLTD-GB-STORY-1', since, sealedAfter('x'));
        await r.hits.listForOwner(undefined, undefined, page, 'HIT-AAAAAAAAAAAAAAAAAAAAAA');
      },
      'hits.countForOwner': () => r.hits.countForOwner(),
      'releaseRequests.listToOwner': async () => {
        await r.releaseRequests.listToOwner(undefined, page);
        await r.releaseRequests.listToOwner('PENDING', pageAfter('x'));
      },
      'releaseRequests.listByRequester': async () => {
        await r.releaseRequests.listByRequester(undefined, page);
        await r.releaseRequests.listByRequester('APPROVED', page);
      },
      // Refused (no match on record), after the two lookups it makes.
      'releaseRequests.request': () =>
        r.releaseRequests.request('HIT-AAAAAAAAAAAAAAAAAAAAAA', 'checking the index use').catch(() => undefined),
      'releaseRequests.decide': async () => {
        // A request decided for real, so the read-back after the update runs too.
        await createAccountabilityModels(connection).ReleaseRequest.create(pending);
        await r.releaseRequests.decide('00000000-0000-4000-8000-000000000000', true, null, null);
      },
      'auditTrail.list': async () => {
        await r.auditTrail.list({}, page);
        await r.auditTrail.list({ agency: 'NCB-FR', from: since }, page);
        await r.auditTrail.list({ user: 'someone' }, sealedAfter('x'));
        await r.auditTrail.list({ recordId: 'SLTD-GB-STORY-1', to: since }, page);
        await r.auditTrail.list({ recordId: 'SLTD-GB-STORY-1', agency: 'NCB-GB' }, sealedAfter('x'));
        // The operator's data-protection supervisor: no agency scope.
        const supervisor = {
          ...DEFAULT_CALLER_CONTEXT,
          principal: {
            ...DEFAULT_CALLER_CONTEXT.principal,
            agency: 'OPERATOR',
            agencyKind: 'OPERATOR' as const,
            roles: ['DATA_PROTECTION_SUPERVISOR' as const],
          },
        };
        const overseeing = createAccountabilityRepositories(createAccountabilityModels(connection), supervisor, opaque, sealing);
        await overseeing.auditTrail.list({}, page);
        await overseeing.auditTrail.list({ recordId: 'SLTD-GB-STORY-1' }, pageAfter('x'));
      },
    },
    r,
  );
});

it('release grants: the owning subgraphs’ and the gateway’s lookups use the index', async () => {
  const { connection, captured } = await open(`intel_gateway_audit${suffix}`);
  const model = createReleaseGrantModel(connection);
  await syncIndexes(connection);
  await model.create({
    _id: '00000000-0000-4000-8000-0000000000a1',
    agency: 'NCB-FR',
    purpose: 'CRIMINAL_INVESTIGATION',
    recordType: 'NationalPerson',
    owner: 'NCB-DE',
    recordId: 'DE-P-000001',
    until: null,
    conditions: null,
    grantedAt: new Date(),
  });
  captured.length = 0;
  await createReleaseGrantLookup(model, { types: ['CaseFile', 'NationalPerson'] })(DEFAULT_CALLER_CONTEXT);
  await findReleaseGrants(model, DEFAULT_CALLER_CONTEXT, [{ type: 'NationalPerson', owner: 'NCB-DE', id: 'DE-P-000001' }]);
  expect(captured.map((c) => c.name)).toEqual(['find', 'find']);
  for (const command of captured) {
    const planStages = await explainStages(connection, command);
    expect({ planStages, usesIndex: planStages.some((stage) => INDEX_STAGES.has(stage)) }).toEqual({ planStages, usesIndex: true });
    expect(planStages).not.toContain('COLLSCAN');
  }
});

it("verification's second look for a grant's sealed approval uses the index", async () => {
  const { connection, captured } = await open(`intel_gateway_audit_seals${suffix}`);
  const models = createAuditModels(connection);
  await syncIndexes(connection);
  await models.ReleaseGrant.create({
    _id: '00000000-0000-4000-8000-0000000000b2',
    agency: 'NCB-FR',
    purpose: 'CRIMINAL_INVESTIGATION',
    recordType: 'NationalPerson',
    owner: 'NCB-DE',
    recordId: 'DE-P-000002',
    until: null,
    conditions: null,
    // Stored just short of the wait ago: its approval's record may still be on its way, for another half second.
    grantedAt: new Date(Date.now() - 59_500),
  });
  captured.length = 0;
  const report = await verifyReleaseGrants(models, new Map(), {
    isSealed: () => true,
    sealWaitMs: 60_000,
    concerns: false,
    now: Date.now(),
  });
  expect(report.problems).toHaveLength(1);
  const secondLook = captured.filter((c) => c.name === 'find' && (c.command as { find?: string }).find === 'auditRecords');
  expect(secondLook).toHaveLength(1);
  const planStages = await explainStages(connection, secondLook[0]!);
  expect({ planStages, usesIndex: planStages.some((stage) => INDEX_STAGES.has(stage)) }).toEqual({ planStages, usesIndex: true });
  expect(planStages).not.toContain('COLLSCAN');
});

it('the check itself detects a collection scan', async () => {
  const { connection } = await open(databaseNames(suffix).interpol);
  const planStages = await explainStages(connection, {
    name: 'find',
    command: { find: 'notices', filter: { summary: 'no index on this field' } },
  });
  expect(planStages).toContain('COLLSCAN');
  expect(planStages.some((stage) => INDEX_STAGES.has(stage))).toBe(false);
});
