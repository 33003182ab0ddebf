import { createEuropolModels, type PersonEntryRecord } from '@intel-gateway/europol';
import { createInterpolModels, type NoticeRecord, type SltdRecord } from '@intel-gateway/interpol';
import { createNationalModels, type NationalPersonRecord } from '@intel-gateway/national';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { Role } from '@intel-gateway/shared/identity';
import { HIT_REFERENCE_PATTERN } from '@intel-gateway/shared/policy';
import { type Provenance, type Purpose, retentionDates } from '@intel-gateway/shared/records';
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
 * What owners release to whom, enforced inside each subgraph's database query: owner
 * restrictions (by agency and by group), publication state, purpose limitation and
 * retention. The records here are the test's own, written beside the seeded data.
 */
let federation: TestFederation;

const CREATED = new Date('2026-06-01T00:00:00Z');
function provenance(
  owner: string,
  overrides: Omit<Partial<Provenance>, 'restrictions'> & { restrictions?: Partial<Provenance['restrictions']> } = {},
): Provenance {
  const { restrictions, ...rest } = overrides;
  return {
    owner,
    ownerCountry: 'IS',
    createdAt: CREATED,
    ...retentionDates(CREATED),
    purposes: ['CRIMINAL_INVESTIGATION', 'BORDER_CONTROL'],
    restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [], ...restrictions },
    handling: { code: 'H0', conditions: null },
    tlp: 'AMBER',
    evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
    classification: 'RESTRICTED',
    ...rest,
  };
}

const sltd = (number: string, prov: Provenance): SltdRecord => ({
  _id: `SLTD-IS-${number}`,
  issuingCountry: 'IS',
  documentType: 'PASSPORT',
  number,
  status: 'STOLEN',
  reportedAt: CREATED,
  reportingCountry: 'IS',
  circumstances: `test record ${number}`,
  provenance: prov,
});

/** Icelandic passports, owned by a bureau outside the registry, each shared differently. */
const PASSPORTS = {
  deniesSpain: sltd('IS0000001', provenance('NCB-IS', { restrictions: { deniedAgencies: ['NCB-ES'] } })),
  deniesSag: sltd('IS0000002', provenance('NCB-IS', { restrictions: { deniedAgencies: ['SAG'] } })),
  onlyGermany: sltd('IS0000003', provenance('NCB-IS', { restrictions: { allowedAgencies: ['NCB-DE'] } })),
  counterTerrorismOnly: sltd('IS0000004', provenance('NCB-IS', { purposes: ['COUNTER_TERRORISM'] })),
  pastRetention: sltd(
    'IS0000005',
    provenance('NCB-FR', {
      createdAt: new Date('2020-01-01T00:00:00Z'),
      reviewDueAt: new Date('2024-07-01T00:00:00Z'),
      retainUntil: new Date('2025-01-01T00:00:00Z'),
    }),
  ),
};

/** Retention dates of a record whose review is due now: it expires in two months, whenever the test runs. */
const DUE_FOR_REVIEW = (() => {
  const retainUntil = new Date(Math.floor(Date.now() / 86_400_000 + 60) * 86_400_000);
  const createdAt = new Date(retainUntil);
  createdAt.setUTCFullYear(createdAt.getUTCFullYear() - 5);
  return { createdAt, ...retentionDates(createdAt) };
})();

/** Norwegian passports owned by NCB-GB that NCB-FR may only know exist: one for any purpose, one for counter-terrorism only. */
const EXISTENCE_ONLY = {
  forFrance: {
    ...sltd('NO0000001', provenance('NCB-GB', { restrictions: { existenceOnlyAgencies: ['NCB-FR'] } })),
    _id: 'SLTD-NO-1',
    issuingCountry: 'NO',
  },
  /** Not existence-only: NCB-FR's own, due for review (six months before it expires). */
  dueForReview: {
    ...sltd('NO0000003', provenance('NCB-FR', DUE_FOR_REVIEW)),
    _id: 'SLTD-NO-3',
    issuingCountry: 'NO',
  },
  forFranceCounterTerrorismOnly: {
    ...sltd('NO0000002', provenance('NCB-GB', { purposes: ['COUNTER_TERRORISM'], restrictions: { existenceOnlyAgencies: ['NCB-FR'] } })),
    _id: 'SLTD-NO-2',
    issuingCountry: 'NO',
  },
};

/** Norwegian passports of NCB-GB under handling codes that must travel with them. */
const HANDLED = {
  notEvidence: {
    ...sltd('NO0000004', provenance('NCB-GB', { handling: { code: 'H1', conditions: null }, tlp: 'GREEN' })),
    _id: 'SLTD-NO-4',
    issuingCountry: 'NO',
  },
  conditioned: {
    ...sltd('NO0000005', provenance('NCB-GB', { handling: { code: 'H3', conditions: 'Not to be passed to third countries.' } })),
    _id: 'SLTD-NO-5',
    issuingCountry: 'NO',
  },
  strict: { ...sltd('NO0000006', provenance('NCB-GB', { tlp: 'AMBER_STRICT' })), _id: 'SLTD-NO-6', issuingCountry: 'NO' },
};

