import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import type { Connection } from 'mongoose';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { Role } from '@intel-gateway/shared/identity';
import { nameMatchKeys } from '@intel-gateway/shared/names';
import { HIT_REFERENCE_PATTERN } from '@intel-gateway/shared/policy';
import { CLASSIFICATIONS, type Provenance, type Purpose, PURPOSES } from '@intel-gateway/shared/records';
import { databaseNames, DEV_AGENCIES, STORY, supergraphPath } from '@intel-gateway/tools';
import { loadTestConfig } from './config';
import { startTestFederation, testDatabaseUri, type TestFederation } from './harness';
import { randomSource } from './randomSource';

/**
 * A randomized property test of what can be inferred: seeded persons get random
 * roles and categories (victims, witnesses and informants with names of their own), random
 * sharing conditions; then random callers (agency, roles, clearance, projects, purpose) run
 * operations generated from the API schema, one root field after another, following entity
 * edges a few levels deep (the run checks that it followed every edge of every type it reached,
 * and every edge leading to a person). Every answer is compared with an oracle written here from
 * the stored records and the rules (not from the gateway's code):
 *
 * - no person-like record (national case person, project person entry) the caller may not
 *   identify, or that is not released to it, appears anywhere: not its id, not its name,
 *   not in an error message;
 * - a hit's reference is an opaque handle that names no record;
 * - a person search counts only what it lists, and lists each visible person it should;
 * - a notice's and a case file's persons are exactly those the caller may see and identify
 *   (when the caller's rules allow the field and its clearance covers them).
 *
 * `PROPERTY_RUNS` sets the number of operations (default keeps `npm test` short);
 * `PROPERTY_SEED` replays a run. The seed is printed with any failure.
 */
const { PROPERTY_RUNS: RUNS, PROPERTY_SEED: SEED } = loadTestConfig();
const MAX_DEPTH = 4;

const random = randomSource(SEED);

type Stored = { _id: string; provenance: Provenance } & Record<string, any>;
const NAMES = [...DEV_AGENCIES.map((a) => a.code), 'EU', 'SAG'];
const PROTECTED = ['VICTIM', 'WITNESS', 'INFORMANT'] as const;
const ROLES: Role[] = ['FRONTLINE', 'NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER', 'AUDITOR'];
const NOW = new Date();

let federation: TestFederation;
let schema: GraphQLSchema;
const connections: Connection[] = [];
const stored = {
  persons: [] as Stored[],
  entries: [] as Stored[],
  notices: [] as Stored[],
  caseFiles: [] as Stored[],
  projects: [] as Stored[],
  sltd: [] as Stored[],
  smv: [] as Stored[],
  firearms: [] as Stored[],
  wanted: [] as Stored[],
  diffusions: [] as Stored[],
  objects: [] as Stored[],
  contributions: [] as Stored[],
};

/** A family name of letters only, unlike any seeded one, so that it can be looked for in any answer. */
function uniqueName(index: number): string {
  const syllables = ['vor', 'qua', 'zel', 'trin', 'mok', 'shu', 'pla', 'dex', 'rom', 'kiv'];
  return `Xq${syllables[index % 10]}${syllables[Math.floor(index / 10) % 10]}${syllables[Math.floor(index / 100) % 10]}ith`;
}

