import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { createEuropolModels, type PersonEntryRecord } from '@intel-gateway/europol';
import { createInterpolModels, type NoticeRecord } from '@intel-gateway/interpol';
import { createNationalModels, type NationalPersonRecord } from '@intel-gateway/national';
import { type AuditRecord, createAuditModels } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import { scriptOf } from '@intel-gateway/shared/names';
import { type PersonName, type Provenance, retentionDates } from '@intel-gateway/shared/records';
import { databaseNames, STORY, supergraphPath } from '@intel-gateway/tools';
import { startTestFederation, testDatabaseUri, type TestFederation } from './harness';

/**
 * The federated person search: names written in one script find persons held in another,
 * each owner answers with its own scored candidates, and nobody finds a person they may not
 * see or identify. Every searched person here is the test's own record, with a date of
 * birth in 1931 that no generated person has, so the seeded data cannot answer for them.
 */
let federation: TestFederation;

const CREATED = new Date('2026-06-01T00:00:00Z');
function provenance(owner: string, restrictions: Partial<Provenance['restrictions']> = {}): Provenance {
  return {
    owner,
    ownerCountry: 'XX',
    createdAt: CREATED,
    ...retentionDates(CREATED),
    purposes: ['CRIMINAL_INVESTIGATION'],
    restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [], ...restrictions },
    handling: { code: 'H0', conditions: null },
    tlp: 'AMBER',
    evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
    classification: 'RESTRICTED',
  };
}

/** A name as an owner records it: the original script, and the spellings it knows. */
function name(original: string, ...spellings: string[]): PersonName {
  const script = scriptOf(original);
  const [forenames, ...family] = original.split(' ');
  return script === 'LATIN'
    ? { familyName: family.join(' '), forenames: forenames!, original: null, script, transliterations: [original, ...spellings] }
    : { familyName: original, forenames: null, original, script, transliterations: spellings };
}

const DOB = '1931-05-17';

const noticeOf = (id: string, personName: PersonName, dateOfBirth: string | null = DOB): NoticeRecord => ({
  _id: id,
  type: 'RED',
  status: 'PUBLISHED',
  requestingNcb: 'NCB-DE',
  participants: [],
  requestedAt: CREATED,
  publishedAt: CREATED,
  subject: { name: personName, sex: 'MALE', dateOfBirth, nationalities: ['IS'] },
  redNotice: null,
  summary: 'person search test notice',
  provenance: provenance('IPSG'),
});
const entryOf = (id: string, personName: PersonName, category: PersonEntryRecord['category'] = 'SUSPECT'): PersonEntryRecord => ({
  _id: id,
  projectCode: STORY.project,
  category,
  name: personName,
  dateOfBirth: DOB,
  nationalities: ['IS'],
  provenance: provenance('EUROPOL'),
});
const nationalOf = (
  id: string,
  owner: string,
  personName: PersonName,
  extra: Partial<NationalPersonRecord> = {},
): NationalPersonRecord => ({
  _id: id,
  caseFileId: STORY.stolenGbPassport.caseFileId,
  role: 'SUSPECT',
  name: personName,
  dateOfBirth: DOB,
  nationalities: ['IS'],
  provenance: provenance(owner),
  ...extra,
});

