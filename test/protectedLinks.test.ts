import type { Connection } from 'mongoose';
import { createEuropolModels, type EntityLinkRecord, type PersonEntryRecord } from '@intel-gateway/europol';
import { createNationalModels, type NationalPersonRecord } from '@intel-gateway/national';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { Role } from '@intel-gateway/shared/identity';
import { type Provenance, retentionDates } from '@intel-gateway/shared/records';
import { databaseNames, mintAgencyToken, STORY } from '@intel-gateway/tools';
import {
  callerHeaders,
  postGraphQL,
  startExtraGateway,
  startSubgraphProxy,
  startTestFederation,
  testDatabaseUri,
  type TestFederation,
} from './harness';

/**
 * A victim's, witness's or informant's existence and role are facts of
 * their record, under its rules. A caller who may not identify such a person finds no link
 * to them (notices, case files, projects, searches, entity links), no count of them, and a
 * lookup answers hit/no-hit only, with a reference that opens nothing.
 */
let federation: TestFederation;
const connections: Connection[] = [];
let national: Connection;
let europol: Connection;

const PROTECTED = ['VICTIM', 'WITNESS', 'INFORMANT'];
const CREATED = new Date('2026-05-01T00:00:00Z');
/** A plain provenance: shared with every agency for criminal investigations. */
const provenance = (owner: string, ownerCountry: string, createdAt: Date): Provenance => ({
  owner,
  ownerCountry,
  createdAt,
  ...retentionDates(createdAt),
  purposes: ['CRIMINAL_INVESTIGATION'],
  restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [] },
  handling: { code: 'H0', conditions: null },
  tlp: 'AMBER',
  evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
  classification: 'RESTRICTED',
});
const NAME = { familyName: 'Hiddenlink', forenames: 'Karla', original: null, script: 'LATIN' as const, transliterations: [] };

/** Persons the test adds, linked to the seeded RED notice and its cases: each one protected from NCB-FR. */
const DE_INFORMANT: NationalPersonRecord = {
  _id: 'DE-P-991001',
  caseFileId: STORY.stolenVehicle.caseFileId,
  role: 'INFORMANT',
  name: NAME,
  nationalities: ['DE'],
  dateOfBirth: '1979-01-02',
  interpolNoticeId: STORY.redNotice.id,
  biometrics: [{ kind: 'DNA', profile: 'DNA-DE-2026-991001' }],
  provenance: provenance('NCB-DE', 'DE', CREATED),
};
const DE_WITNESS: NationalPersonRecord = { ...DE_INFORMANT, _id: 'DE-P-991002', role: 'WITNESS', biometrics: [] };
const EU_VICTIM: PersonEntryRecord = {
  _id: 'EU-PE-991003',
  projectCode: STORY.project,
  category: 'VICTIM',
  name: NAME,
  nationalities: ['DE'],
  interpolNoticeId: STORY.redNotice.id,
  provenance: provenance('EUROPOL', 'NL', CREATED),
};
const LINK_TO_VICTIM: EntityLinkRecord = {
  _id: 'EU-LK-991004',
  projectCode: STORY.project,
  kind: 'CONTACTED',
  from: { kind: 'PersonEntry', id: STORY.redNotice.europolEntryId },
  to: { kind: 'PersonEntry', id: EU_VICTIM._id },
  entryIds: [STORY.redNotice.europolEntryId, EU_VICTIM._id],
  evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
};

const FR_ANALYST = { agency: 'NCB-FR', user: 'fr-links-1', roles: ['ANALYST', 'AP_ANALYST'] as Role[] };
/** An NCB-FR analyst on the project's own member list (the seed puts `ncb-fr-user` there) whose token claims the project. */
const PROJECT_MEMBER = { ...FR_ANALYST, user: 'ncb-fr-user', projects: [STORY.project] };