beforeAll(async () => {
  federation = await startTestFederation({ seedSize: 200 });
  schema = Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();
  const names = databaseNames(federation.databaseSuffix);
  const open = async (name: string) => {
    const connection = await connectDatabase(testDatabaseUri(), name);
    connections.push(connection);
    return connection;
  };
  const interpol = await open(names.interpol);
  const national = await open(names.national);
  const europol = await open(names.europol);
  let named = 0;
  // Persons: random role or category, a name of their own when protected, random sharing conditions.
  for (const [collection, field] of [
    [national.collection('persons'), 'role'],
    [europol.collection('personEntries'), 'category'],
  ] as const) {
    const records = await collection.find({}, { projection: { _id: 1, name: 1 } }).toArray();
    const updates = records
      .filter(() => random.chance(0.5))
      .map((record) => {
        const set: Record<string, unknown> = {};
        if (random.chance(0.6)) {
          set[field] = random.pick(PROTECTED);
          const name = {
            ...(record.name as Record<string, unknown>),
            familyName: uniqueName(named++),
            forenames: 'Ilse',
            original: null,
            script: 'LATIN',
            transliterations: [] as string[],
          };
          name.transliterations = [`Ilse ${name.familyName}`];
          set.name = { ...name, matchKeys: nameMatchKeys(name) };
        }
        if (random.chance(0.3)) {
          set['provenance.restrictions.deniedAgencies'] = random.some(NAMES, 2);
          set['provenance.restrictions.existenceOnlyAgencies'] = random.chance(0.2) ? random.some(NAMES, 1) : [];
        }
        if (random.chance(0.1)) set['provenance.purposes'] = random.some(PURPOSES, 2);
        return { updateOne: { filter: { _id: record._id }, update: { $set: set } } };
      });
    if (updates.length > 0) await collection.bulkWrite(updates);
  }
  const all = (connection: Connection, name: string) => connection.collection(name).find({}).toArray() as unknown as Promise<Stored[]>;
  Object.assign(stored, {
    persons: await all(national, 'persons'),
    caseFiles: await all(national, 'caseFiles'),
    wanted: await all(national, 'wantedPersons'),
    entries: await all(europol, 'personEntries'),
    projects: await all(europol, 'analysisProjects'),
    objects: await all(europol, 'objectEntries'),
    contributions: await all(europol, 'contributions'),
    notices: await all(interpol, 'notices'),
    sltd: await all(interpol, 'sltd'),
    smv: await all(interpol, 'smv'),
    firearms: await all(interpol, 'firearms'),
    diffusions: await all(interpol, 'diffusions'),
  });
}, 180_000);
afterAll(async () => {
  for (const connection of connections) await connection.close();
  await federation.stop();
});

interface Caller {
  agency: string;
  kind: string;
  groups: string[];
  user: string;
  roles: Role[];
  clearance: (typeof CLASSIFICATIONS)[number];
  projects: string[];
  purpose: Purpose;
}

// ---- The oracle: the rules, written out once more from the stored records. ----

function releasable(record: Stored, caller: Caller): boolean {
  const p = record.provenance;
  if (new Date(p.retainUntil) <= NOW) return false;
  if (p.owner === caller.agency) return true;
  const names = [caller.agency, ...caller.groups];
  const named = (list: string[]) => list.some((n) => names.includes(n));
  if (named(p.restrictions.deniedAgencies) || named(p.restrictions.existenceOnlyAgencies)) return false;
  if (p.restrictions.allowedAgencies.length > 0 && !named(p.restrictions.allowedAgencies)) return false;
  return p.purposes.includes(caller.purpose);
}
const withinClearance = (record: Stored, caller: Caller) =>
  CLASSIFICATIONS.indexOf(record.provenance.classification) <= CLASSIFICATIONS.indexOf(caller.clearance);

/** May the caller learn that this person exists, and in which role? */
function identifiable(person: Stored, category: string, caller: Caller): boolean {
  const owner = person.provenance.owner === caller.agency;
  if (category === 'INFORMANT') return owner && caller.roles.includes('SOURCE_HANDLER');
  if (category === 'VICTIM' || category === 'WITNESS') {
    const project = person.projectCode ? stored.projects.find((p) => p._id === person.projectCode) : undefined;
    return owner || (!!project && caller.projects.includes(project._id) && releasable(project, caller));
  }
  return true;
}
function nationalPersonVisible(person: Stored, caller: Caller): boolean {
  return releasable(person, caller) && identifiable(person, person.role, caller);
}
function entryVisible(entry: Stored, caller: Caller): boolean {
  const project = stored.projects.find((p) => p._id === entry.projectCode);
  const participates =
    entry.provenance.owner === caller.agency || (!!project && (project.participants as string[]).includes(caller.agency));
  return releasable(entry, caller) && participates && identifiable(entry, entry.category, caller);
}

// ---- Operations generated from the API schema. ----

