import type { Connection } from 'mongoose';
import { createEuropolModels, type PersonEntryRecord } from '@intel-gateway/europol';
import { createInterpolModels, type NoticeRecord } from '@intel-gateway/interpol';
import { createNationalModels, type NationalPersonRecord, type WantedPersonRecord } from '@intel-gateway/national';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { Role } from '@intel-gateway/shared/identity';
import { type Provenance, retentionDates } from '@intel-gateway/shared/records';
import { databaseNames, STORY } from '@intel-gateway/tools';
import { startTestFederation, testDatabaseUri, type TestFederation } from './harness';

/**
 * A link names the record it leads to, so it follows that record's rules too: a caller
 * who may not see the record behind a link gets exactly the answer it would get if the
 * linked record did not exist (same data, no error, same pages), and the caller allowed the
 * record still follows the link.
 *
 * - A wanted-list entry names its person: the list leaves out every entry whose person the
 *   caller may not see or identify, whatever the reason (denied, not on the allow-list,
 *   existence-only, another purpose, above its clearance, past retention, a protected subject).
 * - A person's `interpolNoticeId` names another owner's notice: only the person record's
 *   own agency reads it; everyone else follows `Notice.nationalRecords` / `europolEntries`,
 *   where the notice's rules apply as well as the person's.
 */
let federation: TestFederation;
const connections: Connection[] = [];

const CREATED = new Date('2026-05-01T00:00:00Z');
const NO_RESTRICTIONS = { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [] };
/** A provenance shared with every agency for criminal investigations, unless `changes` say otherwise. */
const provenance = (owner: string, ownerCountry: string, changes: Partial<Provenance> = {}): Provenance => ({
  owner,
  ownerCountry,
  createdAt: CREATED,
  ...retentionDates(CREATED),
  purposes: ['CRIMINAL_INVESTIGATION'],
  restrictions: NO_RESTRICTIONS,
  handling: { code: 'H0', conditions: null },
  tlp: 'AMBER',
  evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
  classification: 'RESTRICTED',
  ...changes,
});
const latinName = (familyName: string, forenames: string) => ({
  familyName,
  forenames,
  original: null,
  script: 'LATIN' as const,
  transliterations: [],
});

const FR_ANALYST = { agency: 'NCB-FR', user: 'fr-link-targets', roles: ['ANALYST', 'AP_ANALYST'] as Role[] };
/** An NCB-FR analyst on the project's own member list (the seed puts `ncb-fr-user` there) whose token claims the project. */
const FR_PROJECT_MEMBER = { ...FR_ANALYST, user: 'ncb-fr-user', projects: [STORY.project] };
const GB_ANALYST = { agency: 'NCB-GB', user: 'gb-link-targets', roles: ['ANALYST'] as Role[] };
const DE_ANALYST = { agency: 'NCB-DE', user: 'de-link-targets', roles: ['ANALYST'] as Role[] };
const EUROPOL_ANALYST = { agency: 'EUROPOL', user: 'eu-link-targets', roles: ['AP_ANALYST'] as Role[] };

/** An NCB-DE suspect, released to every agency unless `changes` restrict it. */
const dePerson = (id: string, changes: Partial<Provenance> = {}, role: NationalPersonRecord['role'] = 'SUSPECT'): NationalPersonRecord => ({
  _id: id,
  caseFileId: STORY.stolenVehicle.caseFileId,
  role,
  name: latinName('Fahndler', 'Uwe'),
  nationalities: ['DE'],
  dateOfBirth: '1971-03-04',
  interpolNoticeId: null,
  biometrics: [],
  provenance: provenance('NCB-DE', 'DE', changes),
});
/** NCB-DE's wanted-list entry for a person: public (TLP CLEAR) and released to every agency, whatever the person's own rules. */
const wantedEntry = (id: string, person: NationalPersonRecord): WantedPersonRecord => ({
  _id: id,
  listName: 'Fahndungsliste',
  personId: person._id,
  appeal: 'Wanted for questioning; believed to be abroad.',
  rewardOffered: null,
  addedAt: CREATED,
  provenance: provenance('NCB-DE', 'DE', { tlp: 'CLEAR' }),
});