const notice = (id: string, fields: Pick<NoticeRecord, 'type' | 'status' | 'requestingNcb' | 'participants'>): NoticeRecord => ({
  _id: id,
  ...fields,
  requestedAt: CREATED,
  publishedAt: fields.status === 'PUBLISHED' ? CREATED : null,
  subject: {
    name: { familyName: 'Testperson', forenames: 'Ada', original: null, script: 'LATIN', transliterations: [] },
    sex: 'FEMALE',
    nationalities: ['IS'],
  },
  redNotice: null,
  summary: 'test notice',
  provenance: provenance('IPSG'),
});

/** Notices requested by NCB-DE with NCB-ES as participant, in each publication state that limits them. */
const NOTICES = {
  requested: notice('A-9001/6-2026', { type: 'RED', status: 'REQUESTED', requestingNcb: 'NCB-DE', participants: ['NCB-ES'] }),
  cancelled: notice('A-9002/6-2026', { type: 'BLUE', status: 'CANCELLED', requestingNcb: 'NCB-DE', participants: ['NCB-ES'] }),
  silver: notice('A-9003/6-2026', { type: 'SILVER', status: 'PUBLISHED', requestingNcb: 'NCB-DE', participants: ['NCB-ES'] }),
  published: notice('A-9004/6-2026', { type: 'RED', status: 'PUBLISHED', requestingNcb: 'NCB-DE', participants: [] }),
};

const NAME = { familyName: 'Protected', forenames: 'Person', original: null, script: 'LATIN' as const, transliterations: [] };

/** A victim held in the analysis project AP-SYNERGY, owned by EUROPOL. */
const VICTIM: PersonEntryRecord = {
  _id: 'EU-PE-990001',
  projectCode: STORY.project,
  category: 'VICTIM',
  name: NAME,
  nationalities: ['IS'],
  provenance: provenance('EUROPOL'),
};
/** An informant and a witness in national cases, owned by NCB-FR and NCB-DE. */
const INFORMANT: NationalPersonRecord = {
  _id: 'FR-P-990002',
  caseFileId: STORY.stolenGbPassport.caseFileId,
  role: 'INFORMANT',
  name: NAME,
  nationalities: ['FR'],
  provenance: provenance('NCB-FR'),
};
const WITNESS: NationalPersonRecord = {
  _id: 'DE-P-990003',
  caseFileId: STORY.stolenVehicle.caseFileId,
  role: 'WITNESS',
  name: NAME,
  nationalities: ['DE'],
  provenance: provenance('NCB-DE'),
};

beforeAll(async () => {
  federation = await startTestFederation();
  const names = databaseNames(federation.databaseSuffix);
  const interpol = await connectDatabase(testDatabaseUri(), names.interpol);
  const models = createInterpolModels(interpol);
  await models.Sltd.insertMany([...Object.values(PASSPORTS), ...Object.values(EXISTENCE_ONLY), ...Object.values(HANDLED)]);
  await models.Notice.insertMany(Object.values(NOTICES));
  await interpol.close();
  const europol = await connectDatabase(testDatabaseUri(), names.europol);
  await createEuropolModels(europol).PersonEntry.insertMany([VICTIM]);
  await europol.close();
  const national = await connectDatabase(testDatabaseUri(), names.national);
  await createNationalModels(national).NationalPerson.insertMany([INFORMANT, WITNESS]);
  await national.close();
});
afterAll(() => federation.stop());

const ANALYST = (agency: string) => ({
  agency,
  roles: ['ANALYST' as const],
  purposes: ['CRIMINAL_INVESTIGATION', 'COUNTER_TERRORISM'] as Purpose[],
});

async function lookup(agency: string, number: string, purpose: Purpose = 'CRIMINAL_INVESTIGATION') {
  const { body } = await federation.queryAs<any>(
    ANALYST(agency),
    purpose,
    `{ travelDocument(issuingCountry: "IS", documentType: PASSPORT, number: "${number}") { sltd { id } } }`,
  );
  expect(body.errors).toBeUndefined();
  return body.data.travelDocument.sltd as { id: string } | null;
}