const str = (value: string) => JSON.stringify(value);
/** The person whose name the last generated search asked for. */
let searched: Stored | undefined;
/** Arguments for a root field, from a random seeded record; null when the field has required arguments this table does not know. */
function rootArguments(field: string, caller: Caller): string | null {
  const any = <T>(items: T[]) => random.pick(items);
  switch (field) {
    case 'notice':
      return `(id: ${str(any(stored.notices)._id)})`;
    case 'notices':
      return '(first: 40)';
    case 'diffusion':
      return `(id: ${str(any(stored.diffusions)._id)})`;
    case 'diffusions':
      return `(senderNcb: ${str(any(stored.diffusions).senderNcb)}, first: 10)`;
    case 'travelDocument': {
      const d = any(stored.sltd);
      return `(issuingCountry: ${str(d.issuingCountry)}, documentType: ${d.documentType}, number: ${str(d.number)})`;
    }
    case 'sltdRecords':
      return `(issuingCountry: ${str(any(stored.sltd).issuingCountry)}, first: 10)`;
    case 'vehicle':
      return `(vin: ${str(any(stored.smv).vin)})`;
    case 'firearm': {
      const f = any(stored.firearms);
      return `(make: ${str(f.make)}, serialNumber: ${str(f.serialNumber)})`;
    }
    case 'stolenWorksOfArt':
      return '(first: 5)';
    case 'caseFile':
      return `(id: ${str(any(stored.caseFiles)._id)})`;
    case 'caseFiles':
      return `(owner: ${str(any(stored.caseFiles).provenance.owner)}, first: 10)`;
    case 'person':
      return `(id: ${str(any(stored.persons)._id)})`;
    case 'requestsForAssistance':
      return `(ncb: ${str(caller.agency)}, direction: ${random.pick(['SENT', 'RECEIVED'])}, first: 10)`;
    case 'wantedList':
      return `(owner: ${str(any(stored.wanted).provenance.owner)}, first: 20)`;
    case 'biometricCheck': {
      const holder =
        stored.persons.find((p) => (p.biometrics ?? []).length > 0 && random.chance(0.3)) ??
        stored.persons.find((p) => (p.biometrics ?? []).length > 0);
      return `(kind: ${holder!.biometrics[0].kind}, profile: ${str(holder!.biometrics[0].profile)})`;
    }
    case 'analysisProject':
      return `(code: ${str(any(stored.projects)._id)})`;
    case 'analysisProjects':
      return '(first: 10)';
    case 'personEntry':
      return `(id: ${str(any(stored.entries)._id)})`;
    case 'objectEntry':
      return `(id: ${str(any(stored.objects)._id)})`;
    case 'contribution':
      return `(id: ${str(any(stored.contributions)._id)})`;
    case 'personSearch': {
      // Half the time, the name of a protected person: the attacker's own guess.
      const protectedOnes = [...stored.persons, ...stored.entries].filter((p) => String(p.name?.familyName ?? '').startsWith('Xq'));
      const target =
        random.chance(0.5) && protectedOnes.length > 0 ? random.pick(protectedOnes) : random.pick([...stored.persons, ...stored.entries]);
      searched = target;
      return `(name: ${str(`${target.name.forenames ?? ''} ${target.name.familyName}`.trim())})`;
    }
    case 'hitsOnOurRecords':
    case 'auditTrail':
    case 'releaseRequestsToUs':
    case 'ourReleaseRequests':
      return '(first: 5)';
    case 'auditIntegrity':
    case 'reviewQueue':
      return '';
    default:
      return null;
  }
}

/** Edges (`Type.field` of an object-typed field) the generated operations followed. */
const walked = new Set<string>();
/** Types the generated operations selected from with room to go deeper: each of their edges should be followed once. */
const opened = new Set<string>();
/** Types that are, or hold, a person-like record: the edges into them are always followed. */
const PERSON_EDGE_TYPES = new Set([
  'NationalPerson',
  'PersonEntry',
  'LinkedEntry',
  'EntityLink',
  'PersonEntryConnection',
  'NationalPersonMatchConnection',
  'PersonEntryMatchConnection',
  'NationalPersonMatch',
  'PersonEntryMatch',
  'NoticeMatchConnection',
  'NoticeMatch',
  'CaseFile',
  'Notice',
]);

