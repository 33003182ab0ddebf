import { type AuditRecord, createAuditModels } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { Role } from '@intel-gateway/shared/identity';
import { databaseNames, STORY } from '@intel-gateway/tools';
import { startTestFederation, testDatabaseUri, type TestFederation } from './harness';

/**
 * A search candidate and a check answer are disclosures of the owner's
 * record, whatever fields the caller selected: the audit entry names the record, and the
 * owner gets a hit, exactly as for any other disclosure. The answer itself is unchanged.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
}, 120_000);
afterAll(() => federation.stop());

const FR_ANALYST = { agency: 'NCB-FR', user: 'fr-search-4', roles: ['ANALYST', 'AP_ANALYST'] as Role[] };

/** The audit record of one answered request, by the request id the caller was given. */
async function auditOf(headers: Headers): Promise<AuditRecord> {
  const record = await createAuditModels(federation.audit.connection)
    .AuditRecord.findOne({ requestId: headers.get('x-request-id') })
    .lean<AuditRecord>();
  expect(record).not.toBeNull();
  return record!;
}

/** The owner's view of hits on one record, through the gateway. */
async function ownerHits(owner: string, recordId: string): Promise<{ agency: string; user: string; kind: string; recordType: string }[]> {
  const { body } = await federation.queryAs<any>(
    { agency: owner, roles: ['ANALYST'] },
    'CRIMINAL_INVESTIGATION',
    `{ hitsOnOurRecords(recordId: "${recordId}", first: 100) { nodes { agency user kind recordType } } }`,
  );
  expect(body.errors).toBeUndefined();
  return body.data.hitsOnOurRecords.nodes;
}

