import { createEuropolModels, type PersonEntryRecord } from '@intel-gateway/europol';
import { retentionDates } from '@intel-gateway/shared/records';
import { STORY } from '@intel-gateway/tools';
import { startTestFederation, type TestFederation } from './harness';

/**
 * Analysis-project membership comes from the project's own member list (Europol's data),
 * not from the token: a `projects` claim counts only for a user the list names. Victims and
 * witnesses of a project are identified to its members (and the owning agency) only, so a
 * false claim must identify no one: not on the record, not as a search candidate.
 */
let federation: TestFederation;
const VICTIM: PersonEntryRecord = {
  _id: 'EU-PE-990101',
  projectCode: STORY.project,
  category: 'VICTIM',
  name: { familyName: 'Membertestova', forenames: 'Alena', original: null, script: 'LATIN', transliterations: [] },
  nationalities: ['CZ'],
  provenance: {
    owner: 'EUROPOL',
    ownerCountry: 'NL',
    createdAt: new Date(),
    ...retentionDates(new Date()),
    purposes: ['CRIMINAL_INVESTIGATION'],
    restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [] },
    handling: { code: 'H0', conditions: null },
    tlp: 'AMBER',
    evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
    classification: 'RESTRICTED',
  },
};
beforeAll(async () => {
  federation = await startTestFederation();
  await createEuropolModels(federation.subgraphs.europol.connection).PersonEntry.insertMany([VICTIM]);
});
afterAll(() => federation.stop());

const READ = `{ personEntry(id: "${VICTIM._id}") { id name { familyName } nationalities project { code callerIsMember } } }`;
const SEARCH = `{ personSearch(name: "Alena Membertestova") { europolMatches { totalCount nodes { matchedSpelling entry { id } } } } }`;
/** The seed puts each participating agency's development user on the project's member list: NCB-FR's is `ncb-fr-user`. */
const analyst = (user: string, projects: string[]) => ({ agency: 'NCB-FR', user, roles: ['AP_ANALYST' as const], projects });

async function asCaller(caller: ReturnType<typeof analyst>) {
  const read = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', READ);
  const search = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', SEARCH);
  expect(search.body.errors).toBeUndefined();
  return {
    entry: read.body.data.personEntry,
    reasons: [...new Set((read.body.errors ?? []).map((e) => e.extensions?.reason))],
    codes: [...new Set((read.body.errors ?? []).map((e) => e.extensions?.code))],
    search: search.body.data.personSearch.europolMatches,
  };
}

it("a token claiming a project its user is not a member of identifies none of the project's victims", async () => {
  const seen = await asCaller(analyst('fr-not-a-member', [STORY.project]));
  // A victim the caller may not identify is answered hit/no-hit only: no record, no name, no category.
  expect(seen.entry).toBeNull();
  expect(seen.codes).toEqual(['HIT']);
  expect(seen.search).toEqual({ totalCount: 0, nodes: [] });
  expect(JSON.stringify(seen).toLowerCase()).not.toContain('membertestova');
});

it("a user on the project's member list, claiming it, identifies them", async () => {
  const seen = await asCaller(analyst('ncb-fr-user', [STORY.project]));
  expect(seen.entry).toEqual({
    id: VICTIM._id,
    name: { familyName: 'Membertestova' },
    nationalities: ['CZ'],
    project: { code: STORY.project, callerIsMember: true },
  });
  expect(seen.reasons).toEqual([]);
  expect(seen.codes).toEqual([]);
  expect(seen.search.nodes).toEqual([{ matchedSpelling: 'alena membertestova', entry: { id: VICTIM._id } }]);
});

it('a member whose token does not claim the project is not counted in it (the claim can only narrow)', async () => {
  const seen = await asCaller(analyst('ncb-fr-user', []));
  expect(seen.entry).toBeNull();
  expect(seen.codes).toEqual(['HIT']);
  expect(seen.search).toEqual({ totalCount: 0, nodes: [] });
});