/** A selection set over every field of a type (leaves always, objects with some chance, edges towards persons always), `depth` levels deep. */
function selectionOf(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (isUnionType(type))
    return `{ __typename ${type
      .getTypes()
      .map((member) => `... on ${member.name} ${selectionOf(member, depth)}`)
      .join(' ')} }`;
  if (!isObjectType(type)) return '';
  if (depth < MAX_DEPTH) opened.add(type.name);
  const fields = Object.values(type.getFields()).flatMap((field: GraphQLField<unknown, unknown>) => {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return [];
    const named = getNamedType(field.type);
    if (isLeafType(named) || isEnumType(named)) return [field.name];
    if (depth >= MAX_DEPTH || !(PERSON_EDGE_TYPES.has(named.name) || random.chance(0.6))) return [];
    const args = field.args.some((arg) => arg.name === 'first') ? '(first: 10)' : '';
    const inner = selectionOf(named, depth + 1);
    if (inner) walked.add(`${type.name}.${field.name}`);
    return inner ? [`${field.name}${args} ${inner}`] : [];
  });
  return `{ __typename ${fields.join(' ')} }`;
}

// ---- Checks on one answer. ----

const PERSON_TYPES = new Set(['NationalPerson', 'PersonEntry']);

/** Every object in an answer with its `__typename`, walking lists. */
function objectsIn(value: unknown, into: Record<string, any>[] = []): Record<string, any>[] {
  if (Array.isArray(value)) for (const item of value) objectsIn(item, into);
  else if (value && typeof value === 'object') {
    into.push(value as Record<string, any>);
    for (const inner of Object.values(value)) objectsIn(inner, into);
  }
  return into;
}

/**
 * The operator's accountability views name records by id and never hold content: an owner
 * sees the ids of its own records (hits on them, its review queue), an auditor the ids in
 * the entries it may read (whose scope is the audit's own rule). Their ids are checked
 * against that; names are checked everywhere.
 */
const ACCOUNTABILITY_ROOTS: Record<string, (record: Stored, caller: Caller) => boolean> = {
  hitsOnOurRecords: (record, caller) => record.provenance.owner === caller.agency,
  reviewQueue: (record, caller) => record.provenance.owner === caller.agency,
  auditTrail: () => true,
};