/** Persons held in a non-Latin script, each searched for with Latin spellings. */
const HELD_IN_SCRIPT = {
  arabic: nationalOf('FR-P-970001', 'NCB-FR', name('يوسف الحداد')),
  cyrillic: entryOf('EU-PE-970002', name('Сергей Кузнецов')),
  han: noticeOf('A-97003/5-2026', name('李晓东')),
};
/** Persons held only in Latin spellings, each searched for in another script. */
const HELD_IN_LATIN = {
  arabic: noticeOf('A-97004/5-2026', name('Tariq Bin Ziyad')),
  cyrillic: nationalOf('DE-P-970005', 'NCB-DE', name('Boris Volkov')),
  han: entryOf('EU-PE-970006', name('Zhou Jianguo')),
};
/** One person every owner holds, spelled differently by each. */
const EVERYWHERE = {
  interpol: noticeOf('A-97010/5-2026', name('Mikhail Ostrovsky')),
  europol: entryOf('EU-PE-970011', name('Михаил Островский')),
  national: nationalOf('FR-P-970012', 'NCB-FR', name('Mikhail Ostrowski')),
};
/** The same name several times in one bureau: exact date of birth, a year off, unknown, and twenty years off; the names reversed; a near spelling. */
const NAMESAKES = [
  nationalOf('FR-P-970020', 'NCB-FR', name('Anatole Quennec')),
  nationalOf('FR-P-970021', 'NCB-FR', name('Anatole Quennec'), { dateOfBirth: '1932-05-17' }),
  nationalOf('FR-P-970022', 'NCB-FR', name('Anatole Quennec'), { dateOfBirth: null }),
  nationalOf('FR-P-970023', 'NCB-FR', name('Anatole Quennec'), { dateOfBirth: '1951-05-17' }),
  nationalOf('FR-P-970024', 'NCB-FR', name('Quennec Anatole')),
  nationalOf('FR-P-970025', 'NCB-FR', name('Anatol Kenek')),
];
/** One name three times: no nationality stated, another nationality, and the searched one. */
const NATIONALITIES = [
  nationalOf('FR-P-970027', 'NCB-FR', name('Perpetua Ilsenbrook'), { nationalities: [] }),
  nationalOf('FR-P-970028', 'NCB-FR', name('Perpetua Ilsenbrook'), { nationalities: ['DE'] }),
  nationalOf('FR-P-970029', 'NCB-FR', name('Perpetua Ilsenbrook'), { nationalities: ['MA'] }),
];
/** Persons some callers may not find: a victim (NCB-DE's), an informant (NCB-FR's), a project witness, and a suspect NCB-GB denies to NCB-FR. */
const PROTECTED = {
  victim: nationalOf('DE-P-970030', 'NCB-DE', name('Ottilie Brandvogt'), { role: 'VICTIM' }),
  informant: nationalOf('FR-P-970031', 'NCB-FR', name('Ottilie Brandvogt'), { role: 'INFORMANT' }),
  projectWitness: entryOf('EU-PE-970032', name('Ottilie Brandvogt'), 'WITNESS'),
  deniedToFrance: nationalOf(
    'GB-P-970033',
    'NCB-GB',
    { ...name('Ottilie Brandvogt') },
    { provenance: provenance('NCB-GB', { deniedAgencies: ['NCB-FR'] }) },
  ),
};

beforeAll(async () => {
  federation = await startTestFederation();
  const names = databaseNames(federation.databaseSuffix);
  const interpol = await connectDatabase(testDatabaseUri(), names.interpol);
  await createInterpolModels(interpol).Notice.insertMany([HELD_IN_SCRIPT.han, HELD_IN_LATIN.arabic, EVERYWHERE.interpol]);
  await interpol.close();
  const europol = await connectDatabase(testDatabaseUri(), names.europol);
  await createEuropolModels(europol).PersonEntry.insertMany([
    HELD_IN_SCRIPT.cyrillic,
    HELD_IN_LATIN.han,
    EVERYWHERE.europol,
    PROTECTED.projectWitness,
  ]);
  await europol.close();
  const national = await connectDatabase(testDatabaseUri(), names.national);
  await createNationalModels(national).NationalPerson.insertMany([
    HELD_IN_SCRIPT.arabic,
    HELD_IN_LATIN.cyrillic,
    EVERYWHERE.national,
    ...NAMESAKES,
    ...NATIONALITIES,
    PROTECTED.victim,
    PROTECTED.informant,
    PROTECTED.deniedToFrance,
  ]);
  await national.close();
});
afterAll(() => federation.stop());

interface Match {
  score: number;
  method: string;
  matchedSpelling: string;
  id: string;
}

const SEARCH = `query Search($name: String!, $dateOfBirth: String, $toleranceYears: Int, $nationality: String, $first: Int, $after: String) {
  personSearch(name: $name, dateOfBirth: $dateOfBirth, toleranceYears: $toleranceYears, nationality: $nationality) {
    interpolMatches(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { score method matchedSpelling notice { id } } }
    europolMatches(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { score method matchedSpelling entry { id } } }
    nationalMatches(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { score method matchedSpelling person { id } } }
  }
}`;

