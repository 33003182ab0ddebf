import type { Connection } from 'mongoose';
import { connectDatabase } from '@intel-gateway/shared/database';
import { type CallerContext, CLEARANCES, type Role } from '@intel-gateway/shared/identity';
import { isReleasedTo, releasableRecords } from '@intel-gateway/shared/policy';
import { CLASSIFICATIONS, type Provenance, type Purpose, PURPOSES } from '@intel-gateway/shared/records';
import { databaseNames, DEV_AGENCIES } from '@intel-gateway/tools';
import { loadTestConfig } from './config';
import { startTestFederation, testDatabaseUri, type TestFederation } from './harness';
import { randomSource } from './randomSource';

/**
 * A randomized property test of the sharing rules. Seeded data gets random restrictions,
 * purposes, retention dates, classifications and publication states; then random callers
 * (agency, roles, purposes, clearance) run random list operations, and every answer is
 * compared, both ways, with an oracle written here from the rules: no record the rules
 * forbid comes back, every record they allow does, and a record's sharing conditions show
 * only to its owner. The rule's two forms, the subgraphs' database filter and the
 * gateway's predicate, are also compared record by record.
 *
 * The seed is printed on failure; PROPERTY_SEED=<n> replays a run.
 */
const SEED = loadTestConfig().PROPERTY_SEED;
const RUNS = 120;

type Stored = { _id: string; provenance: Provenance } & Record<string, unknown>;
const NAMES = [...DEV_AGENCIES.map((a) => a.code), 'EU', 'SAG'];
/** The agencies whose staff read records (the operator's agency grants only audit oversight). */
const RECORD_AGENCIES = DEV_AGENCIES.filter((a) => a.kind !== 'OPERATOR');
const NOW = new Date();

let federation: TestFederation;
const connections: Connection[] = [];
const stored: Record<'sltd' | 'notices' | 'caseFiles' | 'persons' | 'projects', Stored[]> = {
  sltd: [],
  notices: [],
  caseFiles: [],
  persons: [],
  projects: [],
};

/** Gives a fraction of the records random sharing conditions, then reads every record back as the truth. */
beforeAll(async () => {
  federation = await startTestFederation({ seedSize: 200 });
  const names = databaseNames(federation.databaseSuffix);
  const open = async (name: string) => {
    const connection = await connectDatabase(testDatabaseUri(), name);
    connections.push(connection);
    return connection;
  };
  const interpol = await open(names.interpol);
  const national = await open(names.national);
  const europol = await open(names.europol);
  const random = randomSource(SEED);
  const collections = {
    sltd: interpol.collection('sltd'),
    notices: interpol.collection('notices'),
    caseFiles: national.collection('caseFiles'),
    persons: europol.collection('personEntries'),
  };
  for (const [kind, collection] of Object.entries(collections)) {
    const records = await collection.find({}, { projection: { _id: 1 } }).toArray();
    const updates = records
      .filter(() => random.chance(0.5))
      .map((record) => {
        const set: Record<string, unknown> = {
          'provenance.restrictions.deniedAgencies': random.some(NAMES, 2),
          'provenance.restrictions.allowedAgencies': random.chance(0.2) ? random.some(NAMES, 2) : [],
          'provenance.restrictions.existenceOnlyAgencies': random.chance(0.15) ? random.some(NAMES, 1) : [],
        };
        if (random.chance(0.2)) set['provenance.purposes'] = random.some(PURPOSES, 2);
        if (random.chance(0.1)) set['provenance.retainUntil'] = new Date(NOW.getTime() - 86_400_000);
        if (random.chance(0.4)) set['provenance.classification'] = random.pick(CLASSIFICATIONS);
        if (kind === 'notices') {
          set.status = random.pick(['PUBLISHED', 'PUBLISHED', 'REQUESTED', 'CANCELLED']);
          if (random.chance(0.1)) set.type = 'SILVER';
        }
        return { updateOne: { filter: { _id: record._id }, update: { $set: set } } };
      });
    if (updates.length > 0) await collection.bulkWrite(updates);
    stored[kind as keyof typeof collections] = (await collection.find({}).toArray()) as unknown as Stored[];
  }
  stored.projects = (await europol.collection('analysisProjects').find({}).toArray()) as unknown as Stored[];
}, 120_000);
afterAll(async () => {
  for (const connection of connections) await connection.close();
  await federation.stop();
});

interface Caller {
  agency: string;
  groups: string[];
  kind: string;
  roles: Role[];
  purpose: Purpose;
  /** The clearance the gateway counts: the token's claim, capped by the agency's registry maximum. */
  clearance: (typeof CLEARANCES)[number];
}