function checkAnswer(caller: Caller, query: string, body: any, root?: string): void {
  const text = JSON.stringify(body);
  const context = `seed ${SEED}, caller ${JSON.stringify(caller)}, query ${query}`;
  const namedByAccountability = (record: Stored) => !!root && !!ACCOUNTABILITY_ROOTS[root]?.(record, caller);
  // No hidden person, by id or by name, anywhere in the answer (data, errors, extensions).
  for (const person of stored.persons) {
    if (nationalPersonVisible(person, caller)) continue;
    if (text.includes(`"${person._id}"`) && !namedByAccountability(person))
      throw new Error(`national person ${person._id} (${person.role}, ${person.provenance.owner}) leaked: ${context}`);
    if (person.name.familyName.startsWith('Xq') && !query.includes(person.name.familyName) && text.includes(person.name.familyName))
      throw new Error(`name of ${person._id} leaked: ${context}`);
  }
  for (const entry of stored.entries) {
    if (entryVisible(entry, caller)) continue;
    if (text.includes(`"${entry._id}"`) && !namedByAccountability(entry))
      throw new Error(`person entry ${entry._id} (${entry.category}, ${entry.provenance.owner}) leaked: ${context}`);
    if (entry.name.familyName.startsWith('Xq') && !query.includes(entry.name.familyName) && text.includes(entry.name.familyName))
      throw new Error(`name of ${entry._id} leaked: ${context}`);
  }
  // Hit references are opaque.
  for (const error of body.errors ?? []) {
    const hit = error.extensions?.hit;
    if (hit && !HIT_REFERENCE_PATTERN.test(hit.reference)) throw new Error(`a hit reference names a record (${hit.reference}): ${context}`);
  }
  for (const object of objectsIn(body.data)) {
    // Persons in the answer are exactly the ones the caller may see and identify.
    if (PERSON_TYPES.has(object.__typename) && typeof object.id === 'string') {
      const person =
        object.__typename === 'NationalPerson'
          ? stored.persons.find((p) => p._id === object.id)
          : stored.entries.find((e) => e._id === object.id);
      const visible =
        person && (object.__typename === 'NationalPerson' ? nationalPersonVisible(person, caller) : entryVisible(person, caller));
      if (!visible) throw new Error(`${object.__typename} ${object.id} is in the answer: ${context}`);
    }
    // A notice's persons: every one the caller may see and identify (within its clearance), none else.
    if (object.__typename === 'Notice' && typeof object.id === 'string' && Array.isArray(object.nationalRecords)) {
      const listed = object.nationalRecords.map((p: { id?: string }) => p.id).filter(Boolean);
      if (listed.length === object.nationalRecords.length) {
        const expected = stored.persons
          .filter((p) => p.interpolNoticeId === object.id && nationalPersonVisible(p, caller) && withinClearance(p, caller))
          .map((p) => p._id);
        for (const id of expected)
          if (!listed.includes(id)) throw new Error(`notice ${object.id} lacks its visible person ${id}: ${context}`);
      }
    }
    if (object.__typename === 'CaseFile' && typeof object.id === 'string' && Array.isArray(object.persons)) {
      const listed = object.persons.map((p: { id?: string }) => p.id).filter(Boolean);
      if (listed.length === object.persons.length) {
        const expected = stored.persons
          .filter((p) => p.caseFileId === object.id && nationalPersonVisible(p, caller) && withinClearance(p, caller))
          .map((p) => p._id);
        for (const id of expected)
          if (!listed.includes(id)) throw new Error(`case file ${object.id} lacks its visible person ${id}: ${context}`);
      }
    }
    // Counts count only what can be listed: with every candidate on one page, the count is the page.
    for (const connection of ['nationalMatches', 'europolMatches', 'interpolMatches']) {
      const matches = object[connection];
      if (
        matches &&
        typeof matches.totalCount === 'number' &&
        Array.isArray(matches.nodes) &&
        matches.pageInfo?.hasNextPage === false &&
        matches.totalCount !== matches.nodes.length
      ) {
        throw new Error(`${connection} counts ${matches.totalCount} but lists ${matches.nodes.length}: ${context}`);
      }
    }
  }
}

/**
 * A search's counts against its full list: the same search, every candidate on one page,
 * counts exactly what it lists; the generated operation counted the same; and the person
 * whose name was searched for is listed when the caller may see and identify it.
 */
async function checkSearchCounts(caller: Caller, args: string, generated: any): Promise<void> {
  const query = `{ personSearch${args} { nationalMatches(first: 1000) { totalCount nodes { person { __typename id } } } europolMatches(first: 1000) { totalCount nodes { entry { __typename id } } } } }`;
  const { body } = await federation.queryAs<any>(
    {
      agency: caller.agency,
      user: caller.user,
      roles: caller.roles,
      clearance: caller.clearance,
      projects: caller.projects,
      purposes: [caller.purpose],
    },
    caller.purpose,
    query,
  );
  checkAnswer(caller, query, body);
  const context = `seed ${SEED}, caller ${JSON.stringify(caller)}, query ${query}`;
  for (const [connection, recordField, visible, records] of [
    ['nationalMatches', 'person', nationalPersonVisible, stored.persons],
    ['europolMatches', 'entry', entryVisible, stored.entries],
  ] as const) {
    const full = body.data?.personSearch?.[connection];
    if (!full) continue;
    if (full.totalCount !== full.nodes.length)
      throw new Error(`${connection} counts ${full.totalCount} but lists ${full.nodes.length}: ${context}`);
    const counted = generated.data?.personSearch?.[connection]?.totalCount;
    if (typeof counted === 'number' && counted !== full.totalCount)
      throw new Error(`${connection} counted ${counted} in the generated operation, ${full.totalCount} in full: ${context}`);
    const listed = full.nodes.map((node: any) => node[recordField].id);
    if (
      searched &&
      records.includes(searched) &&
      visible(searched, caller) &&
      withinClearance(searched, caller) &&
      !listed.includes(searched._id)
    ) {
      throw new Error(`${connection} does not list ${searched._id}, which the caller may see: ${context}`);
    }
  }
}