/** An NCB-FR analyst who also works in the analysis project the test's entries are in. */
const ANALYST = {
  agency: 'NCB-FR',
  roles: ['ANALYST' as const, 'AP_ANALYST' as const],
  purposes: ['CRIMINAL_INVESTIGATION' as const],
  projects: [STORY.project],
};

type Owner = 'interpol' | 'europol' | 'national';
type Caller = Parameters<TestFederation['queryAs']>[0];

async function search(variables: Record<string, unknown>, caller: Caller = ANALYST) {
  const { body } = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', SEARCH, { first: 20, ...variables });
  expect(body.errors).toBeUndefined();
  const flatten = (owner: Owner, recordField: string) => {
    const connection = body.data.personSearch[`${owner}Matches`];
    return {
      ...connection,
      nodes: connection.nodes.map((n: any) => ({
        score: n.score,
        method: n.method,
        matchedSpelling: n.matchedSpelling,
        id: n[recordField].id,
      })) as Match[],
    };
  };
  return { interpol: flatten('interpol', 'notice'), europol: flatten('europol', 'entry'), national: flatten('national', 'person') };
}

/** The test's own candidates an owner returned for a search (the seeded data may add its own). */
async function candidates(owner: Owner, variables: Record<string, unknown>, caller: Caller = ANALYST): Promise<Match[]> {
  return (await search(variables, caller))[owner].nodes.filter((m: Match) => /97\d{3}/.test(m.id));
}

describe('Latin spellings find names held in another script', () => {
  it.each([
    ['Arabic', 'national', HELD_IN_SCRIPT.arabic._id, ['Youssef Haddad', 'Yusuf Hadad', 'Youssef El-Haddad', 'Yousef al Haddad']],
    ['Cyrillic', 'europol', HELD_IN_SCRIPT.cyrillic._id, ['Sergei Kuznetsov', 'Sergey Kuznetsov', 'Kuznetsov Sergei']],
    ['Chinese', 'interpol', HELD_IN_SCRIPT.han._id, ['Li Xiaodong', 'Xiaodong Li', 'Li Xiao Dong']],
  ] as const)('%s script: %s finds its person from every spelling', async (_script, owner, id, spellings) => {
    for (const spelling of spellings) {
      const found = await candidates(owner, { name: spelling, dateOfBirth: DOB });
      expect({ spelling, ids: found.map((m) => m.id) }).toEqual({ spelling, ids: [id] });
      expect(found[0]!.score).toBeGreaterThan(0.5);
      expect(found[0]!.score).toBeLessThanOrEqual(1);
    }
  });

  it('reports why each candidate matched', async () => {
    expect((await candidates('interpol', { name: 'Li Xiaodong' }))[0]).toMatchObject({
      method: 'TRANSLITERATION',
      score: 0.95,
      matchedSpelling: 'li xiaodong',
    });
    expect((await candidates('interpol', { name: 'Xiaodong Li' }))[0]).toMatchObject({ method: 'TOKEN_SORTED', score: 0.9 });
    expect((await candidates('europol', { name: 'Sergei Kuznetsov' }))[0]).toMatchObject({
      method: 'PHONETIC',
      matchedSpelling: 'sergey kuznetsov',
    });
    expect((await candidates('national', { name: 'Yusuf Hadad' }))[0]).toMatchObject({
      method: 'CONSONANT_SKELETON',
      matchedSpelling: 'ywsf hdd',
    });
  });
});