beforeAll(async () => {
  federation = await startTestFederation();
  const names = databaseNames(federation.databaseSuffix);
  national = await connectDatabase(testDatabaseUri(), names.national);
  europol = await connectDatabase(testDatabaseUri(), names.europol);
  connections.push(national, europol);
  await createNationalModels(national).NationalPerson.insertMany([DE_INFORMANT, DE_WITNESS]);
  const europolModels = createEuropolModels(europol);
  await europolModels.PersonEntry.insertMany([EU_VICTIM]);
  await europolModels.EntityLink.insertMany([LINK_TO_VICTIM]);
}, 120_000);
afterAll(async () => {
  for (const connection of connections) await connection.close();
  await federation.stop();
});

/** The oracle, from the stored record: may this caller learn that this person exists and in which role? */
function identifiable(
  caller: { agency: string; roles: Role[]; projects?: string[] },
  person: { category: string; owner: string; projectCode?: string },
): boolean {
  if (person.category === 'INFORMANT') return person.owner === caller.agency && caller.roles.includes('SOURCE_HANDLER');
  if (person.category === 'VICTIM' || person.category === 'WITNESS')
    return person.owner === caller.agency || (!!person.projectCode && (caller.projects ?? []).includes(person.projectCode));
  return true;
}

/** Stored persons that the caller may not identify, by id. */
async function hiddenFrom(caller: { agency: string; roles: Role[]; projects?: string[] }): Promise<Set<string>> {
  const nationalPersons = await national
    .collection('persons')
    .find({ role: { $in: PROTECTED } }, { projection: { role: 1, 'provenance.owner': 1 } })
    .toArray();
  const entries = await europol
    .collection('personEntries')
    .find({ category: { $in: PROTECTED } }, { projection: { category: 1, projectCode: 1, 'provenance.owner': 1 } })
    .toArray();
  const hidden = new Set<string>();
  for (const p of nationalPersons)
    if (!identifiable(caller, { category: p.role as string, owner: (p.provenance as Provenance).owner })) hidden.add(String(p._id));
  for (const e of entries)
    if (
      !identifiable(caller, {
        category: e.category as string,
        owner: (e.provenance as Provenance).owner,
        projectCode: e.projectCode as string,
      })
    )
      hidden.add(String(e._id));
  return hidden;
}

/** Every id in a response (any `id` field, at any depth). */
function idsIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'id' && typeof inner === 'string') into.push(inner);
      else idsIn(inner, into);
    }
  }
  return into;
}