/** The oracle: the sharing rules, written out once more, independently of the code under test. */
function releasable(record: Stored, caller: Caller): boolean {
  const p = record.provenance;
  if (new Date(p.retainUntil) <= NOW) return false;
  if (CLASSIFICATIONS.indexOf(p.classification) > CLEARANCES.indexOf(caller.clearance)) return false;
  if (p.owner === caller.agency) return true;
  const names = [caller.agency, ...caller.groups];
  const names_ = (list: string[]) => list.some((n) => names.includes(n));
  if (names_(p.restrictions.deniedAgencies) || names_(p.restrictions.existenceOnlyAgencies)) return false;
  if (p.restrictions.allowedAgencies.length > 0 && !names_(p.restrictions.allowedAgencies)) return false;
  return p.purposes.includes(caller.purpose);
}
function noticeVisible(notice: Stored, caller: Caller): boolean {
  if (!releasable(notice, caller)) return false;
  const published = (notice.status === 'PUBLISHED' || notice.status === 'EXPIRED') && notice.type !== 'SILVER';
  return (
    published ||
    notice.requestingNcb === caller.agency ||
    (notice.participants as string[]).includes(caller.agency) ||
    notice.provenance.owner === caller.agency
  );
}
function personVisible(person: Stored, caller: Caller): boolean {
  const project = stored.projects.find((p) => p._id === person.projectCode);
  const participates =
    person.provenance.owner === caller.agency || (!!project && (project.participants as string[]).includes(caller.agency));
  return releasable(person, caller) && participates && identifiable(person, caller);
}
/** A victim or witness is listed only to its owner (these callers are members of no project), an informant only to the owner's source handlers. */
function identifiable(person: Stored, caller: Caller): boolean {
  const owner = person.provenance.owner === caller.agency;
  if (person.category === 'INFORMANT') return owner && caller.roles.includes('SOURCE_HANDLER');
  if (person.category === 'VICTIM' || person.category === 'WITNESS') return owner;
  return true;
}
const hasAny = (caller: Caller, roles: Role[]) => caller.roles.some((r) => roles.includes(r));

/** Each operation: the query, who the field policy lets run it, and which stored records it should list. */
const OPERATIONS = {
  sltd: (country: string) => ({
    query: `{ sltdRecords(issuingCountry: "${country}", first: 100) { nodes { id provenance { owner restrictions { deniedAgencies } } } } }`,
    nodes: (data: any) => data.sltdRecords.nodes as { id: string; provenance: { owner: string; restrictions: unknown } }[],
    allowed: (c: Caller) => hasAny(c, ['NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER']),
    expected: (c: Caller) => stored.sltd.filter((r) => r.issuingCountry === country && releasable(r, c)),
  }),
  notices: (requestingNcb: string) => ({
    query: `{ notices(filter: { requestingNcb: "${requestingNcb}" }, first: 100) { nodes { id } } }`,
    nodes: (data: any) => data.notices.nodes as { id: string }[],
    allowed: (c: Caller) => hasAny(c, ['FRONTLINE', 'NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER']),
    expected: (c: Caller) => stored.notices.filter((n) => n.requestingNcb === requestingNcb && noticeVisible(n, c)),
  }),
  caseFiles: (owner: string) => ({
    query: `{ caseFiles(owner: "${owner}", first: 100) { nodes { id } } }`,
    nodes: (data: any) => data.caseFiles.nodes as { id: string }[],
    allowed: (c: Caller) => ['NCB', 'REGIONAL_AGENCY'].includes(c.kind) && hasAny(c, ['NCB_OPERATOR', 'ANALYST', 'OWNER_ADMIN']),
    expected: (c: Caller) => stored.caseFiles.filter((r) => r.provenance.owner === owner && releasable(r, c)),
  }),
  projectPersons: (code: string) => ({
    query: `{ analysisProject(code: "${code}") { persons(first: 100) { nodes { id } } } }`,
    nodes: (data: any) => (data.analysisProject?.persons.nodes ?? []) as { id: string }[],
    allowed: (c: Caller) => hasAny(c, ['AP_ANALYST']) || (c.kind === 'REGIONAL_AGENCY' && hasAny(c, ['OWNER_ADMIN'])),
    expected: (c: Caller) =>
      releasable(
        stored.projects.find((p) => p._id === code)!,
        c,
      )
        ? stored.persons.filter((r) => r.projectCode === code && personVisible(r, c))
        : [],
  }),
};

