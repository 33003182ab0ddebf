import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, postGraphQL, startExtraGateway, startSubgraphProxy, startTestFederation, type TestFederation } from './harness';

/**
 * Clearance: a record classified above the caller's clearance is never disclosed, not its
 * content, not in lists, not in counts, whoever owns it; a lookup answers only that it
 * exists (hit/no-hit). The subgraphs filter it in the query, and the gateway checks every
 * record's classification again. The clearance a token claims counts for no more than the
 * agency registry allows the agency. Every seeded record is RESTRICTED; one notice is made
 * SECRET here.
 */
let federation: TestFederation;
const SECRET_NOTICE = 'A-1001/3-2026';
const OWN_CASE = STORY.stolenGbPassport.caseFileId;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

const analyst = (agency: string, clearance: 'UNCLASSIFIED' | 'RESTRICTED' | 'CONFIDENTIAL' | 'SECRET') => ({
  agency,
  roles: ['ANALYST' as const, 'AP_ANALYST' as const],
  clearance,
});
const purpose = 'CRIMINAL_INVESTIGATION';

describe('an UNCLASSIFIED token reads nothing classified RESTRICTED', () => {
  it('a RESTRICTED notice looked up by id: hit/no-hit (owner, contact point, reference), no content', async () => {
    const query = `{ notice(id: "${STORY.redNotice.id}") { id redNotice { warrantReference } } }`;
    const { body } = await federation.queryAs<any>(analyst('NCB-FR', 'UNCLASSIFIED'), purpose, query);
    expect(body.data?.notice ?? null).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['notice'],
        extensions: {
          code: 'HIT',
          hit: expect.objectContaining({ matched: true, owner: 'IPSG', contactPoint: expect.any(String), reference: expect.any(String) }),
        },
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain('TJ-PARIS-2026-0117');
    // The same token with RESTRICTED clearance reads it.
    const cleared = await federation.queryAs<any>(analyst('NCB-FR', 'RESTRICTED'), purpose, query);
    expect(cleared.body.data.notice.redNotice.warrantReference).toBe('TJ-PARIS-2026-0117');
  });

  it('notice lists and search counts are empty', async () => {
    const list = `{ notices(first: 100) { nodes { id } } }`;
    const search = `{ personSearch(name: "Youssef Al-Haddad") { interpolMatches { totalCount nodes { notice { id } } } } }`;
    const unclassified = [
      await federation.queryAs<any>(analyst('NCB-FR', 'UNCLASSIFIED'), purpose, list),
      await federation.queryAs<any>(analyst('NCB-FR', 'UNCLASSIFIED'), purpose, search),
    ];
    expect(unclassified.map(({ body }) => body.errors)).toEqual([undefined, undefined]);
    expect(unclassified[0]!.body.data.notices.nodes).toEqual([]);
    expect(unclassified[1]!.body.data.personSearch.interpolMatches).toEqual({ totalCount: 0, nodes: [] });
    const restricted = [
      await federation.queryAs<any>(analyst('NCB-FR', 'RESTRICTED'), purpose, list),
      await federation.queryAs<any>(analyst('NCB-FR', 'RESTRICTED'), purpose, search),
    ];
    expect(restricted[0]!.body.data.notices.nodes.length).toBeGreaterThan(10);
    expect(restricted[1]!.body.data.personSearch.interpolMatches.totalCount).toBeGreaterThan(0);
  });

  it("the agency's own RESTRICTED case file: not in its list, and a lookup answers hit/no-hit only", async () => {
    const list = await federation.queryAs<any>(
      analyst('NCB-FR', 'UNCLASSIFIED'),
      purpose,
      '{ caseFiles(owner: "NCB-FR", first: 100) { nodes { id } } }',
    );
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.caseFiles.nodes).toEqual([]);
    const lookup = await federation.queryAs<any>(
      analyst('NCB-FR', 'UNCLASSIFIED'),
      purpose,
      `{ caseFile(id: "${OWN_CASE}") { id title offence persons { id } } }`,
    );
    expect(lookup.body.data?.caseFile ?? null).toBeNull();
    expect(lookup.body.errors).toEqual([
      expect.objectContaining({
        path: ['caseFile'],
        extensions: expect.objectContaining({ code: 'HIT', hit: expect.objectContaining({ owner: 'NCB-FR' }) }),
      }),
    ]);
    const cleared = await federation.queryAs<any>(analyst('NCB-FR', 'RESTRICTED'), purpose, `{ caseFile(id: "${OWN_CASE}") { id } }`);
    expect(cleared.body.data.caseFile).toEqual({ id: OWN_CASE });
  });

  it("the agency's own RESTRICTED records are not in its administrators' review queue", async () => {
    const cases = federation.subgraphs.national.connection.collection('caseFiles');
    const due = new Date(Date.now() - 86_400_000);
    const before = await cases.findOneAndUpdate({ _id: OWN_CASE as never }, { $set: { 'provenance.reviewDueAt': due } });
    try {
      const queue = '{ reviewQueue { nationalRecords { id } } }';
      const admin = (clearance: 'UNCLASSIFIED' | 'RESTRICTED') => ({ agency: 'NCB-FR', roles: ['OWNER_ADMIN' as const], clearance });
      const cleared = await federation.queryAs<any>(admin('RESTRICTED'), purpose, queue);
      expect(cleared.body.data.reviewQueue.nationalRecords).toContainEqual({ id: OWN_CASE });
      const uncleared = await federation.queryAs<any>(admin('UNCLASSIFIED'), purpose, queue);
      expect(uncleared.body.errors).toBeUndefined();
      expect(uncleared.body.data.reviewQueue.nationalRecords).toEqual([]);
    } finally {
      await cases.updateOne({ _id: OWN_CASE as never }, { $set: { 'provenance.reviewDueAt': before!.provenance.reviewDueAt } });
    }
  });

  it('a RESTRICTED diffusion and a RESTRICTED project contribution looked up by id: hit/no-hit only', async () => {
    const cleared = analyst('NCB-FR', 'RESTRICTED');
    const diffusions = await federation.queryAs<any>(cleared, purpose, '{ diffusions(senderNcb: "NCB-GB", first: 1) { nodes { id } } }');
    const contributions = await federation.queryAs<any>(
      cleared,
      purpose,
      `{ analysisProject(code: "${STORY.project}") { contributions(first: 1) { nodes { id } } } }`,
    );
    const lookups = [
      { root: 'diffusion', query: `{ diffusion(id: "${diffusions.body.data.diffusions.nodes[0].id}") { id summary } }` },
      {
        root: 'contribution',
        query: `{ contribution(id: "${contributions.body.data.analysisProject.contributions.nodes[0].id}") { id summary } }`,
      },
    ];
    for (const { root, query } of lookups) {
      expect((await federation.queryAs<any>(cleared, purpose, query)).body.data[root]).toMatchObject({ id: expect.any(String) });
      const { body } = await federation.queryAs<any>(analyst('NCB-FR', 'UNCLASSIFIED'), purpose, query);
      expect({ root, data: body.data?.[root] ?? null, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({
        root,
        data: null,
        codes: ['HIT'],
      });
    }
  });

  it('a document check against a RESTRICTED stolen-document record answers hit/no-hit, not its status', async () => {
    // A frontline check: circumstances are outside a frontline officer's schema.
    const query = `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status } } }`;
    const { body } = await federation.queryAs<any>({ agency: 'NCB-FR', roles: ['FRONTLINE'], clearance: 'UNCLASSIFIED' }, purpose, query);
    expect(body.data.travelDocument.sltd).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['HIT']);
    expect(JSON.stringify(body)).not.toContain('STOLEN');
  });
});