describe('links to persons the caller may not identify are left out', () => {
  it('notices: no national record or Europol entry of a victim, witness or informant the caller may not identify; the other links stay', async () => {
    const hidden = await hiddenFrom(FR_ANALYST);
    const linked: { id: string; role?: string; category?: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const { body }: { body: any } = await federation.queryAs<any>(
        FR_ANALYST,
        'CRIMINAL_INVESTIGATION',
        'query($after: String) { notices(first: 200, after: $after) { nodes { id subject { name { familyName } dateOfBirth } nationalRecords { id role provenance { owner } } europolEntries { id category provenance { owner } } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(body.data?.notices).toBeTruthy();
      for (const notice of body.data.notices.nodes) linked.push(...(notice.nationalRecords ?? []), ...(notice.europolEntries ?? []));
      if (!body.data.notices.pageInfo.hasNextPage) break;
      after = body.data.notices.pageInfo.endCursor;
    }
    expect(linked.filter((link) => hidden.has(link.id))).toEqual([]);
    expect(linked.map((l) => l.id)).not.toEqual(expect.arrayContaining([DE_INFORMANT._id]));
    // Not everything was dropped: the RED notice's own suspects are still linked.
    expect(linked.map((l) => l.id)).toEqual(expect.arrayContaining([...STORY.redNotice.nationalPersonIds]));
  });

  it('one notice: the persons the test linked to it are absent for NCB-FR and present for their owners', async () => {
    const query = `{ notice(id: "${STORY.redNotice.id}") { nationalRecords { id role } europolEntries { id category } } }`;
    const fr = await federation.queryAs<any>(FR_ANALYST, 'CRIMINAL_INVESTIGATION', query);
    expect(idsIn(fr.body.data)).not.toEqual(expect.arrayContaining([expect.stringMatching(/99100[123]/)]));
    expect(JSON.stringify(fr.body)).not.toMatch(/INFORMANT|WITNESS|VICTIM/);
    // An analyst's schema has no Europol entries: the owner asks for the links it has.
    const de = await federation.queryAs<any>(
      { agency: 'NCB-DE', roles: ['ANALYST', 'SOURCE_HANDLER'] },
      'CRIMINAL_INVESTIGATION',
      query.replace(' europolEntries { id category }', ''),
    );
    expect(idsIn(de.body.data)).toEqual(expect.arrayContaining([DE_INFORMANT._id, DE_WITNESS._id]));
    const member = await federation.queryAs<any>(PROJECT_MEMBER, 'CRIMINAL_INVESTIGATION', query);
    expect(idsIn(member.body.data)).toContain(EU_VICTIM._id);
  });

  it('personSearch: a notice candidate does not lead to a national person the caller may not identify', async () => {
    const { body } = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ personSearch(name: "${STORY.redNotice.spellings[0]}") { interpolMatches { totalCount nodes { notice { id nationalRecords { id role } europolEntries { id category } } } } } }`,
    );
    const notices = body.data.personSearch.interpolMatches.nodes.map((n: any) => n.notice.id);
    expect(notices).toContain(STORY.redNotice.id);
    const ids = idsIn(body.data);
    const hidden = await hiddenFrom(FR_ANALYST);
    expect(ids.filter((id) => hidden.has(id))).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining([...STORY.redNotice.nationalPersonIds]));
  });

  it("case files: another bureau's witness and informant are not among the case's persons", async () => {
    const { body } = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ caseFile(id: "${STORY.stolenVehicle.caseFileId}") { id persons { id role } } }`,
    );
    expect(body.data.caseFile.id).toBe(STORY.stolenVehicle.caseFileId);
    const hidden = await hiddenFrom(FR_ANALYST);
    expect(body.data.caseFile.persons.map((p: { id: string }) => p.id).filter((id: string) => hidden.has(id))).toEqual([]);
  });

  it("analysis projects: a non-member's project person list and an entry's links leave out the victim", async () => {
    const project = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ analysisProject(code: "${STORY.project}") { persons(first: 1000) { nodes { id category } } } }`,
    );
    const persons = project.body.data.analysisProject.persons.nodes.map((p: { id: string }) => p.id);
    const hidden = await hiddenFrom(FR_ANALYST);
    expect(persons.filter((id: string) => hidden.has(id))).toEqual([]);
    expect(persons).toContain(STORY.redNotice.europolEntryId);
    const links = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { links { id from { ... on PersonEntry { id category } } to { ... on PersonEntry { id category } } } } }`,
    );
    expect(links.body.data.personEntry).not.toBeNull();
    expect(idsIn(links.body.data)).not.toContain(LINK_TO_VICTIM._id);
    expect(idsIn(links.body.data)).not.toContain(EU_VICTIM._id);
    const member = await federation.queryAs<any>(
      PROJECT_MEMBER,
      'CRIMINAL_INVESTIGATION',
      `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { links { id } } }`,
    );
    expect(idsIn(member.body.data)).toContain(LINK_TO_VICTIM._id);
  });
});