describe("person search candidates are disclosures of their owner's record", () => {
  it("nationalMatches with score, method and spelling only: the audit names NCB-DE's person and NCB-DE sees the hit", async () => {
    const { body, headers } = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ personSearch(name: "${STORY.redNotice.spellings[0]}") { nationalMatches { totalCount nodes { score method matchedSpelling } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const { totalCount, nodes } = body.data.personSearch.nationalMatches;
    expect(totalCount).toBe(nodes.length);
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    // The answer is exactly what was asked for: nothing the gateway added for itself.
    for (const node of nodes) expect(Object.keys(node).sort()).toEqual(['matchedSpelling', 'method', 'score']);

    const record = await auditOf(headers);
    const disclosed = record.disclosures.map((d) => `${d.owner} ${d.type}/${d.id}`);
    expect(disclosed).toEqual(
      expect.arrayContaining([
        `NCB-FR NationalPerson/${STORY.redNotice.nationalPersonIds[0]}`,
        `NCB-DE NationalPerson/${STORY.redNotice.nationalPersonIds[1]}`,
      ]),
    );
    expect(record.disclosures.filter((d) => d.type === 'NationalPerson')).toHaveLength(nodes.length);
    expect(await ownerHits('NCB-DE', STORY.redNotice.nationalPersonIds[1])).toContainEqual({
      agency: 'NCB-FR',
      user: 'fr-search-4',
      kind: 'DISCLOSURE',
      recordType: 'NationalPerson',
    });
  });

  it('interpolMatches and europolMatches with a score only: the notice and the entry are disclosed to the audit and their owners', async () => {
    const { body, headers } = await federation.queryAs<any>(
      { ...FR_ANALYST, user: 'fr-search-5' },
      'CRIMINAL_INVESTIGATION',
      `{ personSearch(name: "${STORY.redNotice.spellings[1]}") { interpolMatches { nodes { score } } europolMatches { nodes { score } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.personSearch.interpolMatches.nodes.length).toBeGreaterThan(0);
    expect(body.data.personSearch.europolMatches.nodes.length).toBeGreaterThan(0);
    for (const node of [...body.data.personSearch.interpolMatches.nodes, ...body.data.personSearch.europolMatches.nodes])
      expect(Object.keys(node)).toEqual(['score']);
    const record = await auditOf(headers);
    const disclosed = record.disclosures.map((d) => `${d.owner} ${d.type}/${d.id}`);
    expect(disclosed).toEqual(
      expect.arrayContaining([`IPSG Notice/${STORY.redNotice.id}`, `EUROPOL PersonEntry/${STORY.redNotice.europolEntryId}`]),
    );
    expect(await ownerHits('EUROPOL', STORY.redNotice.europolEntryId)).toContainEqual({
      agency: 'NCB-FR',
      user: 'fr-search-5',
      kind: 'DISCLOSURE',
      recordType: 'PersonEntry',
    });
    expect(await ownerHits('IPSG', STORY.redNotice.id)).toContainEqual({
      agency: 'NCB-FR',
      user: 'fr-search-5',
      kind: 'DISCLOSURE',
      recordType: 'Notice',
    });
  });

  it('a candidate selected with its record too is one disclosure, with the match fields and the record fields', async () => {
    const { body, headers } = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ personSearch(name: "${STORY.redNotice.spellings[0]}") { nationalMatches { nodes { score person { role } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    for (const node of body.data.personSearch.nationalMatches.nodes) expect(Object.keys(node.person)).toEqual(['role']);
    const record = await auditOf(headers);
    const german = record.disclosures.filter((d) => d.id === STORY.redNotice.nationalPersonIds[1]);
    expect(german).toHaveLength(1);
    expect(german[0]!.fields).toEqual(expect.arrayContaining(['role', 'match.score']));
  });
});

describe('check answers are disclosures of the record they found', () => {
  it('SLTD, SMV and firearms answers, even selected as bare as possible, name the record in the audit and give its owner a hit', async () => {
    const names = databaseNames(federation.databaseSuffix);
    const interpol = await connectDatabase(testDatabaseUri(), names.interpol);
    const firearm = await interpol.collection('firearms').findOne({
      make: { $regex: '^[A-Za-z0-9 .-]+$' },
      serialNumber: { $regex: '^[A-Za-z0-9 .-]+$' },
      'provenance.owner': { $nin: ['NCB-FR'] },
      'provenance.purposes': 'CRIMINAL_INVESTIGATION',
      'provenance.restrictions.deniedAgencies': { $size: 0 },
      'provenance.restrictions.existenceOnlyAgencies': { $size: 0 },
      'provenance.restrictions.allowedAgencies': { $size: 0 },
    });
    const smv = await interpol.collection('smv').findOne({ vin: STORY.stolenVehicle.vin });
    const sltd = await interpol.collection('sltd').findOne({ number: STORY.stolenGbPassport.number });
    await interpol.close();
    expect(firearm && smv && sltd).toBeTruthy();

    const caller = { agency: 'NCB-FR', user: 'fr-checks-4', roles: ['FRONTLINE'] as Role[] };
    const checks: [query: string, type: string, record: Record<string, any>][] = [
      [
        `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { __typename } } }`,
        'SltdRecord',
        sltd!,
      ],
      [`{ vehicle(vin: "${STORY.stolenVehicle.vin}") { smv { __typename } } }`, 'SmvRecord', smv!],
      [`{ firearm(make: "${firearm!.make}", serialNumber: "${firearm!.serialNumber}") { record { status } } }`, 'FirearmRecord', firearm!],
    ];
    for (const [query, type, stored] of checks) {
      const { body, headers } = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', query);
      expect(body.errors).toBeUndefined();
      const record = await auditOf(headers);
      expect(record.disclosures).toContainEqual(expect.objectContaining({ type, id: String(stored._id), owner: stored.provenance.owner }));
      if (stored.provenance.owner !== 'NCB-FR')
        expect(await ownerHits(stored.provenance.owner, String(stored._id))).toContainEqual({
          agency: 'NCB-FR',
          user: 'fr-checks-4',
          kind: 'DISCLOSURE',
          recordType: type,
        });
    }
  });

  it('a biometric HIT is a match in the audit and a MATCH hit for the owner', async () => {
    const { body, headers } = await federation.queryAs<any>(
      { agency: 'NCB-DE', user: 'de-checks-4', roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      `{ biometricCheck(kind: DNA, profile: "${STORY.dnaProfile}") { matched } }`,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('HIT');
    const record = await auditOf(headers);
    expect(record.matches).toContainEqual(
      expect.objectContaining({ type: 'NationalPerson', id: STORY.redNotice.nationalPersonIds[0], owner: 'NCB-FR' }),
    );
    expect(await ownerHits('NCB-FR', STORY.redNotice.nationalPersonIds[0])).toContainEqual({
      agency: 'NCB-DE',
      user: 'de-checks-4',
      kind: 'MATCH',
      recordType: 'NationalPerson',
    });
  });
});