it(`holds for ${RUNS} random callers and operations (seed ${SEED})`, async () => {
  const random = randomSource(SEED + 1);
  const countries = [...new Set(stored.sltd.map((r) => r.issuingCountry as string))];
  const requesters = [...new Set(stored.notices.map((n) => n.requestingNcb as string))];
  const owners = [...new Set(stored.caseFiles.map((c) => c.provenance.owner))];
  const projects = stored.projects.map((p) => p._id);
  let checkedRecords = 0;
  for (let run = 0; run < RUNS; run++) {
    const agency = random.pick(RECORD_AGENCIES);
    const claimed = random.pick(CLEARANCES);
    const clearance = CLEARANCES[Math.min(CLEARANCES.indexOf(claimed), CLEARANCES.indexOf(agency.maxClearance))]!;
    const roles = random.some(['FRONTLINE', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'NCB_OPERATOR'] as Role[], 2);
    if (roles.length === 0) roles.push('ANALYST');
    const purposes = random.some(PURPOSES, 3);
    if (purposes.length === 0) purposes.push('CRIMINAL_INVESTIGATION');
    const caller: Caller = {
      agency: agency.code,
      groups: [...agency.groups],
      kind: agency.kind,
      roles,
      purpose: random.pick(purposes),
      clearance,
    };
    const kind = random.pick(Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]);
    const operation = OPERATIONS[kind](
      random.pick(kind === 'sltd' ? countries : kind === 'notices' ? requesters : kind === 'caseFiles' ? owners : projects),
    );
    const { body } = await federation.queryAs<any>(
      { agency: caller.agency, roles, purposes, clearance: claimed },
      caller.purpose,
      operation.query,
    );
    const context = `run ${run} (seed ${SEED}): ${JSON.stringify(caller)} (clearance claimed ${claimed}) ${operation.query}`;

    if (!operation.allowed(caller)) {
      // Denied by role or agency: outside the caller's schema, so refused as unknown, with no data.
      expect({ context, data: body.data, codes: (body.errors ?? []).map((e) => e.extensions?.code) }).toEqual({
        context,
        data: undefined,
        codes: ['GRAPHQL_VALIDATION_FAILED'],
      });
      continue;
    }
    const errors = (body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN' || !e.path?.includes('restrictions'));
    expect({ context, errors }).toEqual({ context, errors: [] });
    const returned = operation.nodes(body.data);
    const expected = operation.expected(caller).map((r) => r._id);
    expect({ context, ids: returned.map((n) => n.id).sort() }).toEqual({ context, ids: [...expected].sort() });
    for (const node of returned) {
      if ('provenance' in node) {
        const own = (node as { provenance: { owner: string; restrictions: unknown } }).provenance.owner === caller.agency;
        expect({
          context,
          id: node.id,
          restrictionsShown: (node as { provenance: { restrictions: unknown } }).provenance.restrictions !== null,
        }).toEqual({ context, id: node.id, restrictionsShown: own });
      }
    }
    checkedRecords += returned.length;
  }
  // The runs must have exercised something: records were listed, and restrictions were in play.
  expect(checkedRecords).toBeGreaterThan(100);
  expect(stored.sltd.filter((r) => r.provenance.restrictions.deniedAgencies.length > 0).length).toBeGreaterThan(10);
  expect(
    [...stored.sltd, ...stored.notices, ...stored.caseFiles, ...stored.persons].filter((r) => r.provenance.classification !== 'RESTRICTED')
      .length,
  ).toBeGreaterThan(10);
});

it('the database filter and the gateway predicate are one rule: they agree on every stored record, for random callers', async () => {
  const random = randomSource(SEED + 2);
  const names = databaseNames(federation.databaseSuffix);
  const interpol = connections.find((c) => c.name === names.interpol)!;
  let releasedSeen = 0;
  let withheldByClearance = 0;
  for (let run = 0; run < 40; run++) {
    const agency = random.pick(RECORD_AGENCIES);
    const caller: CallerContext = {
      principal: {
        user: 'property',
        agency: agency.code,
        agencyKind: agency.kind,
        agencyGroups: [...agency.groups],
        country: agency.country,
        roles: ['ANALYST'],
        clearance: random.pick(CLEARANCES),
        purposes: [...PURPOSES],
        projects: [],
      },
      purpose: random.pick(PURPOSES),
    };
    // Records released to the caller on request, as the subgraph's filter and the gateway's grant lookup each state them.
    const releasedIds = random.chance(0.3)
      ? random.some(
          stored.sltd.map((r) => r._id),
          5,
        )
      : [];
    const filtered = (
      await interpol
        .collection('sltd')
        .find(releasableRecords(caller, { _id: { $in: releasedIds } }, NOW), { projection: { _id: 1 } })
        .toArray()
    )
      .map((r) => String(r._id))
      .sort();
    const predicate = stored.sltd
      .filter((r) => isReleasedTo({ id: r._id, provenance: r.provenance, releasedOnRequest: releasedIds.includes(r._id) }, caller, NOW))
      .map((r) => r._id)
      .sort();
    expect({ run, caller, ids: filtered }).toEqual({ run, caller, ids: predicate });
    releasedSeen += predicate.length;
    withheldByClearance += stored.sltd.filter(
      (r) =>
        isReleasedTo(
          { id: r._id, provenance: r.provenance },
          { ...caller, principal: { ...caller.principal, clearance: 'SECRET' } },
          NOW,
        ) && !predicate.includes(r._id),
    ).length;
  }
  expect(releasedSeen).toBeGreaterThan(100);
  expect(withheldByClearance).toBeGreaterThan(10);
});
