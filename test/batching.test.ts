import { subgraphRegistry } from '@intel-gateway/shared/registry';
import { STORY } from '@intel-gateway/tools';
import { DEFAULT_CALLER, postGraphQL, startTestFederation, type TestFederation, type TestSubgraph } from './harness';

/** The default caller, as a member of the analysis project the seeded notices' entries sit in. */
const PROJECT_MEMBER = { ...DEFAULT_CALLER, projects: [STORY.project] };

/**
 * Batching is measured, not assumed: the database commands a subgraph sends for an
 * operation resolving 1 entity must equal those for 200 entities.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation({ seedSize: 2_000 });
});
afterAll(() => federation.stop());

/** Runs an operation against one subgraph directly and returns the command names it caused. */
async function commandsFor(subgraph: TestSubgraph, query: string, variables: Record<string, unknown>): Promise<string[]> {
  subgraph.commands.length = 0;
  const { body } = await postGraphQL(subgraph.url, query, variables, await subgraph.gatewayHeaders(query, variables));
  expect(body.errors).toBeUndefined();
  return subgraph.commands.map((c) => c.name);
}

/** Up to `limit` stored records, read straight from the subgraph's database. */
async function storedRecords(
  subgraph: TestSubgraph,
  collection: string,
  limit: number,
  filter: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  const records = await subgraph.connection.collection(collection).find(filter).sort({ _id: 1 }).limit(limit).toArray();
  expect(records.length).toBeGreaterThan(1);
  return records;
}

const ENTITIES = `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { __typename ...F } }`;

describe('one database query per type, whatever the number of entities', () => {
  it('interpol: travel documents checked against SLTD', async () => {
    const interpol = federation.subgraphs.interpol;
    const docs = (await storedRecords(interpol, 'sltd', 200)).map((d) => ({
      __typename: 'TravelDocument',
      issuingCountry: d.issuingCountry,
      documentType: d.documentType,
      number: d.number,
    }));
    const query = `${ENTITIES} fragment F on TravelDocument { number sltd { id status } }`;
    const one = await commandsFor(interpol, query, { representations: docs.slice(0, 1) });
    const many = await commandsFor(interpol, query, { representations: docs });
    expect(one).toEqual(['find']);
    expect(many).toEqual(one);
  });

  it('interpol: notices by id', async () => {
    const interpol = federation.subgraphs.interpol;
    const notices = (await storedRecords(interpol, 'notices', 200)).map((n) => ({ __typename: 'Notice', id: n._id }));
    const query = `${ENTITIES} fragment F on Notice { id type subject { name { familyName } } }`;
    const one = await commandsFor(interpol, query, { representations: notices.slice(0, 1) });
    const many = await commandsFor(interpol, query, { representations: notices });
    expect(one).toEqual(['find']);
    expect(many).toEqual(one);
  });

  it('national: persons linked to notices, with their case files (two types, two queries)', async () => {
    const national = federation.subgraphs.national;
    const noticeIds = [
      ...new Set((await storedRecords(national, 'persons', 200, { interpolNoticeId: { $ne: null } })).map((p) => p.interpolNoticeId)),
    ];
    const interpolNotices = (await storedRecords(federation.subgraphs.interpol, 'notices', 200)).map((n) => n._id);
    const representations = [...new Set([...noticeIds, ...interpolNotices])].slice(0, 200).map((id) => ({ __typename: 'Notice', id }));
    expect(representations.length).toBe(200);
    const query = `${ENTITIES} fragment F on Notice { id nationalRecords { id role caseFile { id title persons { id } } } }`;
    const one = await commandsFor(national, query, { representations: representations.slice(0, 1) });
    const many = await commandsFor(national, query, { representations });
    expect(many).toEqual(['find', 'find', 'find']);
    expect(one.length).toBeLessThanOrEqual(many.length);
    // With one notice that has national records, the plan is the same three queries.
    const linked = representations.filter((r) => noticeIds.includes(r.id)).slice(0, 1);
    expect(await commandsFor(national, query, { representations: linked })).toEqual(many);
  });

  it('national: case files mentioning travel documents and vehicles', async () => {
    const national = federation.subgraphs.national;
    const docs = (await storedRecords(federation.subgraphs.interpol, 'sltd', 200)).map((d) => ({
      __typename: 'TravelDocument',
      issuingCountry: d.issuingCountry,
      documentType: d.documentType,
      number: d.number,
    }));
    const query = `${ENTITIES} fragment F on TravelDocument { number cases { id persons { id } } }`;
    const one = await commandsFor(national, query, { representations: docs.slice(0, 1) });
    const many = await commandsFor(national, query, { representations: docs });
    expect(many).toEqual(['find', 'find']);
    expect(one.length).toBeLessThanOrEqual(many.length);
  });

  it('europol: entries citing notices, with projects and links', async () => {
    const europol = federation.subgraphs.europol;
    const cited = (await storedRecords(europol, 'personEntries', 50, { interpolNoticeId: { $ne: null } })).map((p) => p.interpolNoticeId);
    const representations = [...new Set(cited)].map((id) => ({ __typename: 'Notice', id }));
    const query = `${ENTITIES} fragment F on Notice { id europolEntries { id category project { code name } links { id kind } } }`;
    const one = await commandsFor(europol, query, { representations: representations.slice(0, 1) });
    const many = await commandsFor(europol, query, { representations });
    // The caller's projects (once per request), entries by notice, projects, links, and the
    // links' two ends (persons, objects), loaded to drop a link whose end is not released.
    expect(one).toEqual(['find', 'find', 'find', 'find', 'find', 'find']);
    expect(many).toEqual(one);
  });

  it('through the gateway: 1 and 100 notices cost each subgraph the same number of queries', async () => {
    const query = `query List($first: Int!) {
      notices(first: $first) { nodes { id subject { name { familyName } } nationalRecords { id caseFile { title } } europolEntries { id project { name } } } }
    }`;
    const count = async (first: number) => {
      for (const subgraph of Object.values(federation.subgraphs)) subgraph.commands.length = 0;
      // A member of the project whose victim the first notice cites, so that the entry is listed.
      const { body } = await federation.queryAs(PROJECT_MEMBER, 'CRIMINAL_INVESTIGATION', query, { first });
      expect(body.errors).toBeUndefined();
      expect(body.data.notices.nodes.length).toBe(first);
      return Object.fromEntries(Object.values(federation.subgraphs).map((s) => [s.name, s.commands.length]));
    };
    // The first notice has national and Europol records, so every fetch in the plan runs.
    const single = await count(1);
    const hundred = await count(100);
    // Europol: the projects the caller's agency takes part in and those of its user's projects
    // it may read (once each per request), entries by notice, their projects.
    // Every other subgraph (accountability, any contributed one) sends nothing.
    expect(single).toEqual({ ...Object.fromEntries(subgraphRegistry.map((s) => [s.name, 0])), interpol: 1, national: 2, europol: 4 });
    expect(hundred).toEqual(single);
  });
});