describe('names written in another script find persons held in Latin spellings', () => {
  it.each([
    ['Arabic', 'interpol', HELD_IN_LATIN.arabic._id, 'طارق بن زياد'],
    ['Cyrillic', 'national', HELD_IN_LATIN.cyrillic._id, 'Борис Волков'],
    ['Chinese', 'europol', HELD_IN_LATIN.han._id, '周建国'],
  ] as const)('%s script: %s finds its person', async (_script, owner, id, written) => {
    const found = await candidates(owner, { name: written, dateOfBirth: DOB });
    expect(found.map((m) => m.id)).toEqual([id]);
    expect(found[0]!.method).not.toBe('EXACT');
  });

  it('the seeded Red Notice subject, held in Arabic script, is found by a Latin spelling nobody recorded', async () => {
    const { interpol } = await search({ name: 'Yusuf Hadad' });
    expect(interpol.nodes.map((m: Match) => m.id)).toContain(STORY.redNotice.id);
  });
});

describe('one search, every owner', () => {
  it("one query returns each owner's own candidates, never merged", async () => {
    const result = await search({ name: 'Mikhail Ostrovsky', dateOfBirth: DOB });
    const own = (owner: Owner) => result[owner].nodes.filter((m: Match) => /97\d{3}/.test(m.id)).map((m: Match) => m.id);
    expect(own('interpol')).toEqual([EVERYWHERE.interpol._id]);
    expect(own('europol')).toEqual([EVERYWHERE.europol._id]);
    expect(own('national')).toEqual([EVERYWHERE.national._id]);
    expect(result.interpol.nodes[0]).toMatchObject({ method: 'EXACT', score: 1 });
  });

  it("the audit records each owner's candidate the caller was shown, and the owner gets a hit", async () => {
    const { headers } = await federation.queryAs<any>(ANALYST, 'CRIMINAL_INVESTIGATION', SEARCH, {
      name: 'Mikhail Ostrovsky',
      dateOfBirth: DOB,
      first: 20,
    });
    const models = createAuditModels(federation.audit.connection);
    const record = await models.AuditRecord.findOne({ requestId: headers.get('x-request-id') }).lean<AuditRecord>();
    const disclosed = (record?.disclosures ?? []).map((d) => `${d.owner} ${d.type}/${d.id}`);
    expect(disclosed).toEqual(
      expect.arrayContaining([
        `IPSG Notice/${EVERYWHERE.interpol._id}`,
        `EUROPOL PersonEntry/${EVERYWHERE.europol._id}`,
        `NCB-FR NationalPerson/${EVERYWHERE.national._id}`,
      ]),
    );
    expect(await models.Hit.countDocuments({ owner: 'EUROPOL', recordId: EVERYWHERE.europol._id, agency: 'NCB-FR' })).toBeGreaterThan(0);
  });

  it('the gateway plans the three owners in parallel, after the criteria are read once', () => {
    const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'));
    const operation = operationFromDocument(supergraph.schema, parse(SEARCH));
    const plan = prettyFormatQueryPlan(new QueryPlanner(supergraph).buildQueryPlan(operation));
    const parallel = plan.slice(plan.indexOf('Parallel {'));
    expect(plan).toMatch(/Sequence \{\s+Fetch\(service: "accountability"\)/);
    for (const owner of ['interpol', 'europol', 'national']) expect(parallel).toContain(`Fetch(service: "${owner}")`);
  });
});

describe('ordering, scoring and paging', () => {
  const query = { name: 'Anatole Quennec', dateOfBirth: DOB, toleranceYears: 3 };

  it('orders candidates by score: the exact name by closeness of the date of birth, then looser spellings', async () => {
    const found = await candidates('national', query);
    expect(found.map((m) => m.id)).toEqual(['FR-P-970020', 'FR-P-970021', 'FR-P-970024', 'FR-P-970022', 'FR-P-970025']);
    for (let i = 1; i < found.length; i++) expect(found[i]!.score).toBeLessThanOrEqual(found[i - 1]!.score);
    expect(found.map((m) => m.method)).toEqual(['EXACT', 'EXACT', 'TOKEN_SORTED', 'EXACT', 'PHONETIC']);
    expect(found.map((m) => m.score).slice(0, 4)).toEqual([1, 0.95, 0.9, 0.85]);
  });

  it('leaves out a date of birth beyond the tolerance', async () => {
    expect((await candidates('national', query)).map((m) => m.id)).not.toContain('FR-P-970023');
    expect((await candidates('national', { ...query, toleranceYears: 10 })).map((m) => m.id)).not.toContain('FR-P-970023');
    expect((await candidates('national', { name: 'Anatole Quennec' })).map((m) => m.id)).toContain('FR-P-970023');
  });

  it('pages through the same order without gaps or repeats', async () => {
    const all = (await search(query)).national;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page: any = (await search({ ...query, first: 2, after })).national;
      seen.push(...page.nodes.map((m: Match) => m.id));
      expect(page.totalCount).toBe(all.totalCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((m: Match) => m.id));
  });

  it('filters by nationality, keeping records that state none', async () => {
    expect(await candidates('national', { ...query, nationality: 'MA' })).toEqual([]);
    expect((await candidates('national', { ...query, nationality: 'IS' })).length).toBe(5);
    const ids = async (nationality: string) =>
      (await candidates('national', { name: 'Perpetua Ilsenbrook', nationality })).map((m) => m.id).sort();
    expect(await ids('MA')).toEqual(['FR-P-970027', 'FR-P-970029']);
    expect(await ids('DE')).toEqual(['FR-P-970027', 'FR-P-970028']);
  });
});

describe('nobody finds a person they may not see or identify', () => {
  const query = { name: 'Ottilie Brandvogt', dateOfBirth: DOB };

  const ids = async (caller: Caller) => (await candidates('national', query, caller)).map((m) => m.id).sort();

  it('another bureau finds neither the victim nor the informant, only the suspect shared with it', async () => {
    expect(await ids({ ...ANALYST, agency: 'NCB-ES' })).toEqual([PROTECTED.deniedToFrance._id]);
  });

  it('the owning bureau finds its victim; its informant only by its source handlers; a denied record by no one denied', async () => {
    expect(await ids({ ...ANALYST, agency: 'NCB-DE' })).toEqual([PROTECTED.victim._id, PROTECTED.deniedToFrance._id].sort());
    expect(await ids(ANALYST)).toEqual([]);
    expect(await ids({ ...ANALYST, roles: [...ANALYST.roles, 'SOURCE_HANDLER' as const] })).toEqual([PROTECTED.informant._id]);
  });

  it('a project witness is found by project members only', async () => {
    expect((await candidates('europol', query, ANALYST)).map((m) => m.id)).toEqual([PROTECTED.projectWitness._id]);
    expect(await candidates('europol', query, { ...ANALYST, projects: [] })).toEqual([]);
  });

  it("a caller without the owner's role gets no candidates from that owner: the owner's matches are outside its schema, refused as unknown", async () => {
    const { status, body } = await federation.queryAs<any>(
      { ...ANALYST, roles: ['ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      '{ personSearch(name: "Boris Volkov") { europolMatches { totalCount } } }',
    );
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(
      body.errors?.map((e: { message: string; extensions?: { code?: string } }) => [
        e.extensions?.code,
        e.message.match(/^Cannot query field "([^"]+)"/)?.[1],
      ]),
    ).toEqual([['GRAPHQL_VALIDATION_FAILED', 'europolMatches']]);
  });
});

describe('bad criteria', () => {
  it.each([
    [{ name: '!' }, 'name'],
    [{ name: '%%%%' }, 'name'],
    [{ name: 'Boris Volkov', dateOfBirth: '1931-02-30' }, 'dateOfBirth'],
    [{ name: 'Boris Volkov', dateOfBirth: '17/05/1931' }, 'dateOfBirth'],
    [{ name: 'Boris Volkov', toleranceYears: 50 }, 'toleranceYears'],
    [{ name: 'Boris Volkov', nationality: 'Iceland' }, 'nationality'],
  ])('%j is refused naming %s', async (variables, field) => {
    const { body } = await federation.queryAs<any>(ANALYST, 'CRIMINAL_INVESTIGATION', SEARCH, { first: 5, ...variables });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors?.[0]?.message).toContain(field);
  });

  it('a cursor from elsewhere is refused', async () => {
    const { body } = await federation.queryAs<any>(ANALYST, 'CRIMINAL_INVESTIGATION', SEARCH, {
      name: 'Boris Volkov',
      first: 5,
      after: 'bm90LWEtY3Vyc29y',
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