/** Persons NCB-FR may not see or identify, each for another reason; their wanted entries are released to everyone. */
const PERSONS_HIDDEN_FROM_FR = {
  denied: dePerson('DE-P-992001', { restrictions: { ...NO_RESTRICTIONS, deniedAgencies: ['NCB-FR'] } }),
  notAllowed: dePerson('DE-P-992002', { restrictions: { ...NO_RESTRICTIONS, allowedAgencies: ['NCB-GB'] } }),
  existenceOnly: dePerson('DE-P-992003', { restrictions: { ...NO_RESTRICTIONS, existenceOnlyAgencies: ['NCB-FR'] } }),
  otherPurpose: dePerson('DE-P-992004', { purposes: ['COUNTER_TERRORISM'] }),
  aboveClearance: dePerson('DE-P-992005', { classification: 'SECRET' }),
  pastRetention: dePerson('DE-P-992006', {
    createdAt: new Date('2015-01-01T00:00:00Z'),
    ...retentionDates(new Date('2015-01-01T00:00:00Z')),
  }),
  protectedWitness: dePerson('DE-P-992007', {}, 'WITNESS'),
};
const HIDDEN_ENTRIES = Object.values(PERSONS_HIDDEN_FROM_FR).map((person, index) => wantedEntry(`WNT-992000${index + 1}`, person));
/** A person every agency may see, wanted on the same list after all the others. */
const VISIBLE_PERSON = dePerson('DE-P-992009');
const VISIBLE_ENTRY = wantedEntry('WNT-9920009', VISIBLE_PERSON);

const WANTED_LIST = `query($after: String, $first: Int) {
  wantedList(owner: "NCB-DE", first: $first, after: $after) { nodes { id listName person { id role } } pageInfo { hasNextPage endCursor } }
}`;

/** NCB-DE's wanted list as a caller reads it: in one page, and page by page (one entry a page). */
async function readWantedList(caller: Parameters<TestFederation['queryAs']>[0]) {
  const whole = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', WANTED_LIST, { first: 100 });
  const pages: unknown[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const { body }: { body: any } = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', WANTED_LIST, { first: 1, after });
    pages.push({ data: body.data, errors: body.errors });
    if (!body.data?.wantedList?.pageInfo.hasNextPage) break;
    after = body.data.wantedList.pageInfo.endCursor;
  }
  return { whole: { data: whole.body.data, errors: whole.body.errors }, pages };
}

/** An INTERPOL RED notice NCB-DE requested and the General Secretariat has not published: NCB-FR may not learn it exists. */
const REQUESTED_NOTICE: NoticeRecord = {
  _id: 'A-9921/5-2026',
  type: 'RED',
  status: 'REQUESTED',
  requestingNcb: 'NCB-DE',
  participants: [],
  requestedAt: CREATED,
  publishedAt: null,
  subject: {
    name: latinName('Quellenberg', 'Dirk'),
    sex: 'MALE',
    dateOfBirth: '1975-05-05',
    placeOfBirth: 'Köln',
    nationalities: ['DE'],
    distinguishingMarks: null,
  },
  redNotice: null,
  summary: 'Requested by NCB-DE, not yet published.',
  provenance: provenance('IPSG', 'XX'),
};
/** A published notice the General Secretariat denies to NCB-FR. */
const DENIED_NOTICE: NoticeRecord = {
  ...REQUESTED_NOTICE,
  _id: 'A-9922/5-2026',
  status: 'PUBLISHED',
  publishedAt: CREATED,
  summary: 'Published, denied to NCB-FR.',
  provenance: provenance('IPSG', 'XX', { restrictions: { ...NO_RESTRICTIONS, deniedAgencies: ['NCB-FR'] } }),
};

/** NCB-DE persons released to every agency, each citing a notice (or none); the same but for id and notice. */
const citing = (id: string, noticeId: string | null): NationalPersonRecord => ({
  ...dePerson(id),
  name: latinName('Quellenberg', 'Dirk'),
  dateOfBirth: '1975-05-05',
  interpolNoticeId: noticeId,
});
const CITING_PERSONS = {
  requested: citing('DE-P-992101', REQUESTED_NOTICE._id),
  denied: citing('DE-P-992102', DENIED_NOTICE._id),
  published: citing('DE-P-992103', STORY.redNotice.id),
  none: citing('DE-P-992104', null),
};
/** Europol person entries in the story project, the same but for id and notice. */
const citingEntry = (id: string, noticeId: string | null): PersonEntryRecord => ({
  _id: id,
  projectCode: STORY.project,
  category: 'SUSPECT',
  name: latinName('Quellenberg', 'Dirk'),
  nationalities: ['DE'],
  dateOfBirth: '1975-05-05',
  interpolNoticeId: noticeId,
  provenance: provenance('EUROPOL', 'NL'),
});
const CITING_ENTRIES = { requested: citingEntry('EU-PE-992111', REQUESTED_NOTICE._id), none: citingEntry('EU-PE-992112', null) };