describe('a SECRET notice', () => {
  beforeAll(async () => {
    await federation.subgraphs.interpol.connection
      .collection('notices')
      .updateOne({ _id: SECRET_NOTICE as never }, { $set: { 'provenance.classification': 'SECRET' } });
  });
  afterAll(async () => {
    await federation.subgraphs.interpol.connection
      .collection('notices')
      .updateOne({ _id: SECRET_NOTICE as never }, { $set: { 'provenance.classification': 'RESTRICTED' } });
  });
  const query = `{ notice(id: "${SECRET_NOTICE}") { id redNotice { warrantReference } } }`;

  it('is read with SECRET clearance where the registry allows it (NCB-FR)', async () => {
    const { body } = await federation.queryAs<any>(analyst('NCB-FR', 'SECRET'), purpose, query);
    expect(body.data.notice).toEqual({ id: SECRET_NOTICE, redNotice: { warrantReference: 'TJ-PARIS-2026-0117' } });
  });

  it('a clearance claim above the registry cap counts only for the cap (NCB-US, at most CONFIDENTIAL): hit/no-hit', async () => {
    expect(federation.identity.registry.agencies.find((a) => a.code === 'NCB-US')!.maxClearance).toBe('CONFIDENTIAL');
    const { body } = await federation.queryAs<any>(analyst('NCB-US', 'SECRET'), purpose, query);
    expect(body.data?.notice ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['HIT']);
    expect(JSON.stringify(body)).not.toContain('TJ-PARIS-2026-0117');
    const list = await federation.queryAs<any>(
      analyst('NCB-US', 'SECRET'),
      purpose,
      '{ notices(filter: { requestingNcb: "NCB-FR" }, first: 100) { nodes { id } } }',
    );
    expect(list.body.data.notices.nodes.map((n: { id: string }) => n.id)).not.toContain(SECRET_NOTICE);
  });
});

it("the gateway checks the classification again: a record above the caller's clearance from a subgraph withholds the answer", async () => {
  // A subgraph gone wrong: a proxy in front of interpol marks every record SECRET after filtering.
  const interpol = federation.subgraphs.interpol;
  const proxy = await startSubgraphProxy(interpol.url, {
    transform: (answer) => answer.replaceAll('"classification":"RESTRICTED"', '"classification":"SECRET"'),
  });
  const { gateway, url } = await startExtraGateway(federation, { subgraphUrls: { interpol: proxy.url } });
  try {
    const token = await mintAgencyToken({ identity: federation.identity, agency: 'NCB-FR', roles: ['ANALYST'], clearance: 'RESTRICTED' });
    const { body } = await postGraphQL(
      url,
      `{ notice(id: "${STORY.redNotice.id}") { id redNotice { warrantReference } } }`,
      undefined,
      callerHeaders(token, purpose),
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('ANSWER_WITHHELD');
    expect(JSON.stringify(body)).not.toContain('TJ-PARIS-2026-0117');
  } finally {
    await gateway.stop();
    await proxy.close();
  }
});