describe('lookups of a person the caller may not identify answer hit/no-hit only', () => {
  it("person(id:) of another bureau's informant gives neither its role nor its case", async () => {
    const { body } = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ person(id: "${DE_INFORMANT._id}") { id role caseFile { id } } }`,
    );
    expect(body.data.person).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/INFORMANT|DE-2026-000311/);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'HIT', hit: { matched: true, owner: 'NCB-DE' } });
  });

  it("personEntry(id:) of a victim outside the caller's projects gives no category", async () => {
    const { body } = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ personEntry(id: "${EU_VICTIM._id}") { id category project { code } } }`,
    );
    expect(body.data.personEntry).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/VICTIM/);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'HIT', hit: { matched: true, owner: 'EUROPOL' } });
  });

  it('a biometric HIT gives an opaque reference: not the record id, opens nothing, and still lets the agency ask the owner for a release', async () => {
    const { body } = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ biometricCheck(kind: DNA, profile: "DNA-DE-2026-991001") { matched } }`,
    );
    expect(body.data.biometricCheck).toBeNull();
    const hit = body.errors?.[0]?.extensions?.hit as { owner: string; reference: string };
    expect(hit.owner).toBe('NCB-DE');
    expect(hit.reference).not.toContain(DE_INFORMANT._id);
    expect(hit.reference).not.toMatch(/NationalPerson|991001/);
    // The same record matched again gets another handle: two answers cannot be tied to one record.
    const again = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ biometricCheck(kind: DNA, profile: "DNA-DE-2026-991001") { matched } }`,
    );
    expect((again.body.errors?.[0]?.extensions?.hit as { reference: string }).reference).not.toBe(hit.reference);

    // The handle opens no record.
    const opened = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      'query($id: ID!) { person(id: $id) { id role caseFile { id } } }',
      { id: hit.reference },
    );
    expect(opened.body.data?.person ?? null).toBeNull();
    expect(JSON.stringify(opened.body)).not.toMatch(/INFORMANT|991001|DE-2026-000311/);

    // Another agency cannot use it; the agency that was given it can ask the owner.
    const stranger = await federation.queryAs<any>(
      { agency: 'NCB-GB', roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      `mutation { requestRelease(reference: "${hit.reference}", justification: "We would like to know who this is.") { id } }`,
    );
    expect(stranger.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reference' });
    const requested = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `mutation { requestRelease(reference: "${hit.reference}", justification: "The DNA matched a scene in Lyon on 2 May.") { id status owner reference } }`,
    );
    expect(requested.body.errors).toBeUndefined();
    expect(requested.body.data.requestRelease).toMatchObject({ status: 'PENDING', owner: 'NCB-DE', reference: hit.reference });
    const owner = await federation.queryAs<any>(
      { agency: 'NCB-DE', roles: ['OWNER_ADMIN'] },
      'CRIMINAL_INVESTIGATION',
      '{ releaseRequestsToUs(status: PENDING) { nodes { reference requesterAgency } } }',
    );
    expect(owner.body.data.releaseRequestsToUs.nodes).toContainEqual({ reference: hit.reference, requesterAgency: 'NCB-FR' });
    // The owner's contact point, given the handle on the phone, finds which of its records it stands for.
    const cited = await federation.queryAs<any>(
      { agency: 'NCB-DE', roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      `{ hitsOnOurRecords(reference: "${hit.reference}") { nodes { kind recordType recordId agency reference } } }`,
    );
    expect(cited.body.data.hitsOnOurRecords.nodes).toEqual([
      { kind: 'MATCH', recordType: 'NationalPerson', recordId: DE_INFORMANT._id, agency: 'NCB-FR', reference: hit.reference },
    ]);
    // Nobody else's hits answer to it.
    const other = await federation.queryAs<any>(
      { agency: 'NCB-GB', roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      `{ hitsOnOurRecords(reference: "${hit.reference}") { nodes { recordId } } }`,
    );
    expect(other.body.data.hitsOnOurRecords.nodes).toEqual([]);
  });
});

it('the gateway checks again: a person the caller may not identify, returned by a subgraph gone wrong, withholds the whole answer', async () => {
  // A national subgraph gone wrong: every suspect and accused it returns is shown as an informant.
  const proxy = await startSubgraphProxy(federation.subgraphs.national.url, {
    transform: (answer) => answer.replace(/"(_policy_role|role)":"(SUSPECT|ACCUSED)"/g, '"$1":"INFORMANT"'),
  });
  const { gateway, url } = await startExtraGateway(federation, { subgraphUrls: { national: proxy.url } });
  try {
    const token = await mintAgencyToken({ identity: federation.identity, agency: 'NCB-FR', roles: ['ANALYST'] });
    for (const query of [
      `{ notice(id: "${STORY.redNotice.id}") { id nationalRecords { id } } }`,
      `{ personSearch(name: "${STORY.redNotice.spellings[0]}") { nationalMatches { nodes { score } } } }`,
    ]) {
      const { body } = await postGraphQL(url, query, undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION'));
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('ANSWER_WITHHELD');
      expect(JSON.stringify(body)).not.toMatch(/DE-P-000902|FR-P-000901/);
    }
  } finally {
    await gateway.stop();
    await proxy.close();
  }
});