let frListBefore: Awaited<ReturnType<typeof readWantedList>>;
let frListWithHiddenEntries: Awaited<ReturnType<typeof readWantedList>>;

beforeAll(async () => {
  federation = await startTestFederation();
  const names = databaseNames(federation.databaseSuffix);
  const [interpol, national, europol] = await Promise.all(
    [names.interpol, names.national, names.europol].map((name) => connectDatabase(testDatabaseUri(), name)),
  );
  connections.push(interpol!, national!, europol!);
  const nationalModels = createNationalModels(national!);

  // NCB-DE's wanted list as NCB-FR reads it before, and after, entries whose persons it may not see are added.
  frListBefore = await readWantedList(FR_ANALYST);
  await nationalModels.NationalPerson.insertMany(Object.values(PERSONS_HIDDEN_FROM_FR));
  await nationalModels.WantedPerson.insertMany(HIDDEN_ENTRIES);
  frListWithHiddenEntries = await readWantedList(FR_ANALYST);
  await nationalModels.NationalPerson.insertMany([VISIBLE_PERSON]);
  await nationalModels.WantedPerson.insertMany([VISIBLE_ENTRY]);

  await createInterpolModels(interpol!).Notice.insertMany([REQUESTED_NOTICE, DENIED_NOTICE]);
  await nationalModels.NationalPerson.insertMany(Object.values(CITING_PERSONS));
  await createEuropolModels(europol!).PersonEntry.insertMany(Object.values(CITING_ENTRIES));
}, 180_000);
afterAll(async () => {
  for (const connection of connections) await connection.close();
  await federation.stop();
});

describe('a wanted-list entry follows its person’s rules', () => {
  it('the list is unchanged for a caller who may not see the entries’ persons: same nodes, no error, same pages', () => {
    expect(frListBefore.whole.errors).toBeUndefined();
    expect(frListBefore.whole.data.wantedList.nodes.length).toBeGreaterThan(0);
    expect(frListWithHiddenEntries).toEqual(frListBefore);
  });

  it('a caller allowed the person still sees the entry, at its place in the list and the pages', async () => {
    const fr = await readWantedList(FR_ANALYST);
    expect(fr.whole.errors).toBeUndefined();
    expect(fr.whole.data.wantedList.nodes).toEqual([
      ...frListBefore.whole.data.wantedList.nodes,
      { id: VISIBLE_ENTRY._id, listName: VISIBLE_ENTRY.listName, person: { id: VISIBLE_PERSON._id, role: 'SUSPECT' } },
    ]);
    expect(fr.pages).toHaveLength(frListBefore.pages.length + 1);

    /** The persons of NCB-DE's wanted list as `caller` reads it, in one page. */
    const personsSeenBy = async (caller: typeof GB_ANALYST) => {
      const { body } = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', WANTED_LIST, { first: 100 });
      expect(body.errors).toBeUndefined();
      return body.data.wantedList.nodes.map((n: { person: { id: string } }) => n.person.id) as string[];
    };
    const gbSees = await personsSeenBy(GB_ANALYST);
    expect(gbSees).toEqual(
      expect.arrayContaining([PERSONS_HIDDEN_FROM_FR.denied._id, PERSONS_HIDDEN_FROM_FR.notAllowed._id, VISIBLE_PERSON._id]),
    );
    expect(gbSees).not.toContain(PERSONS_HIDDEN_FROM_FR.pastRetention._id);

    // The owner's analyst sees its own persons, its witness included, but not one above its clearance or past retention.
    const deSees = await personsSeenBy(DE_ANALYST);
    expect(deSees).toEqual(
      expect.arrayContaining([PERSONS_HIDDEN_FROM_FR.denied._id, PERSONS_HIDDEN_FROM_FR.protectedWitness._id, VISIBLE_PERSON._id]),
    );
    expect(deSees).not.toContain(PERSONS_HIDDEN_FROM_FR.aboveClearance._id);
    expect(deSees).not.toContain(PERSONS_HIDDEN_FROM_FR.pastRetention._id);
  });
});