function randomCaller(): Caller {
  const agency = random.pick(DEV_AGENCIES);
  const roles = random.some(ROLES, 3);
  if (roles.length === 0) roles.push(random.pick(ROLES));
  return {
    agency: agency.code,
    kind: agency.kind,
    groups: [...(agency.groups ?? [])],
    user: `prop-${random.int(1000)}`,
    roles,
    clearance: random.pick(CLASSIFICATIONS),
    projects: random.some(
      stored.projects.map((p) => p._id),
      2,
    ),
    purpose: random.chance(0.8) ? 'CRIMINAL_INVESTIGATION' : random.pick(PURPOSES),
  };
}

it(`over ${RUNS} generated operations, no answer reveals a person, a role or a name the caller may not see`, async () => {
  const roots = Object.values(schema.getQueryType()!.getFields()).filter((field) => rootArguments(field.name, randomCaller()) !== null);
  expect(roots.map((f) => f.name)).toEqual(
    expect.arrayContaining([
      'notices',
      'personSearch',
      'biometricCheck',
      'caseFile',
      'analysisProject',
      'wantedList',
      'person',
      'personEntry',
    ]),
  );
  let answered = 0;
  for (let run = 0; run < RUNS; run++) {
    // Every root field in turn, so that each is walked in every run of at least that many operations.
    const root = roots[run % roots.length]!;
    const caller = randomCaller();
    const args = rootArguments(root.name, caller)!;
    const named = getNamedType(root.type);
    const selection = isLeafType(named) ? '' : selectionOf(named, 1);
    const query = `{ ${root.name}${args} ${selection} }`;
    const { body } = await federation.queryAs<any>(
      {
        agency: caller.agency,
        user: caller.user,
        roles: caller.roles,
        clearance: caller.clearance,
        projects: caller.projects,
        purposes: [caller.purpose],
      },
      caller.purpose,
      query,
    );
    if (body.data) answered++;
    checkAnswer(caller, query, body, root.name);
    if (root.name === 'personSearch') await checkSearchCounts(caller, args, body);
  }
  // The walk reached data, not only refusals.
  expect(answered).toBeGreaterThan(RUNS / 4);
  // Every edge of the schema that leads to a person-like record was followed.
  if (RUNS >= roots.length) {
    const personEdges = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .filter((type) => !type.name.startsWith('__') && type.name !== 'Query')
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((field) =>
            ['NationalPerson', 'PersonEntry', 'LinkedEntry', 'PersonEntryConnection'].includes(getNamedType(field.type).name),
          )
          .map((field) => `${type.name}.${field.name}`),
      );
    expect(personEdges.length).toBeGreaterThan(5);
    expect(personEdges.filter((edge) => !walked.has(edge))).toEqual([]);
    // And every entity edge of every type the operations reached with room to go deeper.
    const edgesOf = (name: string) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) return [];
      return Object.values(type.getFields())
        .filter((field) => !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined))
        .filter((field) => isObjectType(getNamedType(field.type)) || isUnionType(getNamedType(field.type)))
        .map((field) => `${name}.${field.name}`);
    };
    expect([...opened].flatMap(edgesOf).filter((edge) => !walked.has(edge))).toEqual([]);
  }
}, 600_000);

it('the oracle is not vacuous: the seeded data holds persons hidden from a typical analyst and persons shown to it', () => {
  const analyst: Caller = {
    agency: 'NCB-FR',
    kind: 'NCB',
    groups: [],
    user: 'x',
    roles: ['ANALYST', 'AP_ANALYST'],
    clearance: 'SECRET',
    projects: [],
    purpose: 'CRIMINAL_INVESTIGATION',
  };
  expect(stored.persons.some((p) => !nationalPersonVisible(p, analyst) && releasable(p, analyst))).toBe(true);
  expect(stored.persons.some((p) => nationalPersonVisible(p, analyst) && p.provenance.owner !== 'NCB-FR')).toBe(true);
  expect(stored.entries.some((e) => !entryVisible(e, analyst) && releasable(e, analyst))).toBe(true);
  expect(stored.notices.some((n) => n._id === STORY.redNotice.id)).toBe(true);
});
