import { subgraphRegistry } from '@intel-gateway/shared/registry';
import { STORY } from '@intel-gateway/tools';
import { type GraphQLResult, startTestFederation, type TestFederation } from './harness';

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

describe('one operation across all three owners', () => {
  it('returns a RED notice subject with national case records and Europol entries', async () => {
    const { status, body } = await federation.query(
      `query Subject($id: ID!) {
        notice(id: $id) {
          id type status requestingNcb
          subject { name { familyName original script transliterations } dateOfBirth }
          redNotice { charges warrantReference extraditionCountries }
          provenance { owner tlp handling { code } }
          nationalRecords { id role provenance { owner } caseFile { id reference } }
          europolEntries { id category project { code } provenance { owner handling { code } } }
        }
      }`,
      { id: STORY.redNotice.id },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const notice = body.data.notice;
    // INTERPOL's own fields.
    expect(notice).toMatchObject({
      id: STORY.redNotice.id,
      type: 'RED',
      status: 'PUBLISHED',
      requestingNcb: 'NCB-FR',
      provenance: { owner: 'IPSG' },
    });
    expect(notice.subject.name.script).toBe('ARABIC');
    expect(notice.subject.name.original).toBe(`${STORY.redNotice.forenames} ${STORY.redNotice.familyName}`);
    expect(notice.subject.name.transliterations).toEqual(expect.arrayContaining([...STORY.redNotice.spellings]));
    expect(notice.redNotice.extraditionCountries).toContain('ES');
    // The national bureaus' records, each under its own owner: not merged.
    expect(notice.nationalRecords.map((p: { id: string }) => p.id).sort()).toEqual([...STORY.redNotice.nationalPersonIds].sort());
    expect(notice.nationalRecords.map((p: { provenance: { owner: string } }) => p.provenance.owner).sort()).toEqual(['NCB-DE', 'NCB-FR']);
    expect(notice.nationalRecords.find((p: { id: string }) => p.id === 'FR-P-000901').caseFile.id).toBe(STORY.stolenGbPassport.caseFileId);
    // Europol's entry, with its own handling code.
    expect(notice.europolEntries).toEqual([
      {
        id: STORY.redNotice.europolEntryId,
        category: 'SUSPECT',
        project: { code: STORY.project },
        provenance: { owner: 'EUROPOL', handling: { code: 'H2' } },
      },
    ]);
  });

  it('checks a travel document: SLTD status plus the national case that mentions it', async () => {
    const { body } = await federation.query(
      `query Check($number: String!) {
        travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: $number) {
          issuingCountry documentType number
          sltd { status reportingCountry provenance { owner } }
          cases { id title provenance { owner } }
        }
      }`,
      // Spaces and lower case as typed at a border desk: the number is normalised.
      { number: ' 5333 80006 ' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.travelDocument).toEqual({
      issuingCountry: 'GB',
      documentType: 'PASSPORT',
      number: STORY.stolenGbPassport.number,
      sltd: { status: 'STOLEN', reportingCountry: 'GB', provenance: { owner: 'NCB-GB' } },
      cases: [{ id: STORY.stolenGbPassport.caseFileId, title: expect.stringContaining('passports'), provenance: { owner: 'NCB-FR' } }],
    });
  });

  it('answers a clean document check with no SLTD record and no case', async () => {
    const { body } = await federation.query(
      `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "999999999") { number sltd { status } cases { id } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.travelDocument).toEqual({ number: '999999999', sltd: null, cases: [] });
  });

  it('joins a vehicle across SMV, a national case and a Europol object entry', async () => {
    const vehicle = await federation.query(`{ vehicle(vin: "${STORY.stolenVehicle.vin}") { vin smv { make status } cases { id } } }`);
    expect(vehicle.body.data.vehicle).toEqual({
      vin: STORY.stolenVehicle.vin,
      smv: { make: 'Volkswagen', status: 'STOLEN' },
      cases: [{ id: STORY.stolenVehicle.caseFileId }],
    });

    const entry = await federation.query(
      `{ objectEntry(id: "${STORY.stolenVehicle.europolObjectId}") { kind vehicle { vin smv { status } cases { id } } links { kind from { ... on PersonEntry { id } } } } }`,
    );
    expect(entry.body.errors).toBeUndefined();
    expect(entry.body.data.objectEntry).toEqual({
      kind: 'VEHICLE',
      vehicle: { vin: STORY.stolenVehicle.vin, smv: { status: 'STOLEN' }, cases: [{ id: STORY.stolenVehicle.caseFileId }] },
      links: [{ kind: 'USES', from: { id: STORY.redNotice.europolEntryId } }],
    });
  });

  it('pages through a list with opaque cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: GraphQLResult<any> = await federation.query(
        `query Page($after: String) { sltdRecords(issuingCountry: "GB", first: 7, after: $after) { nodes { id document { issuingCountry } } pageInfo { endCursor hasNextPage } } }`,
        { after },
      );
      const connection: {
        nodes: { id: string; document: { issuingCountry: string } }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      } = result.body.data.sltdRecords;
      for (const node of connection.nodes) {
        expect(node.document.issuingCountry).toBe('GB');
        seen.push(node.id);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const count = await federation.subgraphs.interpol.connection.collection('sltd').countDocuments({ issuingCountry: 'GB' });
    expect(seen.length).toBe(count);
    expect(new Set(seen).size).toBe(count);
    expect(seen).toEqual([...seen].sort());
  });

  it('returns each owner its own persons for a project, paged per project in one batch', async () => {
    const { body } = await federation.query(
      `{ analysisProjects(first: 10) { nodes { code participants persons(first: 2) { nodes { id project { code } } pageInfo { hasNextPage } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const projects = body.data.analysisProjects.nodes;
    expect(projects.length).toBe(6);
    for (const project of projects) {
      expect(project.persons.nodes.length).toBeLessThanOrEqual(2);
      for (const person of project.persons.nodes) expect(person.project.code).toBe(project.code);
    }
    expect(projects.some((p: { persons: { pageInfo: { hasNextPage: boolean } } }) => p.persons.pageInfo.hasNextPage)).toBe(true);
  });

  it('serves /healthz and reports /readyz ready when every subgraph answers', async () => {
    const health = await fetch(federation.gatewayUrl.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    const ready = await fetch(federation.gatewayUrl.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { status: string; subgraphs: { name: string; ready: boolean }[] };
    expect(report.status).toBe('ready');
    expect(report.subgraphs.map((s) => s.name).sort()).toEqual(subgraphRegistry.map((s) => s.name).sort());
    expect(report.subgraphs.map((s) => s.name)).toEqual(expect.arrayContaining(['accountability', 'europol', 'interpol', 'national']));
  });
});