describe('a person’s INTERPOL notice id is its owner’s own reference', () => {
  const PERSON_FIELDS = '{ id role name { familyName } dateOfBirth interpolNoticeId }';

  it('another agency reads no notice id, exactly as for a person who cites none, whether or not it may see the notice', async () => {
    // The notices themselves are hidden from NCB-FR (the test's premise), the published story notice is not.
    const notices = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ a: notice(id: "${REQUESTED_NOTICE._id}") { id } b: notice(id: "${DENIED_NOTICE._id}") { id } c: notice(id: "${STORY.redNotice.id}") { id } }`,
    );
    expect(notices.body.data).toEqual({ a: null, b: null, c: { id: STORY.redNotice.id } });

    const lookups = Object.entries(CITING_PERSONS)
      .map(([alias, person]) => `${alias}: person(id: "${person._id}") ${PERSON_FIELDS}`)
      .join(' ');
    const { body } = await federation.queryAs<any>(FR_ANALYST, 'CRIMINAL_INVESTIGATION', `{ ${lookups} }`);
    expect(body.errors).toBeUndefined();
    const uncited = body.data.none;
    expect(uncited).toMatchObject({ id: CITING_PERSONS.none._id, interpolNoticeId: null });
    for (const [alias, person] of Object.entries(CITING_PERSONS)) expect(body.data[alias]).toEqual({ ...uncited, id: person._id });
    expect(JSON.stringify(body)).not.toMatch(/A-992[12]/);
  });

  it('search candidates and Europol entries carry no notice id for another agency either', async () => {
    const search = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ personSearch(name: "Dirk Quellenberg", dateOfBirth: "1975-05-05") { nationalMatches(first: 50) { nodes { person { id interpolNoticeId } } } } }`,
    );
    expect(search.body.errors).toBeUndefined();
    const candidates = search.body.data.personSearch.nationalMatches.nodes.map((n: { person: unknown }) => n.person);
    expect(candidates).toEqual(
      expect.arrayContaining(Object.values(CITING_PERSONS).map((person) => ({ id: person._id, interpolNoticeId: null }))),
    );
    expect(JSON.stringify(search.body)).not.toMatch(/A-992[12]|A-1001/);

    const entries = await federation.queryAs<any>(
      FR_PROJECT_MEMBER,
      'CRIMINAL_INVESTIGATION',
      `{ cited: personEntry(id: "${CITING_ENTRIES.requested._id}") { id category interpolNoticeId } uncited: personEntry(id: "${CITING_ENTRIES.none._id}") { id category interpolNoticeId } }`,
    );
    expect(entries.body.errors).toBeUndefined();
    expect(entries.body.data.cited).toEqual({ ...entries.body.data.uncited, id: CITING_ENTRIES.requested._id });
    expect(entries.body.data.uncited).toMatchObject({ interpolNoticeId: null });
  });

  it('the owner reads its own reference, and other agencies still follow the link from a notice they may see', async () => {
    const lookups = Object.entries(CITING_PERSONS)
      .map(([alias, person]) => `${alias}: person(id: "${person._id}") { interpolNoticeId }`)
      .join(' ');
    const de = await federation.queryAs<any>(DE_ANALYST, 'CRIMINAL_INVESTIGATION', `{ ${lookups} }`);
    expect(de.body.errors).toBeUndefined();
    expect(de.body.data).toEqual({
      requested: { interpolNoticeId: REQUESTED_NOTICE._id },
      denied: { interpolNoticeId: DENIED_NOTICE._id },
      published: { interpolNoticeId: STORY.redNotice.id },
      none: { interpolNoticeId: null },
    });

    const europol = await federation.queryAs<any>(
      EUROPOL_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ personEntry(id: "${CITING_ENTRIES.requested._id}") { interpolNoticeId } }`,
    );
    expect(europol.body.errors).toBeUndefined();
    expect(europol.body.data.personEntry).toEqual({ interpolNoticeId: REQUESTED_NOTICE._id });

    const linked = await federation.queryAs<any>(
      FR_ANALYST,
      'CRIMINAL_INVESTIGATION',
      `{ notice(id: "${STORY.redNotice.id}") { nationalRecords { id } } }`,
    );
    expect(linked.body.errors).toBeUndefined();
    const linkedIds = linked.body.data.notice.nationalRecords.map((p: { id: string }) => p.id);
    expect(linkedIds).toContain(CITING_PERSONS.published._id);
    expect(linkedIds).not.toEqual(expect.arrayContaining([CITING_PERSONS.requested._id]));
  });
});