/** Every Icelandic record the agency can list, page by page (one record per page). */
async function listAll(agency: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const { body }: { body: any } = await federation.queryAs<any>(
      ANALYST(agency),
      'CRIMINAL_INVESTIGATION',
      `query($after: String) { sltdRecords(issuingCountry: "IS", first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(body.errors).toBeUndefined();
    pages++;
    ids.push(...body.data.sltdRecords.nodes.map((n: { id: string }) => n.id));
    if (!body.data.sltdRecords.pageInfo.hasNextPage) return { ids, pages };
    after = body.data.sltdRecords.pageInfo.endCursor;
  }
}

describe('owner restrictions', () => {
  /** Which of the first three passports each agency may see: by code, by group (NCB-GB and NCB-US are SAG), by allow-list. */
  const VISIBLE: Record<string, (keyof typeof PASSPORTS)[]> = {
    'NCB-ES': ['deniesSag'],
    'NCB-FR': ['deniesSpain', 'deniesSag'],
    'NCB-GB': ['deniesSpain'],
    'NCB-US': ['deniesSpain'],
    'NCB-DE': ['deniesSpain', 'deniesSag', 'onlyGermany'],
  };

  it.each(Object.entries(VISIBLE))('%s: lookups answer only the records released to it', async (agency, visible) => {
    for (const key of ['deniesSpain', 'deniesSag', 'onlyGermany'] as const) {
      const found = await lookup(agency, PASSPORTS[key].number);
      expect({ key, found: found?.id ?? null }).toEqual({ key, found: visible.includes(key) ? PASSPORTS[key]._id : null });
    }
  });

  it.each(Object.entries(VISIBLE))('%s: lists hold only released records, and paging counts only them', async (agency, visible) => {
    const { ids, pages } = await listAll(agency);
    expect(ids.sort()).toEqual(visible.map((key) => PASSPORTS[key]._id).sort());
    // One record per page and no empty trailing page: the database query itself was narrowed.
    expect(pages).toBe(Math.max(visible.length, 1));
  });
});

describe('publication state', () => {
  const query = `{ ${Object.entries(NOTICES)
    .map(([key, n]) => `${key}: notice(id: "${n._id}") { id }`)
    .join(' ')} }`;

  it.each([
    ['NCB-DE', 'the requesting NCB', ['requested', 'cancelled', 'silver', 'published']],
    ['NCB-ES', 'a participant', ['requested', 'cancelled', 'silver', 'published']],
    ['IPSG', 'the General Secretariat (owner)', ['requested', 'cancelled', 'silver', 'published']],
    ['NCB-FR', 'any other NCB', ['published']],
  ])('%s, %s, sees %j', async (agency, _who, visible) => {
    const { body } = await federation.queryAs<any>(ANALYST(agency), 'CRIMINAL_INVESTIGATION', query);
    expect(body.errors).toBeUndefined();
    const seen = Object.entries(body.data as Record<string, unknown>)
      .filter(([, value]) => value !== null)
      .map(([key]) => key);
    expect(seen.sort()).toEqual([...visible].sort());
  });

  it('a notice hidden by its state is not listed either', async () => {
    const list = async (agency: string) => {
      const { body } = await federation.queryAs<any>(
        ANALYST(agency),
        'CRIMINAL_INVESTIGATION',
        '{ notices(filter: { requestingNcb: "NCB-DE" }, first: 100) { nodes { id } } }',
      );
      return (body.data.notices.nodes as { id: string }[]).map((n) => n.id).filter((id) => id.startsWith('A-900'));
    };
    expect((await list('NCB-FR')).sort()).toEqual([NOTICES.published._id]);
    expect((await list('NCB-ES')).sort()).toEqual(
      Object.values(NOTICES)
        .map((n) => n._id)
        .sort(),
    );
  });
});

describe('purpose limitation', () => {
  it('a record is disclosed only for a purpose its owner allows', async () => {
    const { number, _id } = PASSPORTS.counterTerrorismOnly;
    expect(await lookup('NCB-FR', number, 'CRIMINAL_INVESTIGATION')).toBeNull();
    expect(await lookup('NCB-FR', number, 'COUNTER_TERRORISM')).toEqual({ id: _id });
  });
});

describe('retention', () => {
  it("a record due for review is in its owner's review queue, for its record administrators", async () => {
    const queue =
      '{ reviewQueue { owner interpolRecords { type id reviewDueAt retainUntil } nationalRecords { id } europolRecords { id } } }';
    const { body } = await federation.queryAs<any>({ agency: 'NCB-FR', roles: ['OWNER_ADMIN'] }, 'CRIMINAL_INVESTIGATION', queue);
    expect(body.errors).toBeUndefined();
    expect(body.data.reviewQueue.owner).toBe('NCB-FR');
    const interpol = body.data.reviewQueue.interpolRecords as { type: string; id: string; reviewDueAt: string; retainUntil: string }[];
    expect(interpol).toContainEqual({
      type: 'SltdRecord',
      id: 'SLTD-NO-3',
      reviewDueAt: DUE_FOR_REVIEW.reviewDueAt.toISOString(),
      retainUntil: DUE_FOR_REVIEW.retainUntil.toISOString(),
    });
    // Past retention: gone from the queue too.
    expect(interpol.map((r) => r.id)).not.toContain(PASSPORTS.pastRetention._id);
    for (const item of interpol) expect(new Date(item.reviewDueAt).getTime()).toBeLessThanOrEqual(Date.now());

    const other = await federation.queryAs<any>({ agency: 'NCB-DE', roles: ['OWNER_ADMIN'] }, 'CRIMINAL_INVESTIGATION', queue);
    expect(other.body.data.reviewQueue.interpolRecords.map((r: { id: string }) => r.id)).not.toContain('SLTD-NO-3');
    const analyst = await federation.queryAs<any>({ agency: 'NCB-FR', roles: ['ANALYST'] }, 'CRIMINAL_INVESTIGATION', queue);
    // Not an administrator: the queue is outside the analyst's schema, refused as unknown.
    expect(analyst.status).toBe(400);
    expect(analyst.body.data).toBeUndefined();
    expect(analyst.body.errors?.map((e: { message: string; extensions?: { code?: string } }) => [e.extensions?.code, e.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', 'Cannot query field "reviewQueue" on type "Query".'],
    ]);
  });

  it('a record past its retention date is served to no one, its owner included', async () => {
    for (const agency of ['NCB-FR', 'NCB-DE', 'IPSG']) expect(await lookup(agency, PASSPORTS.pastRetention.number)).toBeNull();
    expect((await listAll('NCB-FR')).ids).not.toContain(PASSPORTS.pastRetention._id);
  });
});

describe('data-subject categories', () => {
  const identity = '{ name { familyName } dateOfBirth nationalities }';
  async function read(caller: { agency: string; roles: Role[]; projects?: string[] }, query: string) {
    const { body } = await federation.queryAs<any>(caller, 'CRIMINAL_INVESTIGATION', query);
    const record = Object.values(body.data as Record<string, Record<string, unknown> | null>)[0];
    // A person the caller may not identify is answered hit/no-hit: existence and owner only.
    if (!record)
      return { hit: (body.errors?.[0]?.extensions?.hit as { owner?: string } | undefined)?.owner ?? null, body: JSON.stringify(body) };
    const reasons = [...new Set((body.errors ?? []).map((e) => e.extensions?.reason))];
    return { name: record.name ?? null, nationalities: record.nationalities ?? null, reasons };
  }
  const hitOnly = (owner: string) => ({ hit: owner, body: expect.not.stringMatching(/Protected|VICTIM|WITNESS|INFORMANT/) });

  it('a victim in an analysis project: hidden from analysts outside the project, shown to members and to the owner', async () => {
    const query = `{ personEntry(id: "${VICTIM._id}") { id category ${identity.slice(1, -1)} } }`;
    expect(await read({ agency: 'NCB-FR', roles: ['AP_ANALYST'] }, query)).toEqual(hitOnly('EUROPOL'));
    expect(await read({ agency: 'NCB-FR', roles: ['AP_ANALYST'], projects: [STORY.project] }, query)).toEqual({
      name: { familyName: 'Protected' },
      nationalities: ['IS'],
      reasons: [],
    });
    expect(await read({ agency: 'EUROPOL', roles: ['AP_ANALYST'] }, query)).toEqual({
      name: { familyName: 'Protected' },
      nationalities: ['IS'],
      reasons: [],
    });
  });

  it("an informant: hidden from everyone but the owner's source handlers", async () => {
    const query = `{ person(id: "${INFORMANT._id}") { id role ${identity.slice(1, -1)} } }`;
    expect(await read({ agency: 'NCB-FR', roles: ['ANALYST'] }, query)).toEqual(hitOnly('NCB-FR'));
    expect(await read({ agency: 'NCB-FR', roles: ['ANALYST', 'OWNER_ADMIN'] }, query)).toEqual(hitOnly('NCB-FR'));
    expect(await read({ agency: 'NCB-DE', roles: ['ANALYST', 'SOURCE_HANDLER'] }, query)).toEqual(hitOnly('NCB-FR'));
    expect(await read({ agency: 'NCB-FR', roles: ['ANALYST', 'SOURCE_HANDLER'] }, query)).toEqual({
      name: { familyName: 'Protected' },
      nationalities: ['FR'],
      reasons: [],
    });
  });

  it("a witness in a national case: shown to the case's owning bureau only", async () => {
    const query = `{ person(id: "${WITNESS._id}") { id role ${identity.slice(1, -1)} } }`;
    expect(await read({ agency: 'NCB-FR', roles: ['ANALYST'] }, query)).toEqual(hitOnly('NCB-DE'));
    expect(await read({ agency: 'NCB-DE', roles: ['ANALYST'] }, query)).toEqual({
      name: { familyName: 'Protected' },
      nationalities: ['DE'],
      reasons: [],
    });
  });
});

describe('hit/no-hit answers', () => {
  /** A document check; a frontline officer's schema has no circumstances, so its checks leave them out. */
  const check = (number: string, fields = 'id status circumstances') =>
    `{ travelDocument(issuingCountry: "NO", documentType: PASSPORT, number: "${number}") { sltd { ${fields} } } }`;

  it('a record marked existence-only for the caller answers matched, owner, contact point and reference, and nothing else', async () => {
    const { body } = await federation.queryAs<any>(
      { agency: 'NCB-FR', roles: ['FRONTLINE'] },
      'CRIMINAL_INVESTIGATION',
      check(EXISTENCE_ONLY.forFrance.number, 'id status'),
    );
    expect(body.data.travelDocument.sltd).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['travelDocument', 'sltd'],
        extensions: {
          code: 'HIT',
          hit: {
            matched: true,
            owner: 'NCB-GB',
            contactPoint: 'NCB London duty desk (I-24/7)',
            reference: expect.stringMatching(HIT_REFERENCE_PATTERN),
            advice: expect.stringContaining('Confirm with its owner'),
          },
        },
      }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/STOLEN|test record/);
    // The owner's own staff, and agencies it did not restrict, get the content.
    for (const agency of ['NCB-GB', 'NCB-DE']) {
      const other = await federation.queryAs<any>(
        { agency, roles: ['ANALYST'] },
        'CRIMINAL_INVESTIGATION',
        check(EXISTENCE_ONLY.forFrance.number),
      );
      expect(other.body.data.travelDocument.sltd).toEqual({ id: 'SLTD-NO-1', status: 'STOLEN', circumstances: expect.any(String) });
    }
  });

  it('the owner can list the match: who, when, for what purpose', async () => {
    await federation.queryAs<any>(
      { agency: 'NCB-FR', user: 'fr-match-1', roles: ['FRONTLINE'], purposes: ['BORDER_CONTROL'] },
      'BORDER_CONTROL',
      check(EXISTENCE_ONLY.forFrance.number, 'id status'),
    );
    const { body } = await federation.queryAs<any>(
      { agency: 'NCB-GB', roles: ['OWNER_ADMIN'] },
      'CRIMINAL_INVESTIGATION',
      '{ hitsOnOurRecords(recordId: "SLTD-NO-1") { nodes { kind agency user purpose recordType } } }',
    );
    expect(body.data.hitsOnOurRecords.nodes).toEqual(
      expect.arrayContaining([
        { kind: 'MATCH', agency: 'NCB-FR', user: 'fr-match-1', purpose: 'BORDER_CONTROL', recordType: 'SltdRecord' },
      ]),
    );
  });

  it('a purpose the owner does not allow gets no answer at all', async () => {
    const { body } = await federation.queryAs<any>(
      { agency: 'NCB-FR', roles: ['FRONTLINE'] },
      'CRIMINAL_INVESTIGATION',
      check(EXISTENCE_ONLY.forFranceCounterTerrorismOnly.number, 'id status'),
    );
    expect(body.data.travelDocument.sltd).toBeNull();
    expect(body.errors).toBeUndefined();
  });

  it('analysis-project data asked for by an agency outside the project answers hit/no-hit; participants get the content', async () => {
    const query = `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id category name { familyName } } }`;
    const outsider = await federation.queryAs<any>({ agency: 'NCB-GB', roles: ['AP_ANALYST'] }, 'CRIMINAL_INVESTIGATION', query);
    expect(outsider.body.data.personEntry).toBeNull();
    expect(outsider.body.errors?.[0]?.extensions).toEqual({
      code: 'HIT',
      hit: expect.objectContaining({
        matched: true,
        owner: 'EUROPOL',
        contactPoint: 'Europol Operational Centre (SIENA)',
        reference: expect.stringMatching(HIT_REFERENCE_PATTERN),
      }),
    });
    const participant = await federation.queryAs<any>({ agency: 'NCB-FR', roles: ['AP_ANALYST'] }, 'CRIMINAL_INVESTIGATION', query);
    expect(participant.body.errors).toBeUndefined();
    expect(participant.body.data.personEntry).toMatchObject({ id: STORY.redNotice.europolEntryId, category: expect.any(String) });
  });

  it('after the owner approves a release request, the requester sees the content with its handling code; a third agency still gets hit/no-hit', async () => {
    const entry = `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id category provenance { handling { code } } } }`;
    const requester = { agency: 'NCB-GB', user: 'gb-analyst-3', roles: ['AP_ANALYST' as const] };
    const hit = await federation.queryAs<any>(requester, 'CRIMINAL_INVESTIGATION', entry);
    const reference = (hit.body.errors?.[0]?.extensions?.hit as { reference: string }).reference;
    expect(reference).toMatch(HIT_REFERENCE_PATTERN);

    // Only a reference the agency was given can be asked for.
    const unmatched = await federation.queryAs<any>(
      { agency: 'NCB-ES', roles: ['AP_ANALYST'] },
      'CRIMINAL_INVESTIGATION',
      `mutation { requestRelease(reference: "${reference}", justification: "We would like to see this entry.") { id } }`,
    );
    expect(unmatched.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reference' });

    const requested = await federation.queryAs<any>(
      requester,
      'CRIMINAL_INVESTIGATION',
      `mutation { requestRelease(reference: "${reference}", justification: "Suspect crossed into the UK on 3 May; we need to identify him.") { id status owner } }`,
    );
    expect(requested.body.data.requestRelease).toMatchObject({ status: 'PENDING', owner: 'EUROPOL' });
    const { id } = requested.body.data.requestRelease as { id: string };

    // Nobody but the owner's administrators decides.
    const meddler = await federation.queryAs<any>(
      { agency: 'NCB-GB', roles: ['OWNER_ADMIN'] },
      'CRIMINAL_INVESTIGATION',
      `mutation { decideRelease(id: "${id}", approve: true) { status } }`,
    );
    expect(meddler.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const owner = { agency: 'EUROPOL', roles: ['OWNER_ADMIN' as const] };
    const pending = await federation.queryAs<any>(
      owner,
      'CRIMINAL_INVESTIGATION',
      '{ releaseRequestsToUs(status: PENDING) { nodes { id reference requesterAgency requesterUser justification } } }',
    );
    expect(pending.body.data.releaseRequestsToUs.nodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, reference, requesterAgency: 'NCB-GB', requesterUser: 'gb-analyst-3' })]),
    );
    const decided = await federation.queryAs<any>(
      owner,
      'CRIMINAL_INVESTIGATION',
      `mutation { decideRelease(id: "${id}", approve: true, conditions: "Not to be disseminated further.") { status conditions } }`,
    );
    expect(decided.body.data.decideRelease).toEqual({ status: 'APPROVED', conditions: 'Not to be disseminated further.' });

    // The gateway reads approvals with a short cache: within a few seconds the content is released.
    let released: any;
    for (const deadline = performance.now() + 30_000; performance.now() < deadline;) {
      released = await federation.queryAs<any>(requester, 'CRIMINAL_INVESTIGATION', entry);
      if (released.body.data.personEntry) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(released.body.errors).toBeUndefined();
    expect(released.body.data.personEntry).toEqual({
      id: STORY.redNotice.europolEntryId,
      category: expect.any(String),
      provenance: { handling: { code: 'H2' } },
    });
    // The owner's conditions for this release travel with the content.
    expect(released.body.extensions.handling).toEqual([
      expect.objectContaining({ id: STORY.redNotice.europolEntryId, code: 'H2', releaseConditions: 'Not to be disseminated further.' }),
    ]);

    const third = await federation.queryAs<any>({ agency: 'NCB-ES', roles: ['AP_ANALYST'] }, 'CRIMINAL_INVESTIGATION', entry);
    expect(third.body.data.personEntry).toBeNull();
    expect(third.body.errors?.[0]?.extensions?.code).toBe('HIT');
  });
});

describe('biometric checks', () => {
  it('a DNA profile check answers hit/no-hit only: owner, contact point and reference on a match, matched false otherwise', async () => {
    const check = (profile: string) => `{ biometricCheck(kind: DNA, profile: "${profile}") { matched } }`;
    const officer = { agency: 'NCB-DE', user: 'de-lab-1', roles: ['FRONTLINE' as const] };
    const { body } = await federation.queryAs<any>(officer, 'CRIMINAL_INVESTIGATION', check(STORY.dnaProfile));
    expect(body.data.biometricCheck).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['biometricCheck'],
        extensions: {
          code: 'HIT',
          hit: expect.objectContaining({
            matched: true,
            owner: 'NCB-FR',
            contactPoint: 'BCN Paris permanence (I-24/7)',
            reference: expect.stringMatching(HIT_REFERENCE_PATTERN),
          }),
        },
      }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/familyName|Haddad|الحداد/);
    const none = await federation.queryAs<any>(officer, 'CRIMINAL_INVESTIGATION', check('DNA-XX-0000-000000'));
    expect(none.body).toEqual({ data: { biometricCheck: { matched: false } } });
    // The owner sees the match among its hits.
    const hits = await federation.queryAs<any>(
      { agency: 'NCB-FR', roles: ['OWNER_ADMIN'] },
      'CRIMINAL_INVESTIGATION',
      `{ hitsOnOurRecords(recordId: "${STORY.redNotice.nationalPersonIds[0]}") { nodes { kind agency user } } }`,
    );
    expect(hits.body.data.hitsOnOurRecords.nodes).toEqual(expect.arrayContaining([{ kind: 'MATCH', agency: 'NCB-DE', user: 'de-lab-1' }]));
  });
});

describe('handling codes travel with the data', () => {
  it('each record in the response carries its handling code, conditions and TLP in extensions, whatever was asked', async () => {
    const query = `{ h1: travelDocument(issuingCountry: "NO", documentType: PASSPORT, number: "${HANDLED.notEvidence.number}") { sltd { status } }
      h3: travelDocument(issuingCountry: "NO", documentType: PASSPORT, number: "${HANDLED.conditioned.number}") { sltd { status } } }`;
    const { body } = await federation.queryAs<any>({ agency: 'NCB-FR', roles: ['FRONTLINE'] }, 'CRIMINAL_INVESTIGATION', query);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ h1: { sltd: { status: 'STOLEN' } }, h3: { sltd: { status: 'STOLEN' } } });
    expect((body as any).extensions.handling).toEqual(
      expect.arrayContaining([
        {
          type: 'SltdRecord',
          id: 'SLTD-NO-4',
          owner: 'NCB-GB',
          path: ['h1', 'sltd'],
          code: 'H1',
          codes: ['H1'],
          tlp: 'GREEN',
          conditions: null,
          evidentialUse: false,
        },
        {
          type: 'SltdRecord',
          id: 'SLTD-NO-5',
          owner: 'NCB-GB',
          path: ['h3', 'sltd'],
          code: 'H3',
          codes: ['H3'],
          tlp: 'AMBER',
          conditions: 'Not to be passed to third countries.',
          evidentialUse: true,
        },
      ]),
    );
  });
});

describe('STIX 2.1 export', () => {
  const exportUrl = () => federation.gatewayUrl.replace(/\/graphql$/, '/export/stix');
  async function exportAs(caller: { agency: string; roles: Role[] }, body: Record<string, unknown>) {
    const token = await mintAgencyToken({ identity: federation.identity, ...caller });
    const response = await fetch(exportUrl(), {
      method: 'POST',
      headers: { ...callerHeaders(token, 'CRIMINAL_INVESTIGATION'), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as any };
  }
  const document = (number: string) =>
    `{ travelDocument(issuingCountry: "NO", documentType: PASSPORT, number: "${number}") { sltd { id status provenance { owner restrictions { deniedAgencies } } } } }`;

  it("carries the record's TLP marking, its handling statement, and a granular marking on each restricted field", async () => {
    const { status, contentType, body } = await exportAs(
      { agency: 'NCB-GB', roles: ['ANALYST'] },
      { query: document(HANDLED.conditioned.number) },
    );
    expect(status).toBe(200);
    expect(contentType).toContain('application/stix+json');
    expect(body.type).toBe('bundle');
    const objects = body.objects as Record<string, any>[];
    const record = objects.find((o) => o.type === 'x-intel-record')!;
    expect(record).toMatchObject({ spec_version: '2.1', x_record_type: 'SltdRecord', x_record_id: 'SLTD-NO-5', x_status: 'STOLEN' });
    const amber = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
    expect(record.object_marking_refs).toContain(amber);
    expect(objects.find((o) => o.id === amber)).toMatchObject({ type: 'marking-definition', name: 'TLP:AMBER' });
    const statement = objects.find((o) => record.object_marking_refs.includes(o.id) && o.definition_type === 'statement');
    expect(statement!.definition.statement).toMatch(/^H3: .*Conditions: Not to be passed to third countries\.$/);
    // provenance.restrictions is shown to the owner only: it travels with a granular marking.
    expect(record.granular_markings).toEqual([
      { marking_ref: expect.stringMatching(/^marking-definition--/), selectors: expect.arrayContaining(['x_provenance.restrictions']) },
    ]);
    expect(record.granular_markings[0].selectors).not.toContain('x_status');
    expect(objects.find((o) => o.id === record.granular_markings[0].marking_ref)).toMatchObject({ definition_type: 'statement' });
  });

  it.each([
    [
      'H2 content',
      { agency: 'NCB-FR', roles: ['AP_ANALYST'] as Role[] },
      `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id category } }`,
      { type: 'PersonEntry', code: 'H2' },
    ],
    [
      'TLP:AMBER+STRICT content',
      { agency: 'NCB-GB', roles: ['ANALYST'] as Role[] },
      document(HANDLED.strict.number),
      { type: 'SltdRecord', tlp: 'AMBER_STRICT' },
    ],
  ])('%s is not exported to another agency, but may be exported for the caller itself', async (_what, caller, query, blocked) => {
    const refused = await exportAs(caller, { query, recipient: 'NCB-DE' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'EXPORT_REFUSED',
      recipient: 'NCB-DE',
      records: [expect.objectContaining(blocked)],
    });
    expect(JSON.stringify(refused.body)).not.toContain('x-intel-record');
    const own = await exportAs(caller, { query });
    expect(own.status).toBe(200);
    expect(own.body.objects.some((o: { type: string }) => o.type === 'x-intel-record')).toBe(true);
  });

  it("is refused for a recipient its owner's release rules would not release the record to, and for an agency nobody registered", async () => {
    const deniesSpain = `{ travelDocument(issuingCountry: "IS", documentType: PASSPORT, number: "${PASSPORTS.deniesSpain.number}") { sltd { id status } } }`;
    const gb = { agency: 'NCB-GB', roles: ['ANALYST'] as Role[] };
    const refused = await exportAs(gb, { query: deniesSpain, recipient: 'NCB-ES' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions).toEqual({
      code: 'EXPORT_REFUSED',
      recipient: 'NCB-ES',
      records: [{ type: 'SltdRecord', id: PASSPORTS.deniesSpain._id, owner: 'NCB-IS', stoppedBy: 'RELEASE_RULES' }],
    });
    // Which rule stopped it is not said: the owner's restrictions are the owner's to read.
    expect(JSON.stringify(refused.body)).not.toMatch(/deniedAgencies|x-intel-record/);
    // Only NCB-DE may have NCB-IS's other passport.
    const onlyGermany = `{ travelDocument(issuingCountry: "IS", documentType: PASSPORT, number: "${PASSPORTS.onlyGermany.number}") { sltd { id } } }`;
    expect((await exportAs({ agency: 'NCB-DE', roles: ['ANALYST'] }, { query: onlyGermany, recipient: 'NCB-FR' })).status).toBe(403);
    expect((await exportAs({ agency: 'NCB-DE', roles: ['ANALYST'] }, { query: onlyGermany, recipient: 'NCB-DE' })).status).toBe(200);
    const allowed = await exportAs(gb, { query: deniesSpain, recipient: 'NCB-DE' });
    expect(allowed.status).toBe(200);
    expect(allowed.body.objects.some((o: { type: string }) => o.type === 'x-intel-record')).toBe(true);
    const unknown = await exportAs(gb, { query: deniesSpain, recipient: 'NCB-ZZ' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'recipient' });
  });

  it('is refused, failing closed, for a notice or project data (released on more than provenance) unless the recipient is the owner', async () => {
    const fr = { agency: 'NCB-FR', roles: ['ANALYST'] as Role[] };
    const redNotice = `{ notice(id: "${STORY.redNotice.id}") { id type } }`;
    const refused = await exportAs(fr, { query: redNotice, recipient: 'NCB-DE' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.records).toEqual([
      { type: 'Notice', id: STORY.redNotice.id, owner: 'IPSG', stoppedBy: 'RELEASE_RULES' },
    ]);
    expect((await exportAs(fr, { query: redNotice, recipient: 'IPSG' })).status).toBe(200);
  });

  it('is refused for a person the caller may identify but no user of the recipient could (a witness)', async () => {
    const witness = `{ person(id: "${WITNESS._id}") { id role } }`;
    const de = { agency: 'NCB-DE', roles: ['ANALYST'] as Role[] };
    const own = await exportAs(de, { query: witness });
    expect(own.status).toBe(200);
    const refused = await exportAs(de, { query: witness, recipient: 'NCB-FR' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.records).toEqual([
      { type: 'NationalPerson', id: WITNESS._id, owner: 'NCB-DE', stoppedBy: 'RELEASE_RULES' },
    ]);
  });

  it("leaves the caller's hit/no-hit answers out of a bundle for another agency", async () => {
    const fr = { agency: 'NCB-FR', roles: ['ANALYST'] as Role[] };
    const query = `{ hit: travelDocument(issuingCountry: "NO", documentType: PASSPORT, number: "${EXISTENCE_ONLY.forFrance.number}") { sltd { id } } released: travelDocument(issuingCountry: "IS", documentType: PASSPORT, number: "${PASSPORTS.deniesSpain.number}") { sltd { id } } }`;
    const own = await exportAs(fr, { query });
    expect(own.status).toBe(200);
    expect(own.body.x_errors?.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['HIT']);
    const forwarded = await exportAs(fr, { query, recipient: 'NCB-DE' });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.x_errors).toBeUndefined();
    expect(JSON.stringify(forwarded.body)).not.toMatch(/NCB-GB|HIT-/);
    expect(forwarded.body.objects.some((o: { x_record_id?: string }) => o.x_record_id === PASSPORTS.deniesSpain._id)).toBe(true);
  });

  it('refuses a body that is not JSON, and answers nothing without a token', async () => {
    const token = await mintAgencyToken({ identity: federation.identity, agency: 'NCB-GB', roles: ['ANALYST'] });
    const form = await fetch(exportUrl(), {
      method: 'POST',
      headers: { ...callerHeaders(token, 'CRIMINAL_INVESTIGATION'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=x',
    });
    expect(form.status).toBe(415);
    const anonymous = await fetch(exportUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document(HANDLED.conditioned.number) }),
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('STOLEN');
  });
});

it('the gateway checks the release rules again: a record a subgraph should not have returned withholds the whole answer', async () => {
  // A subgraph gone wrong: a proxy in front of interpol marks every record as denying NCB-FR.
  const interpol = federation.subgraphs.interpol;
  const proxy = await startSubgraphProxy(interpol.url, {
    transform: (answer) => answer.replaceAll('"deniedAgencies":[]', '"deniedAgencies":["NCB-FR"]'),
  });
  const { gateway, url } = await startExtraGateway(federation, { subgraphUrls: { interpol: proxy.url } });
  try {
    const token = await mintAgencyToken({ identity: federation.identity, agency: 'NCB-FR', roles: ['ANALYST'] });
    const { body } = await postGraphQL(
      url,
      `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status } } }`,
      undefined,
      callerHeaders(token, 'CRIMINAL_INVESTIGATION'),
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('ANSWER_WITHHELD');
    expect(JSON.stringify(body)).not.toContain('STOLEN');
  } finally {
    await gateway.stop();
    await proxy.close();
  }
});
